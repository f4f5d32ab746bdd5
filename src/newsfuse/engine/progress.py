"""Progress of a batch on stderr: records done, rate and ETA, at most one line every few
seconds, so logs stay short and a terminal is not flooded."""

from __future__ import annotations

import time
from collections.abc import Callable


class Progress:
    def __init__(
        self, label: str, total: int | None, emit: Callable[[str], None], every: float = 5.0
    ) -> None:
        self.label = label
        self.total = total
        self.emit = emit
        self.every = every
        self.done = 0
        self.start = self.last = time.monotonic()

    def update(self, n: int) -> None:
        self.done += n
        now = time.monotonic()
        if now - self.last >= self.every:
            self.last = now
            self.emit(self.line(now))

    def line(self, now: float | None = None) -> str:
        elapsed = max((now or time.monotonic()) - self.start, 1e-9)
        rate = self.done / elapsed
        of = f"/{self.total}" if self.total is not None else ""
        text = f"{self.label}: {self.done}{of} records, {rate:.2f}/s"
        if self.total is not None and rate > 0:
            text += f", ETA {max(self.total - self.done, 0) / rate:.0f}s"
        return text
