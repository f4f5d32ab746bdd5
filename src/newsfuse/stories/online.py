"""Single-pass story detection: each article joins the most similar open story or starts one.

Similarity of an article to a story combines

* the cosine of their TF-IDF vectors (words, title words, names; the story's is the sum of its
  articles' vectors, pruned to its strongest terms),
* the cosine of the article's embedding with the story's embedding centroid, less an offset
  (unrelated news already scores ~0.35),
* a penalty that grows with the log of the publication gap between the article and the story.

Only a few stories are scored in full: the best by embedding (one matrix product over the open
stories) and the best by shared rare terms (an inverted index). Stories close when the stream
has moved ``quiet_days`` past their last article, or when more than ``max_open`` are open, so
the work per article does not grow with the number of articles seen.

Input is not always in time order (an archive, a backfill, a data set grouped by event). An
article dated before the stream's horizon is *late*: it is also compared with the closed stories
whose time span lies within ``quiet_days`` of it, fetched from an ``Archive`` (the store, or
memory for batch runs). It may join one; the story stays closed.

Everything is deterministic for the same input order: ties break by story number, and state
restored from the store (``StoryState``) scores exactly as the state it was saved from.
"""

from __future__ import annotations

import base64
import json
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np
import numpy.typing as npt

from newsfuse.stories.features import ArticleFeatures, TermStats
from newsfuse.stories.merge import (
    EXEMPLARS_FIRST,
    EXEMPLARS_LAST,
    MergeModel,
    merge_matrix,
    probe,
    text_cosine,
    title_stems,
)
from newsfuse.stories.params import DEFAULT_PARAMS, StoryParams

__all__ = ["Archive", "Assignment", "MemoryArchive", "StoryDetector", "StoryState"]

_QUERY_TERMS = 24
"""An article looks up this many of its strongest terms in the inverted index."""


@dataclass(slots=True, eq=False)
class StoryState:
    """What the detector keeps of a story between articles (and what the store saves)."""

    seq: int
    """Story number, in order of creation."""
    terms: dict[str, float]
    """Sum of the members' TF-IDF vectors, strongest first, pruned to ``max_story_terms``."""
    vector_sum: npt.NDArray[np.float64]
    """Sum of the members' embeddings."""
    size: int = 0
    first: float | None = None
    last: float | None = None
    """Publication span in days since the epoch (None while no member is dated)."""
    touched: int = 0
    """Detector tick of the last change (the least recently touched story closes first)."""
    title: str = ""
    is_open: bool = True
    norm: float = field(default=0.0)
    exemplars: list[Exemplar] = field(default_factory=list)
    """Embedding and title stems of the first ``EXEMPLARS_FIRST`` and the latest
    ``EXEMPLARS_LAST`` members: what the merge model compares an article with besides the
    centroid."""

    def to_json(self) -> str:
        """Everything but ``vector_sum`` (stored as a blob beside it)."""
        return json.dumps(
            {
                "terms": list(self.terms.items()),
                "size": self.size,
                "first": self.first,
                "last": self.last,
                "touched": self.touched,
                "exemplars": [
                    [base64.b64encode(v.astype("<f4").tobytes()).decode(), sorted(t)]
                    for v, t in self.exemplars
                ],
            }
        )

    @classmethod
    def from_json(
        cls, seq: int, text: str, vector_sum: npt.NDArray[np.float64], title: str, is_open: bool
    ) -> StoryState:
        data = json.loads(text)
        state = cls(
            seq=seq,
            terms={t: float(w) for t, w in data["terms"]},
            vector_sum=vector_sum,
            size=int(data["size"]),
            first=data["first"],
            last=data["last"],
            touched=int(data["touched"]),
            title=title,
            is_open=is_open,
            exemplars=[
                (np.frombuffer(base64.b64decode(v), dtype="<f4").astype(np.float32), frozenset(t))
                for v, t in data.get("exemplars", [])
            ],
        )
        state.norm = _norm(state.terms)
        return state


Exemplar = tuple[npt.NDArray[np.float32], frozenset[str]]
Observer = Callable[[Sequence[StoryState], npt.NDArray[np.float64]], None]


class Archive(Protocol):
    """Where closed stories go, so late articles can still find them."""

    def keep(self, state: StoryState) -> None:
        """A story just closed (or changed while closed)."""

    def around(self, start: float, end: float) -> Iterable[StoryState]:
        """Closed stories whose time span overlaps ``[start, end]``."""


class MemoryArchive:
    """An ``Archive`` in a dict, for batch runs without a store."""

    def __init__(self) -> None:
        self._states: dict[int, StoryState] = {}

    def keep(self, state: StoryState) -> None:
        self._states[state.seq] = state

    def get(self, seq: int) -> StoryState | None:
        return self._states.get(seq)

    def around(self, start: float, end: float) -> Iterable[StoryState]:
        return [
            s
            for s in self._states.values()
            if s.first is not None and s.last is not None and s.first <= end and s.last >= start
        ]


