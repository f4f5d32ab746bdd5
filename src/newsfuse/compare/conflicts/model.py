"""The shipped conflict model (``conflict_model.json``): which candidate pairs are conflicts."""

from __future__ import annotations

import functools
from pathlib import Path

from newsfuse.compare.trees import TreeModel, check_features, load_model

MODEL_FILE = "conflict_model.json"
SCRIPT = "scripts/train_conflict_model.py"


@functools.cache
def shipped_model() -> TreeModel:
    """The model in the package, checked against the features this code computes."""
    from newsfuse.compare.conflicts.pairs import FEATURES

    model = load_conflict_model()
    check_features(model, FEATURES, SCRIPT)
    return model


def load_conflict_model(path: Path | None = None) -> TreeModel:
    return load_model(__package__ or "newsfuse.compare.conflicts", MODEL_FILE, SCRIPT, path)
