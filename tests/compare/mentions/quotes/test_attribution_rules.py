"""One test per attribution rule added for misparsed or split attributions (invented text)."""

from __future__ import annotations

import pytest

from newsfuse.compare.mentions.quotes import find_quotes
from newsfuse.embed import HashingEmbedder
from newsfuse.models import Article, Quote, Story
from newsfuse.pipeline import prepare

pytestmark = pytest.mark.slow  # the spaCy model


def _quotes(*texts: str) -> list[Quote]:
    articles = tuple(Article(id=f"a{i}", text=t, source=f"Outlet {i}") for i, t in enumerate(texts))
    return find_quotes(prepare(Story("s", articles), HashingEmbedder()))


def _speaker(quotes: list[Quote], words: str) -> str:
    found = [q for q in quotes if words in q.text]
    assert len(found) == 1, [q.text for q in quotes]
    return found[0].speaker


def test_an_attribution_cut_off_after_a_question_mark_is_the_quotes() -> None:
    quotes = _quotes(
        "Senator Paula Okafor spoke to the committee on Monday.\n"
        "“What have you all been doing, Tom? Have you been naming post offices?” Okafor said. "
        "The bill passed later."
    )
    assert _speaker(quotes, "naming post offices") == "Paula Okafor"


def test_who_said_is_the_person_named_before_who_and_the_next_he() -> None:
    quotes = _quotes(
        "Judge Harold Brinks questioned the lawyer Sam Ortiz at length.\n"
        "The argument also drew the anger of Judge Peter Lanz who said he was confused by it. "
        "“If someone tells you what to do, you have no choice at all,” he said."
    )
    assert _speaker(quotes, "no choice at all") == "Peter Lanz"


def test_a_name_the_parse_hung_on_an_infinitive_is_the_subject() -> None:
    quotes = _quotes(
        "The resolution was introduced by Rep. Ann Forbes, R-Va. It passed in a 402-7 vote.\n"
        "After the vote, Rep. Carl Mendes, D-Va., one of the seven lawmakers to vote against the "
        "resolution, said “the nation faces bigger problems than a motto on its coins.”"
    )
    assert _speaker(quotes, "bigger problems") == "Carl Mendes"


def test_a_name_before_a_speech_gerund_is_its_subject() -> None:
    quotes = _quotes(
        "Gov. Alan Pruitt released a new ad on Monday.\n"
        "His last ad ends with Pruitt claiming, “hard work built this state. It can build it "
        "again.”"
    )
    assert _speaker(quotes, "hard work built") == "Alan Pruitt"


def test_a_name_before_said_made_a_conjunct_of_the_noun_before_is_the_subject() -> None:
    quotes = _quotes(
        "But the two remedies require different standards for class certification and Justice "
        "Mara Ellison said it was “a very serious problem for the whole case” on Tuesday."
    )
    assert _speaker(quotes, "very serious problem") == "Mara Ellison"


def test_a_surname_the_tagger_takes_for_a_noun_resolves_to_the_full_name() -> None:
    quotes = _quotes(
        "The lawyer Joseph Sellers argued for the workers.\n"
        "“The decisions are informed by the values the company provides,” Sellers said."
    )
    assert _speaker(quotes, "values the company provides") == "Joseph Sellers"


def test_the_attribution_right_after_the_closing_comma_wins() -> None:
    quotes = _quotes(
        "The indictment describes a scene from an old film.\n"
        "In the film, the character testifies and “claims not to know what he does in fact know,” "
        "the indictment recounts."
    )
    assert _speaker(quotes, "in fact know") == "the indictment"


def test_a_speech_noun_whose_phrase_the_quote_goes_on_names_the_speaker() -> None:
    quotes = _quotes(
        "Actress Joan Pike posed for a photo shoot.\n"
        "Pike claims that the image is an expression of art inspired by Mayor Ron Tully’s "
        "comments about the reporter having “fire coming out of her ears all night.”"
    )
    assert _speaker(quotes, "fire coming out") == "Ron Tully"


def test_a_noun_root_sentence_takes_its_finite_speech_verb() -> None:
    quotes = _quotes(
        "The July indictment of 12 officers in connection with the hack of a server during the "
        "election referred to Stone as “a person in regular contact with the campaign staff.”"
    )
    assert _speaker(quotes, "regular contact") == "The July indictment"


def test_an_unattributed_quote_after_indirect_speech_takes_that_voice() -> None:
    quotes = _quotes(
        "On Tuesday, Betty Lorne walked out of the court saying she feels no anger toward "
        "anyone. “The company may be big and that is no doubt. But it is not too big to be "
        "challenged in a court of law.”\n"
        "The case drew wide attention."
    )
    assert _speaker(quotes, "too big to be") == "Betty Lorne"


def test_he_after_a_sentence_acting_on_one_person_is_that_person() -> None:
    quotes = _quotes(
        "Mr. Carl Dorsey answered that “there is broad discretion given to the managers here.”\n"
        "That did not satisfy Justice Omar Feld. “If somebody tells you how to use discretion, "
        "you do not have discretion,” he said."
    )
    assert _speaker(quotes, "do not have discretion") == "Omar Feld"


def test_casting_someone_as_the_quoted_words_makes_the_subject_the_speaker() -> None:
    quotes = _quotes(
        "As a boy he studied for two years with Samir Haddad, an old teacher, who remembers "
        "him as “bright, kind to others, deeply curious and very calm.”"
    )
    assert _speaker(quotes, "deeply curious") == "Samir Haddad"


def test_a_speaker_the_quote_names_as_an_owner_goes_after_the_others() -> None:
    quotes = _quotes(
        "The indictment was unsealed on Friday.\n"
        "Vance, according to the indictment, told Ruiz that he should keep quiet before the "
        "committee “to avoid contradicting Vance’s own testimony.”"
    )
    assert _speaker(quotes, "contradicting") == "the indictment"


def test_a_name_tagged_as_an_organization_sharing_a_story_surname_is_a_person() -> None:
    quotes = _quotes(
        "Police questioned Omar Olund and his wife on Monday.\n"
        "“The agents behaved correctly, they were not threatening at all,” said Nafissa Olund.\n"
        "They searched the whole house, she said. She ran to the station that evening. “He "
        "took my hand and told me that he was glad I was back,” she said."
    )
    assert _speaker(quotes, "glad I was back") == "Nafissa Olund"


def test_the_person_a_speech_participle_modifies_is_its_subject() -> None:
    quotes = _quotes(
        "And on Saturday, one day before Attorney General Ned Park released a short summary of "
        "Mueller’s findings, former Texas Rep. Cal O’Malley charged on the campaign trail in "
        "South Carolina that you “have a president who sought to work with a foreign power "
        "to undermine our elections.”"
    )
    assert _speaker(quotes, "foreign power") == "Cal O’Malley"
