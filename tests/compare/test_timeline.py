"""The timeline: resolved dates in order, merged across sources, each cited.

Every test reads the spaCy parse (who acts on each date), so all are ``slow``."""

from __future__ import annotations

import datetime as dt

import pytest

from newsfuse.compare.mentions.timeline import SAME_EVENT, build_timeline
from newsfuse.embed import HashingEmbedder
from newsfuse.models import Article, Story, TimelineEvent
from newsfuse.pipeline import prepare

pytestmark = pytest.mark.slow


def _timeline(*articles: tuple[str, dt.datetime | None]) -> list[TimelineEvent]:
    story = Story(
        "s",
        tuple(Article(id=f"a{i}", text=t, published=p) for i, (t, p) in enumerate(articles)),
    )
    return build_timeline(prepare(story, HashingEmbedder()))


THU = dt.datetime(2016, 2, 11, 9, 0)
WED = dt.datetime(2016, 2, 10)


def test_events_are_resolved_and_sorted_coarse_first() -> None:
    events = _timeline(
        (
            "Russia has proposed a ceasefire that would start on March 1.\n"
            "Syrian peace talks are scheduled to resume Feb. 25 in Geneva.\n"
            "The talks stalled last month before they had really started.\n"
            "Chemical weapons were used in the war in 2013, officials said.\n"
            "The foreign ministers will meet in Munich on Thursday evening.",
            THU,
        )
    )
    got = [(e.date.isoformat(), e.granularity, e.expression) for e in events]
    assert got == [
        ("2013-01-01", "year", "2013"),
        ("2016-01-01", "month", "last month"),
        ("2016-02-11", "day", "Thursday"),
        ("2016-02-25", "day", "Feb. 25"),
        ("2016-03-01", "day", "March 1"),
    ]
    march = events[-1]
    assert march.sentence.text == "Russia has proposed a ceasefire that would start on March 1."
    assert [(c.article_id, c.sentence_index) for c in march.citations] == [("a0", 0)]


def test_same_date_and_same_words_across_sources_is_one_event_citing_both() -> None:
    events = _timeline(
        ("Syrian peace talks are scheduled to resume on Feb. 25 in Geneva.", WED),
        (
            "Syrian peace talks are scheduled to resume February 25 in Geneva.\n"
            "Aid convoys will also be ready to enter Aleppo by February 25.",
            THU,
        ),
    )
    assert [e.date for e in events] == [dt.date(2016, 2, 25)] * 2
    merged, other = events
    assert [(c.article_id, c.sentence_index) for c in merged.citations] == [("a0", 0), ("a1", 0)]
    assert merged.citations[0].similarity == 1.0
    assert 0.5 <= merged.citations[1].similarity < 1.0
    assert merged.sentence.article_id == "a0"
    assert [(c.article_id, c.sentence_index) for c in other.citations] == [("a1", 1)]


def test_relative_dates_need_a_publication_date_and_short_lines_are_skipped() -> None:
    events = _timeline(
        (
            "The ministers met in Munich on Thursday to discuss the war.\n"
            "The ceasefire is due to begin on February 25, 2016, in all regions.\n"
            "Copyright 2016 NPR.",
            None,
        )
    )
    assert [(e.date, e.expression) for e in events] == [(dt.date(2016, 2, 25), "February 25, 2016")]


def test_one_sentence_with_two_dates_is_on_the_timeline_twice() -> None:
    events = _timeline(("Kerry said on Tuesday that the talks would resume on March 1.", THU))
    assert [e.date for e in events] == [dt.date(2016, 2, 9), dt.date(2016, 3, 1)]
    assert events[0].sentence == events[1].sentence


def test_same_day_sentences_naming_one_occasion_are_one_event() -> None:
    events = _timeline(
        (
            "The mayor and the governor met on Sunday at the city hall to settle the budget.\n"
            "Reporters waited outside the Sunday meeting at the city hall for hours.\n"
            "Fire crews at the city hall put out a small blaze on Sunday, officials said.",
            THU,
        ),
    )
    assert [e.date for e in events] == [dt.date(2016, 2, 7)] * 2
    meeting, fire = events
    assert [c.sentence_index for c in meeting.citations] == [0, 1]
    assert [c.sentence_index for c in fire.citations] == [2]


def test_two_outlets_telling_one_event_in_other_words_are_one_entry_citing_both() -> None:
    events = _timeline(
        (
            "Mayor Ann Lee on Tuesday vetoed the city budget, saying it spent too much on new "
            "roads.",
            THU,
        ),
        (
            "Lee vetoed the spending plan late Tuesday, calling the money for new roads wasteful.",
            THU,
        ),
    )
    (veto,) = events
    assert veto.date == dt.date(2016, 2, 9)
    assert [(c.article_id, c.sentence_index) for c in veto.citations] == [("a0", 0), ("a1", 0)]
    # Not alike enough to be one event by wording alone: the same actor (Ann Lee) joins them.
    assert veto.citations[1].similarity < SAME_EVENT


def test_two_different_events_of_one_day_stay_two_entries_however_alike() -> None:
    events = _timeline(
        ("Mayor Ann Lee on Tuesday criticized the city budget for its spending on new roads.", THU),
        (
            "Council member Tom Park on Tuesday defended the city budget and its spending on new "
            "roads.",
            THU,
        ),
    )
    assert [e.date for e in events] == [dt.date(2016, 2, 9)] * 2
    assert [[c.article_id for c in e.citations] for e in events] == [["a0"], ["a1"]]
    assert events[0].citations[0].similarity == 1.0


def test_a_sentence_telling_another_occasion_of_the_day_is_its_own_entry() -> None:
    events = _timeline(
        (
            "Mayor Ann Lee on Tuesday vetoed the city budget over its spending on new roads.\n"
            "Lee told a radio station earlier on Tuesday that the budget spent too much on roads.",
            THU,
        ),
    )
    assert [[c.sentence_index for c in e.citations] for e in events] == [[0], [1]]
