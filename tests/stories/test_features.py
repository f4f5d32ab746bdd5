"""Article features: names, weighted terms, lead vectors, incremental IDF, times."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from newsfuse.stories import DEFAULT_PARAMS, TermStats
from newsfuse.stories.features import (
    article_terms,
    article_vector,
    days,
    lead_texts,
    names,
    story_title,
)


def test_names_are_capitalized_runs_not_sentence_starts_or_weekdays() -> None:
    text = (
        "Police said Barack Obama met Angela Merkel on Monday. Officials in the White House agreed."
    )
    got = names(text)
    assert "@barack_obama" in got and "@obama" in got
    assert "@angela_merkel" in got and "@merkel" in got
    assert "@white_house" in got
    assert "@police" not in got and "@officials" not in got  # sentence starts
    assert not any("monday" in n for n in got)


def test_title_words_count_more_and_names_are_terms() -> None:
    params = DEFAULT_PARAMS.with_(title_weight=3, entity_weight=1)
    terms = article_terms("Flooding in Valencia", "Rain fell. Residents of Valencia left.", params)
    assert terms["flood"] == 3  # stems
    assert terms["valencia"] == 4  # three from the title, one from the text
    assert terms["@valencia"] >= 1
    assert "in" not in terms and "of" not in terms


def test_lead_texts_and_vector() -> None:
    params = DEFAULT_PARAMS.with_(lead_sentences=2)
    assert lead_texts("T", ["a", "b", "c"], params) == ["T", "a", "b"]
    assert lead_texts(" ", ["a", "b", "c"], params) == ["a", "b"]
    v = article_vector(np.array([[1, 0], [0, 1]], dtype=np.float32), 2)
    assert v.dtype == np.float32 and np.allclose(v, [2**-0.5, 2**-0.5])
    assert not article_vector(np.zeros((0, 2), np.float32), 2).any()


def test_idf_grows_with_the_stream_and_weights_are_normalized_and_ordered() -> None:
    stats = TermStats()
    stats.observe({"common": 1, "rare": 1})
    stats.observe({"common": 1})
    assert stats.n_docs == 2 and stats.df == {"common": 2, "rare": 1}
    assert stats.idf("rare") > stats.idf("common") > 0
    w = stats.weigh({"common": 4, "rare": 1, "unseen": 1}, keep=2)
    # (1 + ln 4) * idf(common) = 2.39 > idf(unseen) = 2.10 > idf(rare) = 1.41
    assert list(w) == ["common", "unseen"]
    assert sum(x * x for x in w.values()) == pytest.approx(1.0)
    frozen = TermStats(2, stats.df, frozen=True)
    frozen.observe({"common": 1})
    assert frozen.n_docs == 2 and frozen.df["common"] == 2


def test_days_are_utc_and_dates_count_as_midnight() -> None:
    assert days(None) is None
    assert days(dt.date(1970, 1, 2)) == 1.0
    plus2 = dt.datetime(1970, 1, 2, 2, 0, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    assert days(plus2) == 1.0
    assert days(dt.datetime(1970, 1, 2, 12)) == 1.5


def test_story_title_falls_back_to_the_first_line_cut_at_a_word() -> None:
    assert story_title(" Title ", "Body") == "Title"
    assert story_title("", "Short first line.\nSecond line.") == "Short first line."
    long = "word " * 40
    got = story_title("", long, limit=22)
    assert got == "word word word word…"
