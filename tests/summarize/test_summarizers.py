"""Guarantees every summarizer gives: verbatim sentences, valid citations, the budget, no
near-duplicates, and citations of every source that says the same thing."""

from __future__ import annotations

import itertools

import pytest

from newsfuse.embed import HashingEmbedder
from newsfuse.pipeline import prepare
from newsfuse.settings import DEFAULT
from newsfuse.summarize import SUMMARIZERS

from .storybuilder import build_story

SHARED = "The central bank raised its main interest rate by half a point on Tuesday morning."
STORY = build_story(
    (
        SHARED,
        "Officials said inflation had stayed above the target for eleven months in a row.",
        "Markets fell sharply after the announcement, with bank shares leading the losses.",
        "The governor will speak to parliament about the decision next week in the capital.",
    ),
    (
        SHARED,
        "Economists had expected a smaller increase given the slowing housing market lately.",
        "The currency rose against the dollar within minutes of the statement being published.",
    ),
    (
        "Farmers in the north reported a record harvest of wheat and barley this autumn season.",
        "The central bank raised its main interest rate by half a point on Tuesday.",
        "Critics argued the move would hurt small businesses that rely on cheap credit lines.",
    ),
)


@pytest.fixture(scope="module")
def prepared():  # type: ignore[no-untyped-def]
    return prepare(STORY, HashingEmbedder())


@pytest.mark.parametrize("method", list(SUMMARIZERS))
@pytest.mark.parametrize("words", [8, 20, 35, 60, 500])
def test_summary_is_verbatim_cited_and_within_budget(prepared, method: str, words: int) -> None:  # type: ignore[no-untyped-def]
    summary = SUMMARIZERS[method](prepared, DEFAULT.with_(words=words))
    assert summary.method == method
    assert summary.words <= words
    texts = {a.id: a.text for a in STORY.articles}
    for cs in summary.sentences:
        s = cs.sentence
        assert texts[s.article_id][s.start : s.end] == s.text
        assert cs.citations[0].article_id == s.article_id
        assert cs.citations[0].sentence_index == s.index
        for c in cs.citations:
            cited = prepared.sentences[prepared.position(c.article_id, c.sentence_index)]
            assert cited.article_id == c.article_id
        assert len({c.article_id for c in cs.citations}) == len(cs.citations)


@pytest.mark.parametrize("method", list(SUMMARIZERS))
def test_no_near_duplicates_and_budget_is_used(prepared, method: str) -> None:  # type: ignore[no-untyped-def]
    settings = DEFAULT.with_(words=60)
    summary = SUMMARIZERS[method](prepared, settings)
    assert summary.words > 30, "a 60-word budget over 10 eligible sentences should be filled"
    rows = [prepared.position(s.sentence.article_id, s.sentence.index) for s in summary.sentences]
    for i, j in itertools.combinations(rows, 2):
        assert float(prepared.vectors[i] @ prepared.vectors[j]) < settings.redundancy_threshold


def test_shared_sentence_cites_every_source_that_reports_it(prepared) -> None:  # type: ignore[no-untyped-def]
    summary = SUMMARIZERS["newsfuse"](prepared, DEFAULT.with_(words=40))
    lead = [s for s in summary.sentences if s.text.startswith("The central bank raised")]
    assert lead, "the one fact all three outlets report belongs in the summary"
    assert {c.article_id for c in lead[0].citations} == {"a0", "a1", "a2"}
    # Only one copy of the fact is selected.
    assert len(lead) == 1


def test_unrelated_sentence_is_not_cited(prepared) -> None:  # type: ignore[no-untyped-def]
    summary = SUMMARIZERS["newsfuse"](prepared, DEFAULT.with_(words=500))
    for cs in summary.sentences:
        if cs.text.startswith("Farmers"):
            assert [c.article_id for c in cs.citations] == ["a2"]


def test_questions_headings_and_fragments_are_never_selected() -> None:
    story = build_story(
        (
            "What happens next?",
            "Here is what we know:",
            "Short line.",
            "The mayor announced a new plan for public transport across the whole city today.",
        ),
    )
    p = prepare(story, HashingEmbedder())
    for method, fn in SUMMARIZERS.items():
        summary = fn(p, DEFAULT.with_(words=100))
        assert [s.text for s in summary.sentences] == [story.articles[0].text.splitlines()[3]], (
            method
        )


def test_reading_order_puts_leads_first(prepared) -> None:  # type: ignore[no-untyped-def]
    summary = SUMMARIZERS["newsfuse"](prepared, DEFAULT.with_(words=500))
    length = {aid: len(rows) for aid, rows in prepared.by_article.items()}
    sents = [s.sentence for s in summary.sentences]
    # consecutive sentences of one article stay together: order the runs by where they start
    starts = [
        s.index / length[s.article_id]
        for k, s in enumerate(sents)
        if not (k and sents[k - 1].article_id == s.article_id and sents[k - 1].index == s.index - 1)
    ]
    assert len(sents) > 3
    assert starts == sorted(starts)


def test_a_story_with_no_standalone_sentence_still_gets_a_summary() -> None:
    story = build_story(("café au lait is what the mayor ordered every single morning.",))
    p = prepare(story, HashingEmbedder())
    for method, fn in SUMMARIZERS.items():
        assert fn(p, DEFAULT.with_(words=50)).text.startswith("café"), method


LEANING = "He said the governor expects prices to calm down once the winter heating season ends."


@pytest.mark.parametrize(
    ("before", "chosen"),
    [
        ("The governor of the central bank spoke to reporters in the capital on Tuesday.", True),
        ("What did the governor of the central bank tell the reporters on Tuesday?", False),
    ],
)
def test_a_sentence_leaning_on_the_one_before_comes_only_right_after_it(
    before: str, chosen: bool
) -> None:
    story = build_story(
        (before, LEANING),
        (
            SHARED,
            "Officials said inflation had stayed above the target for eleven months in a row.",
        ),
        (SHARED, "Economists had expected a smaller increase given the slowing housing market."),
    )
    summary = SUMMARIZERS["newsfuse"](prepare(story, HashingEmbedder()), DEFAULT.with_(words=200))
    texts = [s.text for s in summary.sentences]
    assert (LEANING in texts) is chosen  # a question before it is no candidate: nor is it
    if chosen:
        assert texts[texts.index(LEANING) - 1] == before


def test_the_rest_of_a_quotation_is_never_chosen_as_a_statement_of_its_own() -> None:
    opening = "“The council has failed this city,” the mayor said on Tuesday."
    quoted = "“It broke its word. The central bank raised its main interest rate by half a point.”"
    story = build_story(
        (opening + " " + quoted,),
        (
            SHARED,
            "Officials said inflation had stayed above the target for eleven months in a row.",
        ),
        (SHARED, "Economists had expected a smaller increase given the slowing housing market."),
    )
    p = prepare(story, HashingEmbedder())
    rest = "The central bank raised its main interest rate by half a point.”"
    assert rest in [s.text for s in p.sentences]
    for words in (12, 20, 40, 200):
        texts = [s.text for s in SUMMARIZERS["newsfuse"](p, DEFAULT.with_(words=words)).sentences]
        if rest in texts:  # only as the end of the quotation, after its opening
            assert texts[texts.index(rest) - 1] == "“It broke its word."
            assert texts[texts.index(rest) - 2] == opening
