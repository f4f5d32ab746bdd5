"""The shipped claim-link model (``claim_model.json``): which sentence pairs state one fact."""

from __future__ import annotations

from newsfuse.compare.trees import TreeModel, shipped

MODEL_FILE = "claim_model.json"
SCRIPT = "scripts/train_claim_model.py"


def shipped_link_model() -> TreeModel:
    from newsfuse.compare.claims.link import LINK_FEATURES

    return shipped("newsfuse.compare.claims", MODEL_FILE, SCRIPT, LINK_FEATURES)
