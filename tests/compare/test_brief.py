"""build_brief: every section from one prepare and one parse; batch records; the Munich example."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

import newsfuse
from newsfuse.compare.brief.build import brief_prepared, build_brief, check_settings, compare_record
from newsfuse.embed import HashingEmbedder
from newsfuse.errors import InputError
from newsfuse.models import Article, Brief, Story
from newsfuse.pipeline import prepare
from newsfuse.settings import DEFAULT

MUNICH = Path(__file__).resolve().parents[2] / "examples" / "munich-2016"

A = (
    "Secretary of State John Kerry met Russian Foreign Minister Sergey Lavrov in Munich on "
    "Thursday. The ministers agreed that 17 nations would back a ceasefire in Syria. "
    "“This meeting will tell a lot about the road ahead,” Kerry said. "
    "Peace talks are scheduled to resume on February 25 in Geneva."
)
B = (
    "John Kerry and Sergey Lavrov met in Munich on Thursday. The ministers agreed that 20 "
    "nations would back a ceasefire in Syria. Lavrov told reporters the plan was fair. "
    "“This meeting will tell a lot about the road ahead,” Kerry said after the talks."
)


def _story() -> Story:
    return Story(
        "munich",
        (
            Article("a", A, source="Wire", published=dt.datetime(2016, 2, 12)),
            Article("b", B, source="Daily", published=dt.datetime(2016, 2, 12)),
        ),
        "Munich talks",
    )


def test_check_settings_rejects_unknown_methods_and_empty_budgets() -> None:
    with pytest.raises(InputError, match="unknown method 'nope'"):
        check_settings(DEFAULT.with_(method="nope"))
    with pytest.raises(InputError, match="word budget"):
        check_settings(DEFAULT.with_(words=0))
    check_settings(DEFAULT)


def test_no_articles_is_an_input_error() -> None:
    with pytest.raises(InputError, match="no articles"):
        build_brief([], embedder=HashingEmbedder())
    with pytest.raises(InputError, match="no articles"):
        build_brief(Story("s", ()), embedder=HashingEmbedder())


@pytest.mark.slow
def test_brief_has_every_section_and_round_trips_through_json() -> None:
    brief = build_brief(_story(), DEFAULT.with_(words=40), HashingEmbedder())
    assert brief.story.id == "munich"
    assert 0 < brief.summary.words <= 40
    assert len(brief.sentences) == 8
    assert any(c.coverage == "all" for c in brief.claims)
    (quote,) = brief.quotes
    assert quote.speaker == "John Kerry"
    assert quote.sources == ("a", "b")
    people = {e.name: e.mentions for e in brief.entities if e.label == "PERSON"}
    assert people["John Kerry"] == {"a": 2, "b": 2}
    assert people["Sergey Lavrov"] == {"a": 1, "b": 2}
    assert [(e.date.isoformat(), e.expression) for e in brief.timeline] == [
        ("2016-02-11", "Thursday"),
        ("2016-02-25", "February 25"),
    ]
    assert [c.article_id for c in brief.timeline[0].citations] == ["a", "b"]
    # Every citation resolves to a sentence of the brief.
    for cs in brief.summary.sentences:
        for c in cs.citations:
            assert brief.sentence(c.article_id, c.sentence_index).article_id == c.article_id
    assert Brief.from_json(brief.to_json()) == brief


@pytest.mark.slow
def test_brief_is_exported_and_accepts_a_list_of_articles() -> None:
    brief = newsfuse.brief(list(_story().articles), embedder=HashingEmbedder())
    assert [a.id for a in brief.story.articles] == ["a", "b"]
    assert brief.quotes and brief.entities


@pytest.mark.slow
def test_compare_record_names_documents_by_id_and_sentences_by_text() -> None:
    prepared = prepare(_story(), HashingEmbedder())
    record = compare_record(prepared, DEFAULT)
    assert set(record) == {"id", "conflicts", "claims", "quotes"}
    assert record["id"] == "munich"
    conflict = next(c for c in record["conflicts"] if c["kind"] == "quantity")
    assert (conflict["doc_a"], conflict["doc_b"]) == ("a", "b")
    assert (conflict["value_a"], conflict["value_b"]) == ("17", "20")
    assert conflict["sent_a"] in A and conflict["sent_b"] in B
    assert 0 < conflict["confidence"] <= 1 and conflict["reason"].startswith("same fact:")
    # One fact stated with two values is a conflict, never a shared claim.
    together = [
        c
        for c in record["claims"]
        if {s["sent"] for s in c["sentences"]} >= {conflict["sent_a"], conflict["sent_b"]}
    ]
    assert together == []
    shared = [c for c in record["claims"] if c["coverage"] == "all"]
    assert shared and all(c["docs"] == ["a", "b"] for c in shared)
    (quote,) = record["quotes"]
    assert quote["speaker"] == "John Kerry" and quote["docs"] == ["a", "b"]
    json.dumps(record)  # JSON-safe


@pytest.mark.slow
def test_munich_example_quotes_and_timeline() -> None:
    """Acceptance: speakers by full name, and Feb. 25, March 1 and Thursday resolved."""
    articles = newsfuse.load([MUNICH])
    assert {a.id: a.published for a in articles} == {
        "cnn": dt.datetime(2016, 2, 10),
        "npr": dt.datetime(2016, 2, 11),
    }
    story = newsfuse.make_story(articles)
    brief = brief_prepared(prepare(story, HashingEmbedder()), DEFAULT)

    def spoken_by(speaker: str) -> list[str]:
        return [q.text for q in brief.quotes if q.speaker == speaker]

    assert any(t.startswith("Russia’s activities in Aleppo") for t in spoken_by("John Kerry"))
    assert not any(q.text == "concrete plan" for q in brief.quotes)  # two words: no quote
    mcgurk = spoken_by("Brett McGurk")
    assert any(t.startswith("The Russians claim") for t in mcgurk)
    assert any(t.startswith("The situation is totally unacceptable") for t in mcgurk)  # "he"
    medvedev = spoken_by("Dmitry Medvedev")
    assert any(t.startswith("It would be impossible to win such a war") for t in medvedev)
    assert any(t.startswith("fail to negotiate") for t in medvedev)  # "He told ..."

    dated = {(e.expression, e.date) for e in brief.timeline}
    assert ("March 1", dt.date(2016, 3, 1)) in dated
    assert ("Feb. 25", dt.date(2016, 2, 25)) in dated or (
        "February 25",
        dt.date(2016, 2, 25),
    ) in dated
    thursday = [e for e in brief.timeline if e.expression == "Thursday"]
    assert thursday and {e.date for e in thursday} == {dt.date(2016, 2, 11)}
    assert [e.date for e in brief.timeline] == sorted(e.date for e in brief.timeline)
