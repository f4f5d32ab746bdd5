"""The learned merge decision: features, exemplars, the shipped model, saved state."""

from __future__ import annotations

from collections import Counter

import numpy as np

from newsfuse.compare.trees import Tree, TreeModel
from newsfuse.stories import ArticleFeatures, StoryDetector, StoryState
from newsfuse.stories.merge import (
    EXEMPLARS_FIRST,
    EXEMPLARS_LAST,
    FEATURES,
    MergeModel,
    merge_matrix,
    probe,
)

DIM = 4


def _feat(
    aid: str, words: str, vec: list[float], day: float | None = None, title: str = ""
) -> ArticleFeatures:
    v = np.array(vec, dtype=np.float32)
    return ArticleFeatures(aid, Counter(words.split()), v / np.linalg.norm(v), day, title)


QUAKE = "earthquak kathmandu nepal rescu magnitud collaps @nepal 7.8"
VOTE = "elect runoff ballot turnout candid parliament @kenya"


def test_features_see_names_numbers_titles_and_missing_dates() -> None:
    det = StoryDetector(DIM)
    det.add(_feat("a", QUAKE, [1, 0.1, 0, 0], 100, "Quake hits Nepal"))
    story = det.states()[0]
    w = det.stats.weigh(Counter(QUAKE.split()), 120)
    v = np.array([1, 0.1, 0, 0], dtype=np.float64) / np.linalg.norm([1, 0.1, 0, 0])
    x = merge_matrix(probe(w, Counter(QUAKE.split()), v, None, "Nepal quake toll"), [story])
    row = dict(zip(FEATURES, x[0], strict=True))
    assert row["names_shared"] == 1 and row["numbers_shared"] == 1
    assert row["gap_days"] == -1.0  # undated is its own value, not a zero gap
    assert 0 < row["title_sim"] < 1
    assert abs(row["emb_nearest"] - 1.0) < 1e-6


def test_exemplars_keep_the_first_members_and_roll_the_latest() -> None:
    det = StoryDetector(DIM)
    n = EXEMPLARS_FIRST + EXEMPLARS_LAST + 3
    for k in range(n):
        det.add(_feat(f"a{k}", QUAKE, [1, 0.01 * k, 0, 0], 100), into=1)
    state = det.states()[0]
    assert len(state.exemplars) == EXEMPLARS_FIRST + EXEMPLARS_LAST
    firsts = [round(float(v[1] / v[0]), 3) for v, _ in state.exemplars]
    assert firsts[:EXEMPLARS_FIRST] == [0.0, 0.01, 0.02, 0.03]
    assert firsts[-1] == round(0.01 * (n - 1), 3)


def test_exemplars_survive_the_saved_state() -> None:
    det = StoryDetector(DIM)
    det.add(_feat("a", QUAKE, [1, 0.1, 0, 0], 100, "Quake hits Nepal"))
    s = det.states()[0]
    back = StoryState.from_json(s.seq, s.to_json(), s.vector_sum, s.title, True)
    assert len(back.exemplars) == 1
    assert np.allclose(back.exemplars[0][0], s.exemplars[0][0])
    assert back.exemplars[0][1] == s.exemplars[0][1]


def _nearest_model(cut: float) -> MergeModel:
    """One stump: same event when the nearest member's cosine is above ``cut``."""
    k = FEATURES.index("emb_nearest")
    tree = Tree(
        np.array([k, -2, -2]),
        np.array([cut, -2.0, -2.0]),
        np.array([1, -1, -1]),
        np.array([2, -1, -1]),
        np.array([0.0, -5.0, 5.0]),
    )
    return MergeModel(TreeModel(FEATURES, 0.0, 1.0, (tree,), 0.5, {}))


def test_the_model_decides_and_its_probability_is_the_score() -> None:
    det = StoryDetector(DIM, merge=_nearest_model(0.9))
    a = det.add(_feat("a", QUAKE, [1, 0.1, 0, 0], 100, "Quake hits Nepal"))
    b = det.add(_feat("b", VOTE, [1, 0.15, 0, 0], 100, "Kenya votes"))  # other words, near vector
    c = det.add(_feat("c", QUAKE, [0, 0, 1, 0.1], 100, "Quake hits Nepal"))  # same words, far
    assert a.story == b.story != c.story
    assert b.score > 0.99 and c.score < 0.01


def test_a_chain_of_near_neighbours_is_checked_against_the_first_members() -> None:
    det = StoryDetector(DIM, merge=_nearest_model(0.9))
    first = det.add(_feat("a0", QUAKE, [1, 0, 0, 0], 100))
    # Each step is close to the previous article, so the story's latest member keeps it
    # joinable, while its first members record where it started.
    for k in range(1, 12):
        angle = 0.3 * k
        det.add(_feat(f"a{k}", QUAKE, [np.cos(angle), np.sin(angle), 0, 0], 100))
    state = det.open[first.story]
    start = state.exemplars[0][0]
    assert float(start @ np.array([1, 0, 0, 0], dtype=np.float32)) > 0.999
    probe_vec = np.array([np.cos(3.3), np.sin(3.3), 0, 0])
    w = det.stats.weigh(Counter(QUAKE.split()), 120)
    x = merge_matrix(probe(w, Counter(), probe_vec, 100, ""), [state])
    row = dict(zip(FEATURES, x[0], strict=True))
    assert row["emb_first"] < 0 < row["emb_nearest"]
