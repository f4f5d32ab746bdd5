"""Batch engines: the same per-record work (``engine.records``) run in this process
(``engine.local``) or on a Ray cluster (``engine.ray``), with one reader, one ordered writer,
``--resume`` and progress shared (``engine.io``, ``engine.progress``). The CLI only picks one."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from newsfuse.budget import checkpoint
from newsfuse.engine.io import RawRecord, Sink, count_input, iter_input, record_id
from newsfuse.engine.progress import Progress
from newsfuse.errors import InputError, NewsfuseError
from newsfuse.settings import ENGINES, Settings

__all__ = ["ENGINES", "BatchReport", "run_batch"]

BATCH = 8
"""Records sent to a worker at once (also the spaCy ``nlp.pipe`` chunk of compare)."""


@dataclass(slots=True)
class BatchReport:
    done: int = 0
    failed: int = 0
    resumed: int = 0
    """Ids already in the output, skipped by ``--resume``."""


def run_batch(
    task: str,
    input_path: Path,
    output: str | None,
    settings: Settings,
    warn: Callable[[str], None],
    *,
    engine: str = "local",
    workers: int | None = None,
    address: str | None = None,
    resume: bool = False,
    batch: int = BATCH,
) -> BatchReport:
    """Run ``task`` (``summarize`` or ``compare``) on every record of ``input_path``, writing one
    output record per good input record, in input order. Bad records are reported through
    ``warn`` and skipped, or raise under ``settings.strict``."""
    report = BatchReport()
    total = count_input(input_path, settings)
    sink = Sink(output, resume)
    report.resumed = len(sink.done_ids)
    progress = Progress(task, total - report.resumed, warn)
    finished = False
    try:
        records = _records(input_path, settings, sink.done_ids)
        batches = iter(lambda: list(islice(records, batch)), [])
        if engine == "ray":
            from newsfuse.engine import ray as runner
        else:
            from newsfuse.engine import local as runner  # type: ignore[no-redef]
        results = (
            runner.run(task, settings, batches, workers=workers, address=address)
            if engine == "ray"
            else runner.run(task, settings, batches)
        )
        for outcomes in results:
            checkpoint()  # Ray workers do not see the budget: check it once a batch here
            for o in outcomes:
                if o.unread:
                    if settings.strict:
                        raise InputError(o.error)
                    warn(f"skipped {o.error}")
                    continue
                for note in o.left_out:
                    warn(f"left out {note}")
                if o.output is not None:
                    sink.write(o.output)
                    report.done += 1
                    continue
                msg = f"{input_path}:{o.line}: skipped: {o.error}"
                if settings.strict:
                    raise (InputError if o.input_error else NewsfuseError)(msg)
                warn(msg)
                report.failed += 1
            progress.update(sum(not o.unread for o in outcomes))
        finished = True
    finally:
        sink.close(finished)
    if progress.done:
        warn(progress.line())
    return report


def _records(path: Path, settings: Settings, skip: set[str]) -> Iterator[RawRecord]:
    """The input's records, less those whose ids ``--resume`` found in the output. They go to
    the workers unparsed: reading a record (cleaning its documents) costs several times what
    sending it does, and on Ray the driver must keep up with every worker."""
    for record in iter_input(path, settings):
        if skip and record_id(record) in skip:
            continue
        yield record
