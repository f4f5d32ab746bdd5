"""B-cubed and pairwise scores: hand-computed cases and a brute-force cross-check."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsfuse.errors import InputError
from newsfuse.eval.clusters import bcubed, pairwise, score_clusters

GOLD = {"a": "x", "b": "x", "c": "y"}


def test_perfect_labeling_scores_one_whatever_the_label_names() -> None:
    s = score_clusters(GOLD, {"a": 7, "b": 7, "c": 9})
    assert (s.bcubed.precision, s.bcubed.recall, s.bcubed.f1) == (1.0, 1.0, 1.0)
    assert s.pairwise.f1 == 1.0
    assert (s.gold_clusters, s.predicted_clusters, s.items) == (2, 2, 3)


def test_everything_in_one_cluster() -> None:
    b = bcubed(GOLD, {"a": 0, "b": 0, "c": 0})
    # a and b: 2 of the 3 in their cluster share their gold; c: 1 of 3.
    assert b.precision == pytest.approx((2 / 3 + 2 / 3 + 1 / 3) / 3)
    assert b.recall == 1.0
    p = pairwise(GOLD, {"a": 0, "b": 0, "c": 0})
    assert (p.precision, p.recall) == (pytest.approx(1 / 3), 1.0)


def test_all_singletons() -> None:
    b = bcubed(GOLD, {"a": 0, "b": 1, "c": 2})
    assert b.precision == 1.0
    assert b.recall == pytest.approx((1 / 2 + 1 / 2 + 1) / 3)
    p = pairwise(GOLD, {"a": 0, "b": 1, "c": 2})
    assert (p.precision, p.recall, p.f1) == (1.0, 0.0, 0.0)


def test_labels_for_other_items_are_refused() -> None:
    with pytest.raises(InputError, match="without a prediction: \\['c'\\]"):
        score_clusters(GOLD, {"a": 0, "b": 0})
    with pytest.raises(InputError, match="no items"):
        score_clusters({}, {})


def _brute(gold: dict[str, int], pred: dict[str, int]) -> tuple[float, float, float, float]:
    items = list(gold)
    prec = sum(
        sum(pred[j] == pred[i] and gold[j] == gold[i] for j in items)
        / sum(pred[j] == pred[i] for j in items)
        for i in items
    ) / len(items)
    rec = sum(
        sum(pred[j] == pred[i] and gold[j] == gold[i] for j in items)
        / sum(gold[j] == gold[i] for j in items)
        for i in items
    ) / len(items)
    pairs = list(itertools.combinations(items, 2))
    same_p = {p for p in pairs if pred[p[0]] == pred[p[1]]}
    same_g = {p for p in pairs if gold[p[0]] == gold[p[1]]}
    pp = len(same_p & same_g) / len(same_p) if same_p else 1.0
    pr = len(same_p & same_g) / len(same_g) if same_g else 1.0
    return prec, rec, pp, pr


@given(st.lists(st.tuples(st.integers(0, 3), st.integers(0, 3)), min_size=1, max_size=25))
def test_matches_the_definition(labels: list[tuple[int, int]]) -> None:
    gold = {str(i): g for i, (g, _) in enumerate(labels)}
    pred = {str(i): p for i, (_, p) in enumerate(labels)}
    s = score_clusters(gold, pred)
    prec, rec, pp, pr = _brute(gold, pred)
    assert s.bcubed.precision == pytest.approx(prec)
    assert s.bcubed.recall == pytest.approx(rec)
    assert s.pairwise.precision == pytest.approx(pp)
    assert s.pairwise.recall == pytest.approx(pr)
