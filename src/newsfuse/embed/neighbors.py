"""Nearest neighbours of unit vectors as a sparse similarity graph: which pairs of sentences are
worth comparing at all.

Every analysis that compares sentences (claims, conflicts, facility location) needs only the
pairs that are close: below a floor a pair is never one fact, never a paraphrase, never covers
the other. ``neighbors`` keeps, for each row, its ``k`` most similar rows at or above ``floor``
(optionally only rows of other groups, e.g. other articles), and returns them as a symmetric
sparse matrix holding the exact similarities. A row with at most ``k`` neighbours above the floor
keeps all of them, so on a normal story the graph *is* the thresholded dense matrix; on a story
of thousands of near-identical sentences each keeps its ``k`` closest and the work and memory
stay proportional to ``n * k``.

The search is exact and blocked: ``BLOCK`` rows at a time against all rows (one matrix product
and one ``argpartition`` per block), so memory is ``BLOCK * n`` floats however large the story.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from newsfuse.budget import checkpoint
from newsfuse.embed import Vectors

if TYPE_CHECKING:  # scipy is slow to import: import it only where a matrix is built
    from scipy import sparse  # type: ignore[import-untyped]  # scipy ships no type information

BLOCK = 1024
"""Rows compared at once: a block of 1,024 against 30,000 rows is 120 MB of float32."""


def neighbors(
    vectors: Vectors,
    k: int,
    floor: float,
    groups: Sequence[object] | None = None,
    *,
    others: Vectors | None = None,
    add: Callable[[int, int], npt.NDArray[np.float32]] | None = None,
) -> sparse.csr_matrix:
    """Symmetric ``n x n`` matrix of similarities (dot products) of each row's ``k`` nearest
    rows with similarity ``>= floor``, and of every pair where either is among the other's;
    rows of the same group (when ``groups`` is given) are never neighbours, nor is a row its own.
    Pairs not kept are absent (implicit zeros: callers treat absent as "below the floor").

    ``others`` (default ``vectors``) gives the vectors the similarities are taken against, for a
    matrix that is not a self-similarity: then the result is ``n x len(others)`` and not
    symmetrized. ``add(start, stop)``, when given, returns a dense block of scores added to the
    similarities of rows ``start:stop`` before the choice (claims add shared words): then the
    values kept are those sums."""
    from scipy import sparse  # see the TYPE_CHECKING import

    n = len(vectors)
    target = vectors if others is None else others
    m = len(target)
    if n == 0 or m == 0 or k <= 0:
        return sparse.csr_matrix((n, m), dtype=np.float32)
    group_ids = _group_ids(groups) if groups is not None else None
    rows: list[npt.NDArray[np.intp]] = []
    cols: list[npt.NDArray[np.intp]] = []
    vals: list[npt.NDArray[np.float32]] = []
    for start in range(0, n, BLOCK):
        checkpoint()
        stop = min(start + BLOCK, n)
        sims = np.asarray(vectors[start:stop] @ target.T, dtype=np.float32)
        if add is not None:
            sims += add(start, stop)
        if others is None:
            sims[np.arange(stop - start), np.arange(start, stop)] = -np.inf
        if group_ids is not None:
            sims[group_ids[start:stop, None] == group_ids[None, :]] = -np.inf
        if k < m:
            top = np.argpartition(-sims, k - 1, axis=1)[:, :k]
        else:
            top = np.broadcast_to(np.arange(m), (stop - start, m))
        picked = np.take_along_axis(sims, top, axis=1)
        keep = picked >= floor
        r, c = np.nonzero(keep)
        rows.append(r + start)
        cols.append(top[r, c])
        vals.append(picked[r, c])
    row = np.concatenate(rows)
    col = np.concatenate(cols)
    val = np.concatenate(vals)
    graph = sparse.csr_matrix((val, (row, col)), shape=(n, m), dtype=np.float32)
    if others is None:
        graph = graph.maximum(graph.T).tocsr()
    graph.sort_indices()
    return graph


def pairs(graph: sparse.csr_matrix) -> list[tuple[int, int, float]]:
    """The graph's pairs ``(i, j, similarity)`` with ``i < j``, in row order."""
    from scipy import sparse  # see the TYPE_CHECKING import

    upper = sparse.triu(graph, k=1).tocsr()
    upper.sort_indices()
    coo = upper.tocoo()
    return list(zip(coo.row.tolist(), coo.col.tolist(), coo.data.tolist(), strict=True))


def _group_ids(groups: Sequence[object]) -> npt.NDArray[np.intp]:
    ids: dict[object, int] = {}
    return np.array([ids.setdefault(g, len(ids)) for g in groups], dtype=np.intp)
