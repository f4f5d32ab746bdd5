"""The per-record work of the batch commands, written once for every engine.

A ``Worker`` holds what is costly to load (the embedder, its sketch, spaCy) and turns a batch of
input records, still JSON text, into one ``Outcome`` per record: it parses and cleans each
(``cluster_from_json``), then returns the output line as JSON text, or why it was skipped. The
local engine runs one ``Worker`` in process; the Ray engine runs one per actor, so both write
the same bytes.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from newsfuse.budget import checkpoint
from newsfuse.embed import Embedder, default_embedder
from newsfuse.engine.io import RawRecord
from newsfuse.errors import InputError, NewsfuseError, StoppedError
from newsfuse.ingest import Cluster
from newsfuse.ingest.clusters import cluster_from_json
from newsfuse.pipeline import prepare
from newsfuse.settings import Settings

CRASH_ONCE_ENV = "NEWSFUSE_TEST_CRASH_ONCE"
"""Test hook: a path; the first worker to see it missing creates it and exits at once, so tests
can check that a dead worker's batch is retried."""
DELAY_ENV = "NEWSFUSE_TEST_RECORD_DELAY"
"""Test hook: seconds each record sleeps, so a test can kill a run part way."""


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one input record."""

    line: int
    """Line (or row) number in the input, from 1."""
    id: str
    output: str | None
    """The output record as one line of JSON text; None when skipped."""
    error: str | None = None
    input_error: bool = False
    """The skip was caused by the record itself (exit code 2 under --strict)."""
    unread: bool = False
    """The record could not be read at all (not JSON, no documents): ``error`` is the reader's
    message, reported as the reader reports it."""
    left_out: tuple[str, ...] = ()
    """Why each document of the record that was left out (empty after cleaning) was."""


def summarize_record(cluster: Cluster, settings: Settings, embedder: Embedder) -> dict[str, Any]:
    """``newsfuse summarize --input``'s output record for one cluster."""
    from newsfuse.api import prepare_focused, summarize_prepared

    prepared = prepare_focused(cluster.story, embedder, cluster.query, cluster.background)
    summary = summarize_prepared(prepared, settings)
    pos = cluster.positions
    return {
        "id": cluster.story.id,
        "summary": summary.text,
        "sentences": [
            {
                "text": s.text,
                "citations": [
                    {"doc": pos[c.article_id], "sentence": c.sentence_index} for c in s.citations
                ],
            }
            for s in summary.sentences
        ],
    }


def _summarize(
    clusters: Sequence[Cluster], settings: Settings, embedder: Embedder
) -> list[Callable[[], dict[str, Any]]]:
    return [partial(summarize_record, c, settings, embedder) for c in clusters]


def _compare(
    clusters: Sequence[Cluster], settings: Settings, embedder: Embedder
) -> list[Callable[[], dict[str, Any]]]:
    from newsfuse.compare.brief.build import compare_record
    from newsfuse.compare.mentions.entities import parse_stories

    # spaCy parses the whole batch in one nlp.pipe call, as the local command always did.
    parsed = parse_stories([c.story for c in clusters])
    return [
        partial(_compare_one, compare_record, c, settings, embedder, d)
        for c, d in zip(clusters, parsed, strict=True)
    ]


def _compare_one(
    compare_record: Callable[..., dict[str, Any]],
    cluster: Cluster,
    settings: Settings,
    embedder: Embedder,
    docs: Any,
) -> dict[str, Any]:
    return compare_record(prepare(cluster.story, embedder), settings, docs)


TASKS = {"summarize": _summarize, "compare": _compare}
"""Batch command -> the function that makes one record-builder per cluster of a batch."""


class Worker:
    """Loads the models once, then reads (parses, cleans) and runs batches of one task."""

    def __init__(self, task: str, settings: Settings) -> None:
        self.task = task
        self.settings = settings
        self.embedder = default_embedder()

    def run(self, records: Sequence[RawRecord]) -> list[Outcome]:
        _maybe_crash()
        read: list[Cluster | InputError] = []
        for r in records:
            try:
                read.append(cluster_from_json(r.text, r.origin, r.line))
            except InputError as exc:
                read.append(exc)
        clusters = [c for c in read if isinstance(c, Cluster)]
        builders = iter(TASKS[self.task](clusters, self.settings, self.embedder))
        out = []
        delay = float(os.environ.get(DELAY_ENV) or 0)
        for r, cluster in zip(records, read, strict=True):
            if not isinstance(cluster, Cluster):
                out.append(Outcome(r.line, "", None, str(cluster), True, unread=True))
                continue
            build = next(builders)
            if delay:
                time.sleep(delay)
            checkpoint()
            sid = cluster.story.id
            left_out = tuple(str(e) for e in cluster.skipped)
            try:
                text = json.dumps(build(), ensure_ascii=False)
            except StoppedError:  # the whole command stops, not just this record
                raise
            except NewsfuseError as exc:
                error = str(exc)
                bad = isinstance(exc, InputError)
                out.append(Outcome(cluster.line, sid, None, error, bad, left_out=left_out))
                continue
            out.append(Outcome(cluster.line, sid, text, left_out=left_out))
        return out


def _maybe_crash() -> None:
    marker = os.environ.get(CRASH_ONCE_ENV)
    if not marker:
        return
    try:
        Path(marker).touch(exist_ok=False)
    except FileExistsError:
        return
    os._exit(1)
