"""Tiny stories built in memory for summarizer tests (sumy's build_document habit)."""

from __future__ import annotations

from newsfuse.models import Article, Story


def build_story(*articles: tuple[str, ...]) -> Story:
    """One article per tuple of sentences, one sentence per line."""
    return Story(
        "s",
        tuple(
            Article(id=f"a{k}", text="\n".join(sents), source=f"Outlet {k}")
            for k, sents in enumerate(articles)
        ),
    )
