"""Baseline: round-robin lead (first sentence of every article, then the second, ...)."""

from __future__ import annotations

import numpy as np

from newsfuse.models import Summary
from newsfuse.pipeline import Prepared
from newsfuse.settings import Settings
from newsfuse.summarize.base import StaticScores, candidates, summarize_with


def lead(prepared: Prepared, settings: Settings) -> Summary:
    """Round robin over articles in story order, by position among each article's candidates."""
    pool = candidates(prepared, settings)
    n_articles = max(len(prepared.story.articles), 1)
    article_rank = {a.id: k for k, a in enumerate(prepared.story.articles)}
    scores = np.zeros(len(prepared.sentences))
    seen: dict[str, int] = {}
    for i in pool:
        s = prepared.sentences[i]
        k = seen.get(s.article_id, 0)
        seen[s.article_id] = k + 1
        scores[i] = -(k * n_articles + article_rank[s.article_id])
    return summarize_with(prepared, lambda: StaticScores(scores + 1e9), settings, "lead", pool)
