import json
from pathlib import Path

import numpy as np
import pytest

from newsfuse.compare.conflicts.model import MODEL_FILE, load_conflict_model, shipped_model
from newsfuse.compare.conflicts.pairs import FEATURES
from newsfuse.compare.trees import TreeModel
from newsfuse.errors import ModelError


def test_shipped_model_loads_offline_with_its_provenance() -> None:
    model = shipped_model()
    assert model.features == FEATURES
    assert model.trees and 0 < model.threshold < 1
    prov = model.provenance
    assert prov["script"] == "scripts/train_conflict_model.py"
    assert prov["data"] and all("shared/data" in d for d in prov["data"])
    assert isinstance(prov["seed"], int) and prov["positives"] > 0


def test_probabilities_are_probabilities_and_the_round_trip_is_exact() -> None:
    model = shipped_model()
    x = np.random.default_rng(0).normal(size=(50, len(FEATURES)))
    p = model.probability(x)
    assert p.shape == (50,) and np.all((p > 0) & (p < 1))
    again = TreeModel.from_dict(json.loads(json.dumps(model.to_dict())))
    assert np.allclose(again.probability(x), p)


def test_trees_follow_their_splits() -> None:
    # one stump: feature 0 <= 0.5 -> -2, else +2
    model = TreeModel.from_dict(
        {
            "features": ["f"],
            "init": 0.0,
            "rate": 1.0,
            "threshold": 0.5,
            "provenance": {},
            "trees": [
                {
                    "feature": [0, -2, -2],
                    "threshold": [0.5, -2, -2],
                    "left": [1, -1, -1],
                    "right": [2, -1, -1],
                    "value": [0.0, -2.0, 2.0],
                }
            ],
        }
    )
    p = model.probability(np.array([[0.0], [1.0]]))
    assert p[0] == pytest.approx(1 / (1 + np.exp(2))) and p[1] == pytest.approx(
        1 / (1 + np.exp(-2))
    )


def test_a_broken_model_file_names_the_fix(tmp_path: Path) -> None:
    bad = tmp_path / MODEL_FILE
    bad.write_text('{"features": []}')
    with pytest.raises(ModelError, match=r"train_conflict_model\.py"):
        load_conflict_model(bad)


def test_a_kind_may_have_a_threshold_of_its_own() -> None:
    model = shipped_model()
    again = TreeModel.from_dict(json.loads(json.dumps(model.to_dict())))
    assert again.kind_thresholds == model.kind_thresholds
    assert all(0 < t < model.threshold for t in model.kind_thresholds.values())
    assert model.cut("quantity") == model.threshold
    for kind, t in model.kind_thresholds.items():
        assert model.cut(kind) == t
    data = model.to_dict()
    data["kind_thresholds"] = {"polarity": 1.5}
    with pytest.raises(ValueError, match="kind_thresholds"):
        TreeModel.from_dict(data)
