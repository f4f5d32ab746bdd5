"""ROUGE by the shared protocol."""

from __future__ import annotations

import pytest

from newsfuse.eval.rouge import references_of, score, truncate


def test_truncate_cuts_to_exactly_the_budget() -> None:
    assert truncate(["one two three", "four five six"], 4) == ["one two three", "four"]
    assert truncate(["one two"], 10) == ["one two"]
    assert truncate(["a b", "c"], 0) == []


def test_identical_summary_scores_one_and_disjoint_scores_zero() -> None:
    ref = "The council approved the budget. Taxes will rise next year."
    same = score(["The council approved the budget.", "Taxes will rise next year."], [ref], 100)
    assert same.f1["rouge1"] == pytest.approx(1.0)
    assert same.f1["rougeLsum"] == pytest.approx(1.0)
    other = score(["Cats sleep all afternoon."], [ref], 100)
    assert other.f1["rouge2"] == 0.0


def test_scores_average_over_references_and_stem() -> None:
    r = score(["The rebels attacked."], ["The rebel attacks.", "Nothing alike here."], 100)
    # Stemming makes the first reference match fully on unigrams; the second not at all.
    assert r.recall["rouge1"] == pytest.approx(0.5)


def test_references_of_both_layouts() -> None:
    assert references_of({"summary": "x"}) == ["x"]
    assert references_of({"summaries": ["x", "y"]}) == ["x", "y"]
    assert references_of({}) == []
