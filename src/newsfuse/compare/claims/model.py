"""The shipped claim-link model (``claim_model.json``): which sentence pairs state one fact."""

from __future__ import annotations

import functools
from pathlib import Path

from newsfuse.compare.trees import TreeModel, check_features, load_model

MODEL_FILE = "claim_model.json"
SCRIPT = "scripts/train_claim_model.py"


@functools.cache
def shipped_link_model() -> TreeModel:
    """The model in the package, checked against the features this code computes."""
    from newsfuse.compare.claims.link import LINK_FEATURES

    model = load_link_model()
    check_features(model, LINK_FEATURES, SCRIPT)
    return model


def load_link_model(path: Path | None = None) -> TreeModel:
    return load_model(__package__ or "newsfuse.compare.claims", MODEL_FILE, SCRIPT, path)
