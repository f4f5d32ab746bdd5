"""Reading sources into a store: every format ``newsfuse summarize`` reads, plus feeds and URLs.

Articles are committed one by one (``Store.add_article``), so an interruption keeps everything
before it, and a rerun over the same sources skips what is stored (as duplicates) and carries
on. Unreadable items are reported and skipped unless ``settings.strict`` is set.

The costly per-article work (dedup keys, sentences, lead embeddings) is done a chunk ahead,
here (``Store.prefetch``) or by a ``Preparer`` elsewhere (``newsfuse ingest --engine ray``,
``engine.articles``); either way one writer assigns stories in input order, so the stories are
the same.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

import httpx

from newsfuse.errors import ArticleError
from newsfuse.ingest import iter_articles
from newsfuse.models import Article
from newsfuse.settings import DEFAULT, Settings
from newsfuse.store.store import AddResult, Prepared, Store

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

Preparer = Callable[[Iterable[Sequence[Article]]], Iterator[Sequence[Prepared | None]]]
"""``store.prepare_batch`` of each batch of articles, in input order (lazily: a batch is asked
for only when there is room for it)."""


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
    prepare: Preparer | None = None,
) -> IngestReport:
    """Add every article from ``sources`` (paths, directories, ``-``, feed or page URLs) to the
    store. ``allow_private`` permits URLs on loopback and private networks. ``stop`` is asked
    before each article; when it says so, the ingest ends there (the CLI's first Ctrl-C).
    ``prepare`` does the per-article work elsewhere (default: in this process)."""
    items = iter_articles(
        sources, settings, stdin=stdin, transport=transport, allow_private=allow_private
    )
    return add_items(store, items, report=report, on_item=on_item, stop=stop, prepare=prepare)


def add_items(
    store: Store,
    items: Iterable[Article | ArticleError],
    *,
    report: IngestReport | None = None,
    on_item: Listener | None = None,
    stop: Callable[[], bool] | None = None,
    prepare: Preparer | None = None,
) -> IngestReport:
    """Add articles already read (errors among them are counted), as ``ingest`` does."""
    report = report if report is not None else IngestReport()
    with closing(_prepared_chunks(store, _chunks(items), prepare)) as chunks:
        for chunk, articles, prepared in chunks:
            if prepared is not None:
                store.accept(articles, prepared)
            _add_chunk(store, chunk, report, on_item, stop)
            if report.stopped:
                break
    return report


def _chunks(items: Iterable[Article | ArticleError]) -> Iterator[list[Article | ArticleError]]:
    chunk: list[Article | ArticleError] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


_Chunk = tuple[list[Article | ArticleError], list[Article], Sequence[Prepared | None] | None]


def _prepared_chunks(
    store: Store, chunks: Iterator[list[Article | ArticleError]], prepare: Preparer | None
) -> Generator[_Chunk, None, None]:
    """Each chunk, its articles, and their preparation (None: ``Store.prefetch`` them here)."""
    if prepare is None:
        for chunk in chunks:
            articles = [a for a in chunk if isinstance(a, Article)]
            store.prefetch(articles)
            yield chunk, articles, None
        return
    sent: deque[tuple[list[Article | ArticleError], list[Article]]] = deque()

    def batches() -> Iterator[list[Article]]:
        # The preparer pulls chunks ahead (a bounded window); they wait here, in order.
        for chunk in chunks:
            articles = [a for a in chunk if isinstance(a, Article)]
            sent.append((chunk, articles))
            yield articles

    for prepared in prepare(batches()):
        chunk, articles = sent.popleft()
        yield chunk, articles, prepared


def _add_chunk(
    store: Store,
    chunk: list[Article | ArticleError],
    report: IngestReport,
    on_item: Listener | None,
    stop: Callable[[], bool] | None,
) -> None:
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
