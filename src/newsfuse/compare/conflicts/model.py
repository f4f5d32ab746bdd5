"""The shipped conflict model (``conflict_model.json``): which candidate pairs are conflicts."""

from __future__ import annotations

from pathlib import Path

from newsfuse.compare.trees import TreeModel, load_model, shipped

PACKAGE = "newsfuse.compare.conflicts"
MODEL_FILE = "conflict_model.json"
SCRIPT = "scripts/train_conflict_model.py"


def shipped_model() -> TreeModel:
    from newsfuse.compare.conflicts.pairs import FEATURES

    return shipped(PACKAGE, MODEL_FILE, SCRIPT, FEATURES)


def load_conflict_model(path: Path | None = None) -> TreeModel:
    return load_model(PACKAGE, MODEL_FILE, SCRIPT, path)
