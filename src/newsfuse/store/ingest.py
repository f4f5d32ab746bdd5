"""Reading sources into a store: every format ``newsfuse summarize`` reads, plus feeds and URLs.

Articles are committed one by one (``Store.add_article``), so an interruption keeps everything
before it, and a rerun over the same sources skips what is stored (as duplicates) and carries
on. Unreadable items are reported and skipped unless ``settings.strict`` is set.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

import httpx

from newsfuse.errors import ArticleError
from newsfuse.ingest import iter_articles
from newsfuse.models import Article
from newsfuse.settings import DEFAULT, Settings
from newsfuse.store.store import AddResult, Store

__all__ = ["IngestReport", "add_items", "ingest"]

CHUNK = 32
"""Articles read ahead and embedded in one batch before they are committed one by one."""


@dataclass(slots=True)
class IngestReport:
    """Counts of an ingest so far (filled in place, so it is current after an interruption)."""

    added: int = 0
    duplicates: int = 0
    new_stories: int = 0
    errors: list[ArticleError] = field(default_factory=list)
    stopped: bool = False
    """``stop`` asked to end early; the items after the last one counted were not read."""

    @property
    def seen(self) -> int:
        return self.added + self.duplicates + len(self.errors)


Listener = Callable[[Article | ArticleError, AddResult | None], None]
"""Called after each item: the article and what happened to it, or the error."""


def ingest(
    store: Store,
    sources: Iterable[str | Path],
    settings: Settings = DEFAULT,
    *,
    report: IngestReport | None = None,
    on_item: Listener | None = None,
    stop: Callable[[], bool] | None = None,
    allow_private: bool = False,
    transport: httpx.BaseTransport | None = None,
    stdin: TextIO | None = None,
) -> IngestReport:
    """Add every article from ``sources`` (paths, directories, ``-``, feed or page URLs) to the
    store. ``allow_private`` permits URLs on loopback and private networks. ``stop`` is asked
    before each article; when it says so, the ingest ends there (the CLI's first Ctrl-C)."""
    items = iter_articles(
        sources, settings, stdin=stdin, transport=transport, allow_private=allow_private
    )
    return add_items(store, items, report=report, on_item=on_item, stop=stop)


def add_items(
    store: Store,
    items: Iterable[Article | ArticleError],
    *,
    report: IngestReport | None = None,
    on_item: Listener | None = None,
    stop: Callable[[], bool] | None = None,
) -> IngestReport:
    """Add articles already read (errors among them are counted), as ``ingest`` does."""
    report = report if report is not None else IngestReport()
    chunk: list[Article | ArticleError] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= CHUNK:
            _add_chunk(store, chunk, report, on_item, stop)
            chunk = []
        if report.stopped:
            return report
    _add_chunk(store, chunk, report, on_item, stop)
    return report


def _add_chunk(
    store: Store,
    chunk: list[Article | ArticleError],
    report: IngestReport,
    on_item: Listener | None,
    stop: Callable[[], bool] | None,
) -> None:
    store.prefetch([a for a in chunk if isinstance(a, Article)])
    for item in chunk:
        if stop is not None and stop():
            report.stopped = True
            return
        result = None
        if isinstance(item, ArticleError):
            report.errors.append(item)
        else:
            result = store.add_article(item)
            if result.status == "added":
                report.added += 1
                report.new_stories += result.new_story
            else:
                report.duplicates += 1
        if on_item is not None:
            on_item(item, result)
