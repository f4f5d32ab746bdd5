"""``--time-limit`` and progress lines for the commands that do long work on one story or batch.

The command runs under a ``newsfuse.budget.Budget``: past ``--time-limit`` the work stops at its
next checkpoint and the command exits 124 (what ``timeout(1)`` exits) with one line saying what
to do. Progress: once the work has run 2 s, a line on stderr every few seconds says how long it
has run and what it is doing (the budget's ``step``). Only when stderr is a terminal, or with
``--progress``: piped output, logs and tests stay as they were. Batch commands keep their own
records/rate/ETA lines (``engine.progress``), which say more than a step name.
"""

from __future__ import annotations

import functools
import sys
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

import click

from newsfuse.budget import Budget

F = TypeVar("F", bound=Callable[..., Any])

QUIET_FOR = 2.0
"""Seconds of work before the first progress line: quick commands print none."""

EVERY = 5.0
"""Seconds between progress lines while the step stays the same."""


def time_limit_options(batch: bool = False) -> Callable[[F], F]:
    """``--time-limit SECONDS`` and ``--progress/--no-progress``; the command runs under a
    budget. Apply it nearest the function (below the other options). ``batch``: the command
    can run a batch (``--input``), whose output is kept and can be resumed."""
    fix = "give it fewer or shorter articles, or raise --time-limit"
    if batch:
        fix += " (a batch keeps what it wrote: continue it with --resume)"

    def decorate(f: F) -> F:
        @functools.wraps(f)
        def run(*args: Any, time_limit: float | None, progress: bool | None, **kwargs: Any) -> Any:
            budget = Budget(time_limit, what="the command", fix=fix)
            show = sys.stderr.isatty() if progress is None else progress
            if not show or kwargs.get("input_path"):  # a batch has its own progress lines
                return budget.run(f, *args, **kwargs)
            with Ticker(budget):
                return budget.run(f, *args, **kwargs)

        run = click.option(
            "--progress/--no-progress",
            default=None,
            help="Progress lines on stderr for work over 2 s (default: when stderr is a "
            "terminal)." + (" Batches always report records done." if batch else ""),
        )(run)
        return click.option(
            "--time-limit",
            type=click.FloatRange(min=0, min_open=True),
            metavar="SECONDS",
            help="Stop (exit 124) if the work takes longer than this.",
        )(run)  # type: ignore[return-value]

    return decorate


class Ticker:
    """A daemon thread printing the budget's progress until the block ends."""

    def __init__(self, budget: Budget) -> None:
        self.budget = budget
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._run, name="newsfuse-progress", daemon=True)

    def __enter__(self) -> None:
        self.thread.start()

    def __exit__(self, *exc: object) -> None:
        self.done.set()
        self.thread.join(1)

    def _run(self) -> None:
        shown, last = "", 0.0
        while not self.done.wait(0.25):
            now = time.monotonic()
            ran = now - self.budget.started
            doing = self.budget.doing
            changed = doing != shown and now - last >= 1.0  # quick steps: not a line each
            if ran >= QUIET_FOR and (changed or now - last >= EVERY):
                shown, last = doing, now
                limit = f" of {self.budget.seconds:g}" if self.budget.seconds is not None else ""
                click.echo(f"newsfuse: {ran:.0f}{limit} s: {doing or 'working'}...", err=True)
