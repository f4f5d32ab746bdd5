"""The nearest-neighbour graph: exact where a row has few neighbours, bounded where it has many."""

from __future__ import annotations

import numpy as np
import pytest

from newsfuse.embed import neighbors as nb


def unit_rows(n: int, dim: int = 16, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    v = rng.normal(size=(n, dim)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def dense_threshold(v: np.ndarray, floor: float, groups=None) -> np.ndarray:
    sims = v @ v.T
    keep = sims >= floor
    np.fill_diagonal(keep, False)
    if groups is not None:
        g = np.asarray(groups)
        keep &= g[:, None] != g[None, :]
    return np.where(keep, sims, 0.0)


@pytest.mark.parametrize("block", [7, 1024])
def test_with_room_for_every_neighbour_it_is_the_thresholded_matrix(monkeypatch, block) -> None:
    monkeypatch.setattr(nb, "BLOCK", block)
    v = unit_rows(40)
    groups = [i % 3 for i in range(40)]
    graph = nb.neighbors(v, 40, 0.1, groups).toarray()
    np.testing.assert_allclose(graph, dense_threshold(v, 0.1, groups), atol=1e-6)


def test_each_row_keeps_its_k_closest_and_the_graph_is_symmetric() -> None:
    v = unit_rows(60, dim=4)
    graph = nb.neighbors(v, 3, -1.0)
    dense = graph.toarray()
    np.testing.assert_allclose(dense, dense.T)
    sims = v @ v.T
    np.fill_diagonal(sims, -np.inf)
    for i in range(60):
        top = set(np.argsort(-sims[i])[:3].tolist())
        assert top <= set(np.flatnonzero(dense[i]).tolist())
    # each row adds at most k pairs, so the graph grows with n * k, never n * n
    assert graph.nnz <= 2 * 3 * 60


def test_against_other_vectors_is_rectangular_and_not_symmetrized() -> None:
    v, w = unit_rows(10), unit_rows(4, seed=1)
    graph = nb.neighbors(v, 2, -1.0, others=w)
    assert graph.shape == (10, 4)
    assert all(n == 2 for n in np.diff(graph.indptr))


def test_added_scores_decide_and_are_kept() -> None:
    v = unit_rows(5)
    bonus = np.zeros((5, 5), dtype=np.float32)
    bonus[0, 4] = bonus[4, 0] = 10.0
    graph = nb.neighbors(v, 1, 5.0, add=lambda a, b: bonus[a:b])
    assert nb.pairs(graph) == [(0, 4, pytest.approx(10.0 + float(v[0] @ v[4]), abs=1e-5))]


def test_empty_input_and_pairs_order() -> None:
    assert nb.neighbors(np.zeros((0, 8), np.float32), 5, 0.0).shape == (0, 0)
    v = unit_rows(12)
    found = nb.pairs(nb.neighbors(v, 12, -1.0))
    assert [(i, j) for i, j, _ in found] == [(i, j) for i in range(12) for j in range(i + 1, 12)]
