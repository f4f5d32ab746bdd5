"""The batch second look: articles move to the story whose final centroid suits them."""

from __future__ import annotations

from collections import Counter

import numpy as np

from newsfuse.embed import HashingEmbedder
from newsfuse.stories import DEFAULT_PARAMS, ArticleFeatures, StoryDetector, TermStats
from newsfuse.stories.batch import featurize
from newsfuse.stories.refine import refine
from stories.corpus import articles


def _setup(events: int = 4, per_event: int = 4) -> tuple[list, TermStats, list[str]]:
    arts = articles(events, per_event, seed=8)
    emb = HashingEmbedder()
    feats = list(featurize(arts, emb.embed, emb.dim))
    stats = TermStats()
    for f in feats:
        stats.observe(f.terms)
    return feats, stats, [a.id.split("-")[0] for a in arts]


def _groups(labels: list[int] | list[str]) -> set[frozenset[int]]:
    out: dict[object, set[int]] = {}
    for i, x in enumerate(labels):
        out.setdefault(x, set()).add(i)
    return {frozenset(v) for v in out.values()}


def test_misplaced_and_split_off_articles_go_back_to_their_story() -> None:
    feats, stats, gold = _setup()
    ids = {g: k for k, g in enumerate(dict.fromkeys(gold))}
    labels = [ids[g] for g in gold]
    wrong = list(labels)
    wrong[0] = labels[-1]  # an article put in another event's story
    wrong[1] = 99  # and one left on its own
    assert _groups(wrong) != _groups(gold)
    assert _groups(refine(feats, wrong, stats)) == _groups(gold)


def test_a_correct_grouping_stays_and_numbers_follow_first_appearance() -> None:
    feats, stats, gold = _setup()
    got = refine(feats, [7 if g == gold[0] else 3 for g in gold], stats, rounds=1)
    assert got[0] == 1
    assert _groups(got) == {
        frozenset(i for i, g in enumerate(gold) if g == gold[0]),
        frozenset(i for i, g in enumerate(gold) if g != gold[0]),
    }


def test_nothing_clears_the_threshold_means_stories_of_one() -> None:
    feats, stats, _ = _setup(3, 2)
    strict = DEFAULT_PARAMS.with_(threshold=5.0)
    got = refine(feats, [1] * len(feats), stats, strict)
    assert sorted(got) == list(range(1, len(feats) + 1))


def test_refine_uses_the_time_penalty() -> None:
    det = StoryDetector(2)
    words = Counter(["flood", "river", "bridge", "closed"])
    v = np.array([1.0, 0.0], dtype=np.float32)
    days = [0.0, 0.5, 400.0, 400.2, 400.3, 400.5]
    feats = [ArticleFeatures(str(i), words, v, t) for i, t in enumerate(days)]
    for f in feats:
        det.add(f)
    # Article 2 sits in the story of days 0-0.5 only because it came first there: without it,
    # that story is 400 days away.
    assert refine(feats, [1, 1, 1, 2, 2, 2], det.stats) == [1, 1, 2, 2, 2, 2]
    flat = DEFAULT_PARAMS.with_(time_penalty=0.0)
    assert refine(feats, [1, 1, 1, 2, 2, 2], det.stats, flat, rounds=1) == [1, 1, 1, 2, 2, 2]
