"""The default method (first version: centroid similarity; to be replaced by the measured one)."""

from __future__ import annotations

import numpy as np

from newsfuse.models import Summary
from newsfuse.pipeline import Prepared
from newsfuse.settings import Settings
from newsfuse.summarize.base import StaticScores, candidates, summarize_with


def fusion(prepared: Prepared, settings: Settings) -> Summary:
    pool = candidates(prepared, settings)
    centroid = prepared.vectors.mean(axis=0)
    scores = prepared.vectors @ centroid
    return summarize_with(prepared, StaticScores(np.asarray(scores, dtype=np.float64)), settings, "newsfuse", pool)
