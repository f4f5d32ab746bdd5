"""Following feeds: each round polls every feed once and adds its new items to the store.

A URL is fetched with the validators its last answer gave (``If-None-Match`` /
``If-Modified-Since``), so an unchanged feed costs a 304 and nothing else; a local feed file is
read again only when its modification time changed. Items go through ``add_items``, the path
of ``newsfuse ingest`` (each article committed on its own, duplicates recognized by the store).

A feed's state (validators, failures in a row, when to try next) is saved in the store's
``feeds`` table only after all its items are committed, so a process killed mid-feed fetches
the feed again in full next time and the store skips what it already holds: every item ends
up stored exactly once. A feed that fails waits before its next poll: half a round after the
first failure, then 1.5, 3.5, 7.5 ... rounds, at most ``MAX_BACKOFF_SECONDS``; the other feeds
go on.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import httpx

from newsfuse.errors import FetchError
from newsfuse.ingest import iter_articles
from newsfuse.ingest.fetch import fetch, is_url
from newsfuse.ingest.files import read_fetched
from newsfuse.settings import DEFAULT, Settings
from newsfuse.store.db import now_iso, transaction
from newsfuse.store.ingest import IngestReport, add_items
from newsfuse.store.store import Store

__all__ = ["FeedPoll", "FeedState", "Round", "load_state", "poll_feed", "watch_round"]

MAX_BACKOFF_SECONDS = 6 * 3600.0
"""Longest wait before a feed that keeps failing is tried again."""

Status = Literal["read", "not-modified", "failed", "waiting", "stopped"]


@dataclass(frozen=True, slots=True)
class FeedState:
    """What the store remembers of one feed between polls."""

    feed: str
    etag: str = ""
    last_modified: str = ""
    """For a local file: its modification time (ns) when it was last read."""
    failures: int = 0
    """Failed polls in a row."""
    retry_after: float = 0.0
    """Unix time before which the feed is not polled (its backoff)."""
    error: str = ""


@dataclass(slots=True)
class FeedPoll:
    """What one poll of one feed did."""

    feed: str
    status: Status
    report: IngestReport = field(default_factory=IngestReport)
    error: str = ""


@dataclass(slots=True)
class Round:
    """The polls of one round, in feed order."""

    polls: list[FeedPoll] = field(default_factory=list)

    @property
    def stopped(self) -> bool:
        return any(p.status == "stopped" for p in self.polls)

    def count(self, status: Status) -> int:
        return sum(p.status == status for p in self.polls)

    @property
    def added(self) -> int:
        return sum(p.report.added for p in self.polls)

    @property
    def duplicates(self) -> int:
        return sum(p.report.duplicates for p in self.polls)

    @property
    def item_errors(self) -> int:
        return sum(len(p.report.errors) for p in self.polls if p.status != "failed")


def load_state(store: Store, feed: str) -> FeedState:
    row = store.conn.execute(
        "SELECT etag, last_modified, failures, retry_after, error FROM feeds WHERE url = ?",
        (feed,),
    ).fetchone()
    if row is None:
        return FeedState(feed)
    return FeedState(feed, row[0], row[1], int(row[2]), float(row[3]), row[4])


def _save_state(store: Store, state: FeedState) -> None:
    with transaction(store.conn, store.name) as conn:
        conn.execute(
            "INSERT OR REPLACE INTO feeds "
            "(url, etag, last_modified, failures, retry_after, checked, error) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                state.feed,
                state.etag,
                state.last_modified,
                state.failures,
                state.retry_after,
                now_iso(),
                state.error,
            ),
        )


def backoff_seconds(failures: int, every: float) -> float:
    """The wait after ``failures`` failed polls in a row (see the module docstring)."""
    return min(every * (2.0 ** min(failures - 1, 30) - 0.5), MAX_BACKOFF_SECONDS)


def watch_round(
    store: Store,
    feeds: Sequence[str],
    *,
    every: float,
    settings: Settings = DEFAULT,
    allow_private: bool = False,
    transport: httpx.BaseTransport | None = None,
    stop: Callable[[], bool] | None = None,
    now: Callable[[], float] = time.time,
) -> Round:
    """Poll each feed once (those still backing off are skipped); stops between items when
    ``stop`` says so."""
    out = Round()
    for feed in feeds:
        if stop is not None and stop():
            out.polls.append(FeedPoll(feed, "stopped"))
            break
        poll = poll_feed(
            store,
            feed,
            every=every,
            settings=settings,
            allow_private=allow_private,
            transport=transport,
            stop=stop,
            now=now,
        )
        out.polls.append(poll)
        if poll.status == "stopped":
            break
    return out


def poll_feed(
    store: Store,
    feed: str,
    *,
    every: float,
    settings: Settings = DEFAULT,
    allow_private: bool = False,
    transport: httpx.BaseTransport | None = None,
    stop: Callable[[], bool] | None = None,
    now: Callable[[], float] = time.time,
) -> FeedPoll:
    """Poll one feed: fetch it (conditionally), add its items, then save its state."""
    state = load_state(store, feed)
    if now() < state.retry_after:
        return FeedPoll(feed, "waiting", error=state.error)
    report = IngestReport()
    etag, modified = state.etag, state.last_modified
    try:
        if is_url(feed):
            headers = {}
            if etag:
                headers["If-None-Match"] = etag
            if modified:
                headers["If-Modified-Since"] = modified
            got = fetch(feed, transport=transport, allow_private=allow_private, headers=headers)
            etag, modified = got.etag or etag, got.last_modified or modified
            if got.status == 304:
                _save_state(store, FeedState(feed, etag, modified))
                return FeedPoll(feed, "not-modified")
            items = read_fetched(feed, got, settings.with_(strict=False))
        else:
            mtime = str(Path(feed).stat().st_mtime_ns)
            if mtime == modified:
                _save_state(store, FeedState(feed, "", modified))
                return FeedPoll(feed, "not-modified")
            modified = mtime
            items = iter_articles([feed], settings.with_(strict=False))
        add_items(store, items, report=report, stop=stop)
    except (FetchError, OSError) as exc:
        message = str(exc) if isinstance(exc, FetchError) else f"{feed}: cannot be read ({exc})"
        return _failed(store, state, message, report, every, now)
    if report.stopped:
        return FeedPoll(feed, "stopped", report)
    if report.errors and not (report.added or report.duplicates):
        # Nothing readable at all (not a feed, an empty feed): the feed failed, not an item.
        return _failed(store, state, str(report.errors[0]), report, every, now)
    _save_state(store, FeedState(feed, etag, modified))
    return FeedPoll(feed, "read", report)


def _failed(
    store: Store,
    state: FeedState,
    message: str,
    report: IngestReport,
    every: float,
    now: Callable[[], float],
) -> FeedPoll:
    failures = state.failures + 1
    wait = backoff_seconds(failures, every)
    _save_state(
        store,
        FeedState(state.feed, state.etag, state.last_modified, failures, now() + wait, message),
    )
    return FeedPoll(state.feed, "failed", report, message)
