"""A time budget for one request or one command, and the checkpoints long loops call.

The caller that owns the work (the web app for a request, the CLI for a command) makes a
``Budget`` and runs the work under it (``Budget.run``); code below calls ``checkpoint()`` between
steps, which raises ``BudgetExceeded`` once the deadline is past or ``WorkCancelled`` once
someone called ``Budget.cancel`` (a client that disconnected, a server told to stop). Without a
budget, ``checkpoint()`` does nothing, so library signatures do not change.

The budget travels in a ``ContextVar``: ``anyio.to_thread.run_sync`` and ``asyncio.to_thread``
copy the context into the worker thread, so ``Budget.run`` inside or outside the thread both
work. A plain ``ThreadPoolExecutor`` does not copy it: wrap the function with ``bind``.

A checkpoint is one ``ContextVar.get``, one attribute read and one ``time.monotonic()`` compare
(well under a microsecond), so a loop may call it every iteration. ``cancel`` only assigns an
attribute, so it is safe from a signal handler and from any thread.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from contextvars import ContextVar
from typing import ParamSpec, TypeVar

from newsfuse.errors import BudgetExceeded, WorkCancelled

__all__ = ["Budget", "bind", "checkpoint", "current", "step"]

P = ParamSpec("P")
T = TypeVar("T")

_CURRENT: ContextVar[Budget | None] = ContextVar("newsfuse_budget", default=None)


class Budget:
    """A deadline ``seconds`` from now (``None``: no deadline) that can also be cancelled.

    ``what`` and ``fix`` make the ``BudgetExceeded`` message: "``what`` would take longer than
    its N s time limit and was stopped; ``fix``"."""

    __slots__ = ("cancelled", "deadline", "doing", "fix", "seconds", "started", "what")

    def __init__(
        self,
        seconds: float | None,
        *,
        what: str = "the work",
        fix: str = "give it less to do, or a longer time limit",
    ) -> None:
        if seconds is not None and not seconds > 0:
            raise ValueError(f"a time limit must be positive, got {seconds}")
        self.seconds = seconds
        self.what = what
        self.fix = fix
        self.started = time.monotonic()
        self.deadline = math.inf if seconds is None else self.started + seconds
        self.cancelled: str | None = None
        """Why the work was cancelled (``None`` while it may go on)."""
        self.doing = ""
        """What the work is doing now (``step``), for progress lines."""

    def cancel(self, reason: str) -> None:
        """Stop the work at its next checkpoint with ``WorkCancelled(reason)``; the first
        reason given is kept."""
        if self.cancelled is None:
            self.cancelled = reason

    def remaining(self) -> float:
        """Seconds left before the deadline (``inf`` without one; negative once past)."""
        return self.deadline - time.monotonic()

    def check(self) -> None:
        """Raise ``WorkCancelled`` or ``BudgetExceeded`` if the work must stop now."""
        if self.cancelled is not None:
            raise WorkCancelled(self.cancelled)
        if time.monotonic() > self.deadline:
            assert self.seconds is not None
            raise BudgetExceeded(self.what, self.seconds, self.fix)

    def run(self, fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """``fn(*args, **kwargs)`` with this budget as the current one (checked first)."""
        token = _CURRENT.set(self)
        try:
            self.check()
            return fn(*args, **kwargs)
        finally:
            _CURRENT.reset(token)


def current() -> Budget | None:
    """The budget the calling code runs under, if any."""
    return _CURRENT.get()


def checkpoint() -> None:
    """Raise ``WorkCancelled`` or ``BudgetExceeded`` if the current budget says stop."""
    budget = _CURRENT.get()
    if budget is not None:
        budget.check()


def step(doing: str) -> None:
    """Say what the work does from now on ("parsing articles"), for progress lines; then
    ``checkpoint()``."""
    budget = _CURRENT.get()
    if budget is not None:
        budget.doing = doing
        budget.check()


def bind(fn: Callable[P, T]) -> Callable[P, T]:
    """``fn`` run under the caller's current budget, from whichever thread calls it (for
    executors that do not copy the context)."""
    budget = _CURRENT.get()
    if budget is None:
        return fn

    def bound(*args: P.args, **kwargs: P.kwargs) -> T:
        return budget.run(fn, *args, **kwargs)

    return bound
