"""Sentence splitting: offsets into the text, paragraph breaks, news abbreviations."""

from __future__ import annotations

from newsfuse.models import Article
from newsfuse.text.sentences import split_article, split_spans


def test_offsets_point_into_the_text_and_are_trimmed() -> None:
    text = "  First sentence here.  Second one follows!\n\nA new paragraph starts.\n"
    spans = list(split_spans(text))
    parts = [text[s:e] for s, e in spans]
    assert parts == ["First sentence here.", "Second one follows!", "A new paragraph starts."]


def test_news_abbreviations_do_not_end_sentences() -> None:
    text = (
        "The U.S. envoy met Gen. Smith on Feb. 25 in Washington. "
        "Talks resume on March 1, officials said."
    )
    parts = [text[s:e] for s, e in split_spans(text)]
    assert parts == [
        "The U.S. envoy met Gen. Smith on Feb. 25 in Washington.",
        "Talks resume on March 1, officials said.",
    ]


def test_a_line_break_ends_a_heading() -> None:
    text = "4 Questions Answered On The Talks\nThe talks began on Monday."
    assert [text[s:e] for s, e in split_spans(text)] == [
        "4 Questions Answered On The Talks",
        "The talks began on Monday.",
    ]


def test_split_article_numbers_sentences() -> None:
    a = Article("x", "One is here. Two is there.\nThree.")
    sents = split_article(a)
    assert [s.index for s in sents] == [0, 1, 2]
    assert all(a.text[s.start : s.end] == s.text for s in sents)
    assert {s.article_id for s in sents} == {"x"}


def test_empty_and_blank_text_has_no_sentences() -> None:
    assert list(split_spans("")) == []
    assert list(split_spans(" \n\n \n")) == []


def _parts(text: str) -> list[str]:
    return [text[s:e] for s, e in split_spans(text)]


def test_name_initials_do_not_end_sentences() -> None:
    assert _parts("The last president, F.W. de Klerk, spoke. Then he left.") == [
        "The last president, F.W. de Klerk, spoke.",
        "Then he left.",
    ]
    assert _parts("Ask Michael R. Bloomberg about Donald J. Trump today. Yes.") == [
        "Ask Michael R. Bloomberg about Donald J. Trump today.",
        "Yes.",
    ]


def test_an_initialism_can_still_end_a_sentence() -> None:
    assert _parts("He lied to the F.B.I. Michael T. Flynn admitted it.") == [
        "He lied to the F.B.I.",
        "Michael T. Flynn admitted it.",
    ]


def test_state_abbreviations_in_parentheses_do_not_end_sentences() -> None:
    assert _parts("Sens. Tim Kaine (D-Va.), who ran, did not vote. He was away.") == [
        "Sens. Tim Kaine (D-Va.), who ran, did not vote.",
        "He was away.",
    ]
    assert _parts("Whip Kevin McCarthy (R-Calif.) said the vote was close. He left.") == [
        "Whip Kevin McCarthy (R-Calif.) said the vote was close.",
        "He left.",
    ]


def test_honorifics_do_not_end_sentences_and_a_plain_word_does() -> None:
    assert _parts("Rep. Ann Lee (D-Calif.) said so. Gov. Rick Scott agreed.") == [
        "Rep. Ann Lee (D-Calif.) said so.",
        "Gov. Rick Scott agreed.",
    ]
    assert _parts("Sen. John Cornyn, R-Texas, said. Sen. Chuck Lee agreed.") == [
        "Sen. John Cornyn, R-Texas, said.",
        "Sen. Chuck Lee agreed.",
    ]


def test_datelines_and_bylines_are_not_part_of_the_first_sentence() -> None:
    text = "By Dana Roe\nJERUSALEM (AP) _ A bomb exploded. Police came.\nWASHINGTON — It passed."
    assert _parts(text) == ["A bomb exploded.", "Police came.", "It passed."]
