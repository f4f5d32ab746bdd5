"""The learned merge decision: does an article report the same event as a candidate story?

A topic shares words; an event shares who, what, where and when. So besides the TF-IDF and
embedding similarity to the story's centroid, the model sees how close the article comes to the
story's nearest member and to its first one (a centroid drifts as a story grows; its first
members do not, which is what stops a chain of near neighbours becoming a topic), the names and
numbers they share, how alike the titles are, the publication gap (``-1`` when either side is
undated, so a missing date is a value the model learned, not a zero gap), the story's size, the
article's length (a title alone and a full report score on different scales), and how the
candidate compares with the best other candidate.

The model is a gradient-boosted tree ensemble (``compare.trees``) fitted by
``scripts/train_story_model.py`` on the development streams and shipped as JSON; the article
joins the most probable candidate when its probability reaches the model's threshold.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from newsfuse.compare.trees import TreeModel, check_features, load_model, shipped
from newsfuse.text.tokens import content_stems

if TYPE_CHECKING:
    from newsfuse.stories.online import StoryState

__all__ = ["FEATURES", "MergeModel", "Probe", "merge_matrix", "probe"]

MODEL_FILE = "story_model.json"
SCRIPT = "scripts/train_story_model.py"

FEATURES = (
    "tfidf",
    "emb_centroid",
    "emb_nearest",
    "emb_first",
    "names_shared",
    "names_frac",
    "numbers_shared",
    "title_sim",
    "gap_days",
    "story_size",
    "item_terms",
    "tfidf_vs_best",
    "nearest_vs_best",
)

EXEMPLARS_FIRST = 4
EXEMPLARS_LAST = 4
"""A story keeps the vectors and title stems of its first and its latest few members."""


@dataclass(frozen=True, slots=True)
class MergeModel:
    """P(same event | article, story) as boosted trees; join at ``threshold``."""

    trees: TreeModel

    @property
    def threshold(self) -> float:
        return self.trees.threshold

    @classmethod
    def shipped(cls) -> MergeModel:
        return cls(shipped("newsfuse.stories", MODEL_FILE, SCRIPT, FEATURES))

    @classmethod
    def load(cls, path: Path) -> MergeModel:
        model = load_model("newsfuse.stories", MODEL_FILE, SCRIPT, path)
        check_features(model, FEATURES, SCRIPT)
        return cls(model)

    def probability(self, x: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        return self.trees.probability(x)


@dataclass(frozen=True, slots=True)
class Probe:
    """An article as the merge features see it."""

    weights: Mapping[str, float]
    vector: npt.NDArray[np.float64]
    time: float | None
    title: frozenset[str]
    names: frozenset[str]
    numbers: frozenset[str]
    n_terms: int


def probe(
    weights: Mapping[str, float],
    terms: Mapping[str, int],
    vector: npt.NDArray[np.float64],
    time: float | None,
    title: str,
) -> Probe:
    return Probe(
        weights,
        vector,
        time,
        title_stems(title),
        frozenset(t for t in terms if t.startswith("@")),
        frozenset(t for t in terms if _is_number(t)),
        len(terms),
    )


def title_stems(title: str) -> frozenset[str]:
    return frozenset(content_stems(title))


def _is_number(term: str) -> bool:
    return any(c.isdigit() for c in term) and not term.startswith("@")


def text_cosine(story: StoryState, weights: Mapping[str, float]) -> float:
    """Cosine of an article's TF-IDF weights with a story's (pruned) term sum."""
    if not story.norm:
        return 0.0
    terms = story.terms
    return sum(w * terms.get(t, 0.0) for t, w in weights.items()) / story.norm


def _row(p: Probe, story: StoryState) -> list[float]:
    vnorm = float(np.linalg.norm(story.vector_sum))
    centroid = float(story.vector_sum @ p.vector) / vnorm if vnorm else 0.0
    if story.exemplars:
        sims = [float(v.astype(np.float64) @ p.vector) for v, _ in story.exemplars]
        nearest, first = max(sims), sims[0]
        titles = [t for _, t in story.exemplars if t]
    else:  # a story saved before exemplars were kept: the centroid stands in
        nearest = first = centroid
        titles = []
    shared_names = sum(1 for t in p.names if t in story.terms)
    numbers = sum(1 for t in p.numbers if t in story.terms)
    if p.title and titles:
        title_sim = max(len(p.title & t) / len(p.title | t) for t in titles)
    else:
        title_sim = -1.0
    gap = _gap(p.time, story.first, story.last)
    return [
        text_cosine(story, p.weights),
        centroid,
        nearest,
        first,
        float(shared_names),
        shared_names / len(p.names) if p.names else -1.0,
        float(numbers),
        title_sim,
        -1.0 if gap is None else math.log1p(gap),
        math.log(max(1, story.size)),
        math.log1p(p.n_terms),
    ]


def merge_matrix(p: Probe, stories: Sequence[StoryState]) -> npt.NDArray[np.float64]:
    """One row of ``FEATURES`` per candidate story."""
    if not stories:
        return np.zeros((0, len(FEATURES)))
    base = np.array([_row(p, s) for s in stories], dtype=np.float64)
    out = np.zeros((len(stories), len(FEATURES)))
    out[:, : base.shape[1]] = base
    for col, src in ((len(FEATURES) - 2, 0), (len(FEATURES) - 1, 2)):
        values = base[:, src]
        for i in range(len(values)):
            others = np.delete(values, i)
            out[i, col] = values[i] - (others.max() if len(others) else 0.0)
    return out


def _gap(time: float | None, first: float | None, last: float | None) -> float | None:
    """Days from ``time`` to the span ``[first, last]`` (0 inside it; None when undated)."""
    if time is None or first is None or last is None:
        return None
    if time < first:
        return first - time
    if time > last:
        return time - last
    return 0.0
