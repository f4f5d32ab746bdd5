"""``newsfuse watch``: follow feeds, adding their new items to the store every round."""

from __future__ import annotations

import datetime as dt
import re
import signal
import sys
import time
from pathlib import Path
from typing import Any

import click

from newsfuse.cli.common import warn
from newsfuse.cli.stories import db_option, db_path, first_ctrl_c_stops

_EVERY = re.compile(r"^(\d+(?:\.\d+)?)\s*([smhd])$")
_UNIT = {"s": 1, "m": 60, "h": 3600, "d": 86400}
MIN_EVERY_SECONDS = 10.0
"""Shortest interval accepted: polling a feed more often than this is unfriendly to its server."""


def parse_every(ctx: click.Context | None, param: Any, value: str) -> float:
    """``30s``, ``10m``, ``1h``, ``1d`` -> seconds."""
    m = _EVERY.match(value.strip().lower())
    if not m:
        raise click.BadParameter(
            f"{value!r} is not an interval; write a number and a unit: 30s, 10m, 1h or 1d"
        )
    seconds = float(m.group(1)) * _UNIT[m.group(2)]
    if seconds < MIN_EVERY_SECONDS:
        raise click.BadParameter(
            f"{value!r} is shorter than {MIN_EVERY_SECONDS:g}s; poll feeds less often"
        )
    return seconds


@click.command()
@click.argument("feeds", nargs=-1, required=True)
@db_option
@click.option(
    "--every",
    default="10m",
    show_default=True,
    callback=parse_every,
    help="Time between rounds: 30s, 10m, 1h, 1d.",
)
@click.option("--once", is_flag=True, help="Poll every feed once and exit (for cron and tests).")
@click.option(
    "--allow-private",
    is_flag=True,
    help="Allow URLs on loopback and private networks (off: they are refused).",
)
@click.option("--encoding", default="utf-8", show_default=True, help="Text encoding of feed files.")
def watch(
    feeds: tuple[str, ...],
    db: Path | None,
    every: float,
    once: bool,
    allow_private: bool,
    encoding: str,
) -> None:
    """Follow the feeds in FEEDS, adding their new items to the store every round.

    FEEDS are RSS/Atom feed URLs or files, or files listing feeds (one URL or path a line, #
    for comments, or OPML). Each round fetches every feed with the validators of its last
    answer (ETag, Last-Modified), so an unchanged feed costs a 304; new items go into the
    store as `newsfuse ingest` adds them, committed one by one. A feed that fails is reported
    and tried again later, waiting longer each time; the others go on. One status line per
    round goes to stderr; with --once the exit code is 1 when every feed failed. Ctrl-C or
    SIGTERM stops after the item in flight (exit 130); a killed process loses nothing
    committed, and the next run fetches what it had not finished.
    """
    from newsfuse.ingest.feedlist import expand_feeds
    from newsfuse.settings import DEFAULT
    from newsfuse.store import open_store
    from newsfuse.store.watch import watch_round

    names = expand_feeds(feeds)
    settings = DEFAULT.with_(encoding=encoding)
    path = db_path(db)
    n = 0
    with open_store(path) as store, first_ctrl_c_stops((signal.SIGINT, signal.SIGTERM)) as stop:
        while True:
            n += 1
            started = time.monotonic()
            try:
                done = watch_round(
                    store,
                    names,
                    every=every,
                    settings=settings,
                    allow_private=allow_private,
                    stop=stop,
                )
            except KeyboardInterrupt:  # a second Ctrl-C: the article in flight rolled back
                _stopped(path)
            for poll in done.polls:
                if poll.status == "failed":
                    warn(f"round {n}: {poll.error}")
                else:
                    for error in poll.report.errors:
                        warn(f"round {n}: skipped {error}")
            warn(_status(n, len(names), done))
            if done.stopped or stop():
                _stopped(path)
            if once:
                if done.polls and done.count("failed") == len(done.polls):
                    warn("every feed failed this round; see the lines above")
                    sys.exit(1)  # so cron reports it
                return
            if _sleep_until(started + every, stop):
                _stopped(path)


def _status(n: int, feeds: int, done: Any) -> str:
    at = dt.datetime.now(dt.UTC).strftime("%H:%M:%SZ")
    return (
        f"round {n} at {at}: {feeds} feeds ({done.count('read')} read, "
        f"{done.count('not-modified')} not modified, {done.count('failed')} failed, "
        f"{done.count('waiting')} backing off); {done.added} new, {done.duplicates} "
        f"duplicates, {done.item_errors} unreadable items"
    )


def _sleep_until(deadline: float, stop: Any) -> bool:
    """Sleep in short steps (a signal handler cannot cut ``time.sleep`` short); ``True`` if
    asked to stop."""
    while not stop():
        left = deadline - time.monotonic()
        if left <= 0:
            return False
        time.sleep(min(left, 1.0))
    return True


def _stopped(path: Path) -> None:
    warn(f"stopped: every item committed to {path} is kept; run the same command to go on")
    sys.exit(130)


COMMANDS: list[click.Command] = [watch]
