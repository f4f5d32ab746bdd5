"""The local engine: one ``Worker`` in this process, batches in input order."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from newsfuse.engine.io import RawRecord
from newsfuse.engine.records import Outcome, Worker
from newsfuse.settings import Settings


def run(
    task: str, settings: Settings, batches: Iterable[Sequence[RawRecord]]
) -> Iterator[list[Outcome]]:
    worker = Worker(task, settings)
    for batch in batches:
        yield worker.run(batch)
