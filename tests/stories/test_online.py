"""The online detector: joining, starting, time, closing, late articles, determinism."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import numpy as np

from newsfuse.stories import DEFAULT_PARAMS, ArticleFeatures, StoryDetector

DIM = 4


def _feat(aid: str, words: str, vec: list[float], day: float | None = None) -> ArticleFeatures:
    v = np.array(vec, dtype=np.float32)
    return ArticleFeatures(aid, Counter(words.split()), v / np.linalg.norm(v), day)


QUAKE = "earthquake kathmandu nepal rescue magnitude collapsed"
VOTE = "election runoff ballots turnout candidate parliament"


def test_similar_articles_join_and_different_ones_start_stories() -> None:
    det = StoryDetector(DIM)
    a = det.add(_feat("a", QUAKE, [1, 0.1, 0, 0], 100))
    b = det.add(_feat("b", QUAKE + " aftershock", [1, 0.2, 0, 0], 100.5))
    c = det.add(_feat("c", VOTE, [0, 0, 1, 0.1], 100.5))
    assert a.new and not b.new and c.new
    assert a.story == b.story != c.story
    assert b.score >= DEFAULT_PARAMS.threshold > c.score
    assert b.state.size == 2 and b.state.first == 100 and b.state.last == 100.5


def test_a_long_gap_keeps_the_same_words_apart() -> None:
    det = StoryDetector(DIM)
    first = det.add(_feat("a", QUAKE, [1, 0, 0, 0], 100))
    same_day = det.similarity(
        first.state, det.stats.weigh(Counter(QUAKE.split()), 50), np.array([1.0, 0, 0, 0]), 100
    )
    months = det.similarity(
        first.state, det.stats.weigh(Counter(QUAKE.split()), 50), np.array([1.0, 0, 0, 0]), 190
    )
    assert same_day - months > 0.3


def test_quiet_stories_close_and_late_articles_still_find_them() -> None:
    params = DEFAULT_PARAMS.with_(quiet_days=10)
    det = StoryDetector(DIM, params)
    old = det.add(_feat("old", QUAKE, [1, 0, 0, 0], 100))
    later = det.add(_feat("new", VOTE, [0, 0, 1, 0], 120))
    assert [s.seq for s in later.closed] == [old.story]
    assert list(det.open) == [later.story]
    late = det.add(_feat("late", QUAKE, [1, 0.1, 0, 0], 101))  # out of order
    assert late.story == old.story and not late.state.is_open
    assert late.state.size == 2


def test_max_open_closes_the_least_recently_touched() -> None:
    det = StoryDetector(DIM, DEFAULT_PARAMS.with_(max_open=2))
    s1 = det.add(_feat("1", QUAKE, [1, 0, 0, 0])).story
    s2 = det.add(_feat("2", VOTE, [0, 1, 0, 0])).story
    det.add(_feat("1b", QUAKE, [1, 0, 0, 0]))  # touches s1
    s3 = det.add(_feat("3", "stock market shares index", [0, 0, 1, 0]))
    assert [s.seq for s in s3.closed] == [s2]
    assert sorted(det.open) == [s1, s3.story]


def test_restored_state_scores_exactly_like_the_original() -> None:
    det = StoryDetector(DIM)
    for i, (w, v) in enumerate(
        [(QUAKE, [1, 0, 0, 0]), (VOTE, [0, 1, 0, 0]), (QUAKE + " toll", [1, 0.1, 0, 0])]
    ):
        det.add(_feat(str(i), w, v, 100 + i))
    from newsfuse.stories import StoryState

    copies = [
        StoryState.from_json(s.seq, s.to_json(), s.vector_sum.copy(), s.title, s.is_open)
        for s in det.states()
    ]
    restored = StoryDetector(
        DIM, stats=det.stats, stories=copies, next_seq=det.next_seq, clock=det.clock, tick=det.tick
    )
    probe = det.stats.weigh(Counter((QUAKE + " survivors").split()), 50)
    vec = np.array([1.0, 0.05, 0, 0])
    for a, b in zip(det.states(), restored.states(), strict=True):
        assert a.terms == b.terms and list(a.terms) == list(b.terms)
        assert det.similarity(a, probe, vec, 103) == restored.similarity(b, probe, vec, 103)


_SCRIPT = """
import json, sys
sys.path.insert(0, {tests!r})
from newsfuse.embed import HashingEmbedder
from newsfuse.stories.batch import cluster_articles
from stories.corpus import articles
print(json.dumps(cluster_articles(articles(10, 4, seed=9), HashingEmbedder())))
"""


def test_same_order_same_stories_across_processes_and_hash_seeds() -> None:
    tests = str(Path(__file__).resolve().parents[1])
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run(
            [sys.executable, "-c", _SCRIPT.format(tests=tests)],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        outputs.append(json.loads(out.stdout))
    assert outputs[0] == outputs[1]
    assert len(set(outputs[0].values())) == 10
