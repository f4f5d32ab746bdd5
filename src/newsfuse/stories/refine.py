"""A second look for batch runs: move each article to the story whose final centroid suits it.

A single pass decides about an article with the stories as they were when it arrived; the first
articles of a story meet no centroid at all. Given the whole batch, ``refine`` recomputes every
story's centroid (TF-IDF with the batch's final term statistics, and the embedding mean), then
re-assigns each article to the most similar story, its own story scored without it, with the
same similarity, time penalty and threshold as the online pass. An article that clears the
threshold nowhere gets a story of its own. Two rounds usually settle it.

All scores are computed at once with sparse products, ``CHUNK`` articles at a time.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from newsfuse.stories.features import ArticleFeatures, TermStats
from newsfuse.stories.params import DEFAULT_PARAMS, StoryParams

__all__ = ["refine"]

CHUNK = 1024


def refine(
    features: Sequence[ArticleFeatures],
    labels: Sequence[int],
    stats: TermStats,
    params: StoryParams = DEFAULT_PARAMS,
    rounds: int = 2,
) -> list[int]:
    """New story numbers for ``features`` (numbered 1, 2, ... by first appearance)."""
    # scipy ships no type information (and pyproject's untyped-module list is not ours).
    from scipy.sparse import csr_matrix  # type: ignore[import-untyped]

    n = len(features)
    if n == 0:
        return []
    vocab: dict[str, int] = {}
    data: list[float] = []
    cols: list[int] = []
    indptr = [0]
    for f in features:
        for t, w in stats.weigh(f.terms, params.max_article_terms).items():
            cols.append(vocab.setdefault(t, len(vocab)))
            data.append(w)
        indptr.append(len(cols))
    terms = csr_matrix((data, cols, indptr), shape=(n, max(1, len(vocab))))
    vecs = np.stack([f.vector for f in features]).astype(np.float64)
    times = np.array([np.nan if f.time is None else f.time for f in features])
    current = _renumber(labels)
    for _ in range(rounds):
        new = _reassign(terms, vecs, times, current, params, csr_matrix)
        if new == current:
            break
        current = new
    return [x + 1 for x in current]


def _spans(
    times: npt.NDArray[np.float64], lab: npt.NDArray[np.int64], k: int
) -> tuple[npt.NDArray[np.float64], ...]:
    """Per story: the earliest and second-earliest, latest and second-latest dated times
    (inf/-inf where missing), so a member's own span can be taken without it."""
    first, first2 = np.full(k, np.inf), np.full(k, np.inf)
    last, last2 = np.full(k, -np.inf), np.full(k, -np.inf)
    for i in np.argsort(times, kind="stable"):
        t = times[i]
        if np.isnan(t):
            continue
        c = lab[i]
        if t < first[c]:
            first2[c], first[c] = first[c], t
        elif t < first2[c]:
            first2[c] = t
        if t >= last[c]:
            last2[c], last[c] = last[c], t
        elif t > last2[c]:
            last2[c] = t
    return first, first2, last, last2


def _renumber(labels: Sequence[int]) -> list[int]:
    seen: dict[int, int] = {}
    return [seen.setdefault(x, len(seen)) for x in labels]


def _reassign(
    terms: Any,
    vecs: npt.NDArray[np.float64],
    times: npt.NDArray[np.float64],
    labels: list[int],
    p: StoryParams,
    csr_matrix: Any,
) -> list[int]:
    n = len(labels)
    k = max(labels) + 1
    lab = np.array(labels)
    member = csr_matrix((np.ones(n), (lab, np.arange(n))), shape=(k, n))
    cent_terms = member @ terms  # (k, V) sums of member vectors
    cent_vecs = member @ vecs  # (k, d)
    cent_t2 = np.asarray(cent_terms.multiply(cent_terms).sum(axis=1)).ravel()
    cent_v2 = (cent_vecs * cent_vecs).sum(axis=1)
    sizes = np.bincount(lab, minlength=k)
    first, first2, last, last2 = _spans(times, lab, k)
    out = [0] * n
    fresh = k
    for start in range(0, n, CHUNK):
        rows = np.arange(start, min(n, start + CHUNK))
        a = terms[rows]
        dot_t = np.asarray((a @ cent_terms.T).todense())  # (r, k)
        dot_v = vecs[rows] @ cent_vecs.T
        norm_t2 = np.tile(cent_t2, (len(rows), 1))
        norm_v2 = np.tile(cent_v2, (len(rows), 1))
        # Leave the article out of its own story's centroid.
        own = lab[rows]
        self_t = np.asarray(a.multiply(a).sum(axis=1)).ravel()
        self_v = (vecs[rows] * vecs[rows]).sum(axis=1)
        r = np.arange(len(rows))
        norm_t2[r, own] += -2 * dot_t[r, own] + self_t
        norm_v2[r, own] += -2 * dot_v[r, own] + self_v
        dot_t[r, own] -= self_t
        dot_v[r, own] -= self_v
        with np.errstate(divide="ignore", invalid="ignore"):
            text = np.where(norm_t2 > 1e-12, dot_t / np.sqrt(norm_t2), 0.0)
            embed = np.where(norm_v2 > 1e-12, dot_v / np.sqrt(norm_v2), 0.0)
        score = p.text_weight * text + p.embed_weight * (embed - p.embed_offset)
        # Time penalty against each story's span; for its own story, the span of the others.
        t = times[rows][:, None]
        lo = np.tile(first, (len(rows), 1))
        hi = np.tile(last, (len(rows), 1))
        tt = times[rows]
        lo[r, own] = np.where(tt == first[own], first2[own], first[own])
        hi[r, own] = np.where(tt == last[own], last2[own], last[own])
        gap = np.maximum(0.0, np.maximum(lo - t, t - hi))
        gap = np.where(np.isnan(gap) | ~np.isfinite(gap), 0.0, gap)
        score -= p.time_penalty * np.log1p(gap / p.time_scale_days)
        alone = sizes[own] == 1
        score[r[alone], own[alone]] = -np.inf  # a story of one has nothing left to compare
        best = np.argmax(score, axis=1)  # ties between others: the lowest story number
        # All moves happen at once, so an article must not follow a story of one whose only
        # member leaves it (the two would just swap places).
        leaving = own[alone & (score[r, best] >= p.threshold)]
        if len(leaving):
            score[:, leaving] = -np.inf
            best = np.argmax(score, axis=1)
        best = np.where(score[r, own] >= score[r, best], own, best)  # a tie keeps its story
        for i, row in enumerate(rows):
            if score[i, best[i]] >= p.threshold:
                out[row] = int(best[i])
            elif alone[i]:
                out[row] = int(own[i])
            else:
                out[row] = fresh
                fresh += 1
    return _renumber(out)
