"""Cluster quality: B-cubed and pairwise precision/recall/F1 of predicted against gold labels.

B-cubed (Bagga & Baldwin 1998; Amigó et al. 2009) scores every item: precision is the share of
the items in its predicted cluster that share its gold cluster, recall the share of its gold
cluster that share its predicted cluster; both are averaged over items. Pairwise scores count
item pairs put together by both labelings. Both are computed from the contingency table, so
they take O(n) time rather than O(n^2).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping
from dataclasses import dataclass

from newsfuse.errors import InputError

__all__ = ["ClusterScores", "bcubed", "pairwise", "score_clusters"]


@dataclass(frozen=True, slots=True)
class PRF:
    """Precision, recall and their harmonic mean."""

    precision: float
    recall: float

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True, slots=True)
class ClusterScores:
    """Every score for one predicted labeling against gold."""

    bcubed: PRF
    pairwise: PRF
    items: int
    gold_clusters: int
    predicted_clusters: int

    def to_dict(self) -> dict[str, float | int]:
        return {
            "bcubed_precision": self.bcubed.precision,
            "bcubed_recall": self.bcubed.recall,
            "bcubed_f1": self.bcubed.f1,
            "pairwise_precision": self.pairwise.precision,
            "pairwise_recall": self.pairwise.recall,
            "pairwise_f1": self.pairwise.f1,
            "items": self.items,
            "gold_clusters": self.gold_clusters,
            "predicted_clusters": self.predicted_clusters,
        }


def _tables(
    gold: Mapping[str, Hashable], pred: Mapping[str, Hashable]
) -> tuple[Counter[tuple[Hashable, Hashable]], Counter[Hashable], Counter[Hashable]]:
    if set(gold) != set(pred):
        missing = sorted(set(gold) - set(pred))[:5]
        extra = sorted(set(pred) - set(gold))[:5]
        raise InputError(
            "gold and predicted labels cover different items "
            f"(without a prediction: {missing}; without gold: {extra}); "
            "score predictions for exactly the articles in the gold file"
        )
    if not gold:
        raise InputError("no items to score; the gold file has no labelled articles")
    joint = Counter((gold[i], pred[i]) for i in gold)
    return joint, Counter(gold.values()), Counter(pred.values())


def bcubed(gold: Mapping[str, Hashable], pred: Mapping[str, Hashable]) -> PRF:
    """B-cubed precision and recall; ``gold`` and ``pred`` map item id -> cluster label."""
    joint, g_size, p_size = _tables(gold, pred)
    n = len(gold)
    # Each of the c items in cell (g, p) has precision c/|p| and recall c/|g|.
    precision = sum(c * c / p_size[p] for (_, p), c in joint.items()) / n
    recall = sum(c * c / g_size[g] for (g, _), c in joint.items()) / n
    return PRF(precision, recall)


def pairwise(gold: Mapping[str, Hashable], pred: Mapping[str, Hashable]) -> PRF:
    """Precision and recall over item pairs (a labeling with no pairs scores 1.0 on that side)."""
    joint, g_size, p_size = _tables(gold, pred)

    def pairs(c: int) -> int:
        return c * (c - 1) // 2

    both = sum(pairs(c) for c in joint.values())
    in_pred = sum(pairs(c) for c in p_size.values())
    in_gold = sum(pairs(c) for c in g_size.values())
    return PRF(both / in_pred if in_pred else 1.0, both / in_gold if in_gold else 1.0)


def score_clusters(gold: Mapping[str, Hashable], pred: Mapping[str, Hashable]) -> ClusterScores:
    """B-cubed and pairwise scores, plus the cluster counts."""
    return ClusterScores(
        bcubed=bcubed(gold, pred),
        pairwise=pairwise(gold, pred),
        items=len(gold),
        gold_clusters=len(set(gold.values())),
        predicted_clusters=len(set(pred.values())),
    )