@dataclass(frozen=True, slots=True)
class Assignment:
    """Where one article went."""

    article_id: str
    story: int
    """Story number (``StoryState.seq``)."""
    new: bool
    """The article started the story."""
    score: float
    """Combined similarity to the story it joined (to the best candidate when it started one;
    ``-inf`` when there was no candidate)."""
    state: StoryState
    """The story after the article joined it."""
    closed: tuple[StoryState, ...] = ()
    """Stories that closed after this article."""


def _norm(terms: dict[str, float]) -> float:
    return math.sqrt(sum(w * w for w in terms.values()))


class StoryDetector:
    """Online story detection over a stream of ``ArticleFeatures`` (see the module docstring)."""

    def __init__(
        self,
        dim: int,
        params: StoryParams = DEFAULT_PARAMS,
        *,
        archive: Archive | None = None,
        stats: TermStats | None = None,
        stories: Iterable[StoryState] = (),
        next_seq: int = 1,
        clock: float | None = None,
        tick: int = 0,
        merge: MergeModel | None = None,
    ) -> None:
        self.params = params
        self.merge = merge
        """The learned merge decision; None scores with ``similarity`` and ``params.threshold``."""
        self.dim = dim
        self.archive: Archive = archive if archive is not None else MemoryArchive()
        self.stats = stats or TermStats()
        self.next_seq = next_seq
        self.clock = clock
        """Newest publication time seen (days since the epoch)."""
        self.tick = tick
        """Articles added so far (restored from the store on resume)."""
        self.open: dict[int, StoryState] = {}
        self._postings: dict[str, set[int]] = {}
        self._row_of: dict[int, int] = {}
        self._matrix = np.zeros((64, dim), dtype=np.float32)
        self._row_seq = np.full(64, -1, dtype=np.int64)
        self._free: list[int] = list(range(63, -1, -1))
        self._checked_clock = clock
        for state in sorted(stories, key=lambda s: s.seq):
            if state.is_open:
                self._index(state)

    # --- public ----------------------------------------------------------------------------

    def add(
        self, article: ArticleFeatures, *, into: int | None = None, observe: Observer | None = None
    ) -> Assignment:
        """Assign one article, update the stories, and close the ones that went quiet.

        ``into`` skips the decision and puts the article in that story (created if new; it must
        be open or in a ``MemoryArchive``): how a batch replays ``refine``'s grouping.
        ``observe`` is called with the candidate stories and their merge features before the
        decision (how ``scripts/train_story_model.py`` collects training rows)."""
        p = self.params
        self.tick += 1
        self.stats.observe(article.terms)
        weights = self.stats.weigh(article.terms, p.max_article_terms)
        vector = article.vector.astype(np.float64)
        t = article.time
        best: StoryState | None = None
        best_score = -math.inf
        threshold = p.threshold
        if into is not None and observe is None:
            best = self.open.get(into)
            if best is None and isinstance(self.archive, MemoryArchive):
                best = self.archive.get(into)
            if best is not None:
                best_score = self.similarity(best, weights, vector, t)
        else:
            candidates = {s: self.open[s] for s in self._candidates(weights, article.vector)}
            if t is not None and self.clock is not None and t < self.clock - p.quiet_days:
                for state in self.archive.around(t - p.quiet_days, t + p.quiet_days):
                    candidates.setdefault(state.seq, state)
            ordered = [candidates[seq] for seq in sorted(candidates)]
            if self.merge is not None or observe is not None:
                x = merge_matrix(probe(weights, article.terms, vector, t, article.title), ordered)
                if observe is not None:
                    observe(ordered, x)
                scores = (
                    self.merge.probability(x).tolist()
                    if self.merge is not None and len(x)
                    else [self.similarity(s, weights, vector, t) for s in ordered]
                )
                if self.merge is not None:
                    threshold = self.merge.threshold
            else:
                scores = [self.similarity(s, weights, vector, t) for s in ordered]
            for state, score in zip(ordered, scores, strict=True):
                if score > best_score:  # strict: on a tie the older story wins
                    best, best_score = state, score
            if into is not None:
                best = self.open.get(into)
                if best is None and isinstance(self.archive, MemoryArchive):
                    best = self.archive.get(into)
        if best is None or (into is None and best_score < threshold):
            seq = self.next_seq if into is None else into
            state = StoryState(seq, {}, np.zeros(self.dim), title=article.title)
            self.next_seq = max(self.next_seq, seq + 1)
            self._absorb(state, weights, vector, t, article.title)
            self._index(state)
        elif best.is_open:
            state = best
            self._unindex(state)
            self._absorb(state, weights, vector, t, article.title)
            self._index(state)
        else:
            state = best
            self._absorb(state, weights, vector, t, article.title)
            self.archive.keep(state)
        if t is not None:
            self.clock = t if self.clock is None else max(self.clock, t)
        closed = self._close_quiet()
        return Assignment(article.article_id, state.seq, state.size == 1, best_score, state, closed)

    def similarity(
        self,
        story: StoryState,
        weights: dict[str, float],
        vector: npt.NDArray[np.float64],
        time: float | None,
    ) -> float:
        """Combined similarity of an article (TF-IDF weights, embedding, time) to a story."""
        p = self.params
        text = text_cosine(story, weights)
        vnorm = float(np.linalg.norm(story.vector_sum))
        embed = float(story.vector_sum @ vector) / vnorm if vnorm else 0.0
        score = p.text_weight * text + p.embed_weight * (embed - p.embed_offset)
        gap = _gap(time, story.first, story.last)
        if gap > 0:
            score -= p.time_penalty * math.log1p(gap / p.time_scale_days)
        return score

    def states(self) -> list[StoryState]:
        """The open stories, oldest first."""
        return [self.open[s] for s in sorted(self.open)]

    # --- internals -------------------------------------------------------------------------

    def _candidates(self, weights: dict[str, float], vector: npt.NDArray[np.float32]) -> list[int]:
        if not self.open:
            return []
        k = self.params.candidates
        picked: dict[int, None] = {}
        # By embedding: one product over the rows of open stories.
        rows = np.flatnonzero(self._row_seq >= 0)
        sims = self._matrix[rows] @ vector
        for r in np.lexsort((self._row_seq[rows], -sims))[: k // 2]:
            picked[int(self._row_seq[rows[r]])] = None
        # By shared terms: a partial dot product over the article's strongest terms.
        acc: dict[int, float] = {}
        for t, w in list(weights.items())[:_QUERY_TERMS]:
            for seq in self._postings.get(t, ()):
                story = self.open[seq]
                acc[seq] = acc.get(seq, 0.0) + w * story.terms[t] / story.norm
        for seq, _ in sorted(acc.items(), key=lambda kv: (-kv[1], kv[0]))[: k - len(picked)]:
            picked[seq] = None
        return sorted(picked)

    def _absorb(
        self,
        state: StoryState,
        weights: dict[str, float],
        vector: npt.NDArray[np.float64],
        time: float | None,
        title: str,
    ) -> None:
        terms = dict(state.terms)
        for t, w in weights.items():
            terms[t] = terms.get(t, 0.0) + w
        top = sorted(terms.items(), key=lambda tw: (-tw[1], tw[0]))[: self.params.max_story_terms]
        state.terms = dict(top)
        state.norm = _norm(state.terms)
        state.vector_sum = state.vector_sum + vector
        exemplar = (vector.astype(np.float32), title_stems(title))
        if len(state.exemplars) < EXEMPLARS_FIRST + EXEMPLARS_LAST:
            state.exemplars = [*state.exemplars, exemplar]
        else:  # keep the first members, roll the latest
            keep = state.exemplars[:EXEMPLARS_FIRST] + state.exemplars[EXEMPLARS_FIRST + 1 :]
            state.exemplars = [*keep, exemplar]
        state.size += 1
        if time is not None:
            state.first = time if state.first is None else min(state.first, time)
            state.last = time if state.last is None else max(state.last, time)
        state.touched = self.tick

    def _index(self, state: StoryState) -> None:
        self.open[state.seq] = state
        for t in state.terms:
            self._postings.setdefault(t, set()).add(state.seq)
        if not self._free:
            self._grow()
        row = self._free.pop()
        self._row_of[state.seq] = row
        vnorm = float(np.linalg.norm(state.vector_sum))
        self._matrix[row] = (state.vector_sum / vnorm) if vnorm else 0.0
        self._row_seq[row] = state.seq

    def _unindex(self, state: StoryState) -> None:
        del self.open[state.seq]
        for t in state.terms:
            posting = self._postings.get(t)
            if posting is not None:
                posting.discard(state.seq)
                if not posting:
                    del self._postings[t]
        row = self._row_of.pop(state.seq)
        self._row_seq[row] = -1
        self._free.append(row)

    def _grow(self) -> None:
        old = len(self._row_seq)
        self._matrix = np.vstack([self._matrix, np.zeros((old, self.dim), np.float32)])
        self._row_seq = np.concatenate([self._row_seq, np.full(old, -1, np.int64)])
        self._free.extend(range(2 * old - 1, old - 1, -1))

    def _close_quiet(self) -> tuple[StoryState, ...]:
        p = self.params
        closing: set[int] = set()
        # The horizon only moves when the clock does; scanning on every article would make the
        # work per article grow with the number of open stories for no reason.
        if self.clock is not None and self.clock != self._checked_clock:
            self._checked_clock = self.clock
            horizon = self.clock - p.quiet_days
            closing = {s.seq for s in self.open.values() if s.last is not None and s.last < horizon}
        over = len(self.open) - len(closing) - p.max_open
        if over > 0:
            rest = sorted((s.touched, s.seq) for s in self.open.values() if s.seq not in closing)
            closing.update(seq for _, seq in rest[:over])
        closed = []
        for seq in sorted(closing):
            state = self.open[seq]
            self._unindex(state)
            state.is_open = False
            self.archive.keep(state)
            closed.append(state)
        return tuple(closed)


def _gap(time: float | None, first: float | None, last: float | None) -> float:
    """Days from ``time`` to the span ``[first, last]`` (0 inside it or when undated)."""
    if time is None or first is None or last is None:
        return 0.0
    if time < first:
        return first - time
    if time > last:
        return time - last
    return 0.0
