"""Learned pair decisions as gradient-boosted trees, shipped as plain JSON.

The training scripts (``scripts/train_conflict_model.py``, ``scripts/train_claim_model.py``)
fit a scikit-learn ``GradientBoostingClassifier`` and write every tree as arrays, so loading
needs neither scikit-learn nor pickle and gives the same numbers on any version. Each file
records how it was made (script, data, seed, cross-validated figures) under ``provenance``.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from newsfuse.errors import ModelError


@dataclass(frozen=True, slots=True)
class Tree:
    """One regression tree: node ``k`` splits on ``feature[k] <= threshold[k]`` (left) or is a
    leaf (``left[k] == -1``) worth ``value[k]``."""

    feature: npt.NDArray[np.int64]
    threshold: npt.NDArray[np.float64]
    left: npt.NDArray[np.int64]
    right: npt.NDArray[np.int64]
    value: npt.NDArray[np.float64]

    def predict(self, x: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        node = np.zeros(len(x), dtype=np.int64)
        rows = np.arange(len(x))
        while True:
            inner = self.left[node] >= 0
            if not inner.any():
                return self.value[node]
            f = self.feature[node]
            go_left = x[rows, np.maximum(f, 0)] <= self.threshold[node]
            step = np.where(go_left, self.left[node], self.right[node])
            node = np.where(inner, step, node)


@dataclass(frozen=True, slots=True)
class TreeModel:
    """P(conflict) = sigmoid(init + rate * sum of trees); a pair is reported at ``threshold``."""

    features: tuple[str, ...]
    init: float
    rate: float
    trees: tuple[Tree, ...]
    threshold: float
    provenance: dict[str, Any]
    kind_thresholds: dict[str, float] = field(default_factory=dict)
    """Thresholds of some kinds of candidate (``"polarity"``), when the training script chose
    them apart from ``threshold``."""

    def cut(self, kind: str) -> float:
        """The threshold of a candidate of ``kind``."""
        return self.kind_thresholds.get(kind, self.threshold)

    def probability(self, x: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        if len(x) == 0:
            return np.zeros(0)
        raw = np.full(len(x), self.init)
        for tree in self.trees:
            raw += self.rate * tree.predict(x)
        out: npt.NDArray[np.float64] = 1.0 / (1.0 + np.exp(-raw))
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "features": list(self.features),
            "init": self.init,
            "rate": self.rate,
            "threshold": self.threshold,
            **({"kind_thresholds": self.kind_thresholds} if self.kind_thresholds else {}),
            "provenance": self.provenance,
            "trees": [
                {
                    "feature": t.feature.tolist(),
                    "threshold": [round(v, 6) for v in t.threshold.tolist()],
                    "left": t.left.tolist(),
                    "right": t.right.tolist(),
                    "value": [round(v, 6) for v in t.value.tolist()],
                }
                for t in self.trees
            ],
        }

    @classmethod
    def from_sklearn(
        cls,
        clf: Any,
        features: Sequence[str],
        threshold: float,
        provenance: dict[str, Any],
    ) -> TreeModel:
        """The trees of a fitted binary ``GradientBoostingClassifier`` (no import needed)."""
        trees = []
        for est in clf.estimators_[:, 0]:
            t = est.tree_
            trees.append(
                Tree(
                    t.feature.astype(np.int64),
                    t.threshold.astype(np.float64),
                    t.children_left.astype(np.int64),
                    t.children_right.astype(np.int64),
                    t.value[:, 0, 0].astype(np.float64),
                )
            )
        init = float(clf._raw_predict_init(np.zeros((1, len(features))))[0, 0])
        return cls(
            tuple(features), init, float(clf.learning_rate), tuple(trees), threshold, provenance
        )

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TreeModel:
        trees = tuple(
            Tree(
                np.asarray(t["feature"], dtype=np.int64),
                np.asarray(t["threshold"], dtype=np.float64),
                np.asarray(t["left"], dtype=np.int64),
                np.asarray(t["right"], dtype=np.int64),
                np.asarray(t["value"], dtype=np.float64),
            )
            for t in data["trees"]
        )
        rate, init, threshold = float(data["rate"]), float(data["init"]), float(data["threshold"])
        kinds = {str(k): float(v) for k, v in data.get("kind_thresholds", {}).items()}
        if not (math.isfinite(rate) and math.isfinite(init) and 0 < threshold < 1):
            raise ValueError("rate, init and threshold must be finite, threshold in (0, 1)")
        if not all(0 < v < 1 for v in kinds.values()):
            raise ValueError("kind_thresholds must lie in (0, 1)")
        return cls(tuple(data["features"]), init, rate, trees, threshold, data["provenance"], kinds)


def load_model(package: str, name: str, script: str, path: Path | None = None) -> TreeModel:
    """The model file ``name`` shipped in ``package`` (or the one at ``path``); ``script`` is
    what rebuilds it, for the message when it cannot be read."""
    try:
        if path is None:
            text = resources.files(package).joinpath(name).read_text("utf-8")
        else:
            text = path.read_text("utf-8")
        return TreeModel.from_dict(json.loads(text))
    except (OSError, ValueError, KeyError, TypeError) as e:
        where = path or f"{package.replace('.', '/')}/{name}"
        raise ModelError(
            f"cannot load the model {where}: {e}; reinstall newsfuse or rebuild it with {script}"
        ) from e


@functools.cache
def shipped(package: str, name: str, script: str, features: tuple[str, ...]) -> TreeModel:
    """The model file ``name`` of ``package``, loaded once and checked to read ``features``."""
    model = load_model(package, name, script)
    check_features(model, features, script)
    return model


def check_features(model: TreeModel, names: Sequence[str], script: str) -> None:
    """The model must read the columns in the order this code writes them."""
    if tuple(names) != model.features:
        raise ModelError(
            "the model was trained on other features than this code computes; rebuild it with "
            f"{script}"
        )
