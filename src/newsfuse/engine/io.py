"""Batch input and output: JSONL or Parquet (same fields), and ``--resume``.

Output is always written as JSON lines first, flushed line by line, so a killed run leaves at
worst one torn last line; ``--resume`` cuts that line off and skips the ids already written.
A ``.parquet`` output is journalled to ``<output>.jsonl.part`` and converted when the run ends.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from newsfuse.errors import InputError, NewsfuseError
from newsfuse.ingest.clusters import iter_lines
from newsfuse.ingest.decoding import loads_json
from newsfuse.settings import Settings

RAY_HINT = "pip install 'newsfuse[ray]'"


def is_parquet(path: str | Path) -> bool:
    return str(path).lower().endswith(".parquet")


def _pyarrow() -> Any:
    try:
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise NewsfuseError(f"Parquet needs pyarrow; install it with {RAY_HINT}") from exc
    return pq


@dataclass(frozen=True, slots=True)
class RawRecord:
    """One input record as read, not yet parsed: the workers parse and clean it (the costly part
    of reading), so the driver's work per record stays small however many workers it feeds."""

    line: int
    """Line (or row) number in the input, from 1."""
    origin: str
    """Where it came from, as errors name it: ``path:line`` or ``path: row N``."""
    text: str
    """The record as JSON text."""


def iter_input(path: Path, settings: Settings) -> Iterator[RawRecord]:
    """The records of a JSONL or Parquet batch file, unparsed (see ``RawRecord``); a file that
    is missing or not text raises."""
    if not is_parquet(path):
        for line, text in iter_lines(path, settings):
            yield RawRecord(line, f"{path}:{line}", text)
        return
    pq = _pyarrow()
    if not path.is_file():
        raise InputError(f"{path}: no such file; check the path passed to --input")
    row = 0
    for batch in pq.ParquetFile(path).iter_batches(batch_size=256):
        for record in batch.to_pylist():
            row += 1
            raw = json.dumps(_drop_nulls(record), ensure_ascii=False, default=str)
            yield RawRecord(row, f"{path}: row {row}", raw)


def record_id(record: RawRecord) -> str | None:
    """The story id a record's output will carry (as ``cluster_from_json`` names it), without
    reading its documents; None when the record is not a JSON object."""
    try:
        data = loads_json(record.text)
    except json.JSONDecodeError:
        return None
    if not isinstance(data, dict):
        return None
    return str(data.get("id", f"line{record.line}"))


def _drop_nulls(value: Any) -> Any:
    # Parquet structs carry every field of the column; a missing one reads back as null.
    if isinstance(value, dict):
        return {k: _drop_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_drop_nulls(v) for v in value]
    return value


def count_input(path: Path, settings: Settings) -> int:
    """Records in a batch file (non-blank lines, or Parquet rows), for the ETA."""
    if is_parquet(path):
        return int(_pyarrow().ParquetFile(path).metadata.num_rows)
    try:
        with path.open(encoding=settings.encoding) as fh:
            return sum(1 for line in fh if line.strip())
    except FileNotFoundError as exc:
        raise InputError(f"{path}: no such file; check the path passed to --input") from exc
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{path} is not {settings.encoding} text ({exc.reason} at byte {exc.start}); "
            "convert it to UTF-8"
        ) from exc


class Sink:
    """Where output lines go: stdout, a JSONL file, or a Parquet file via its journal."""

    def __init__(self, output: str | None, resume: bool) -> None:
        self.target = None if output in (None, "-") else Path(str(output))
        if self.target is None and resume:
            raise InputError("--resume needs --output FILE (it reads the ids already written)")
        self.journal = self.target
        if self.target is not None and is_parquet(self.target):
            self.journal = self.target.with_name(self.target.name + ".jsonl.part")
        self.done_ids: set[str] = set()
        self.fh: IO[str]
        if self.journal is None:
            self.fh = sys.stdout
            return
        if resume:
            self._recover()
        self.fh = self.journal.open("a" if resume else "w", encoding="utf-8")

    def _recover(self) -> None:
        assert self.journal is not None and self.target is not None
        if self.journal != self.target and not self.journal.exists() and self.target.exists():
            # A finished Parquet output being resumed: its rows become the journal again.
            rows = _pyarrow().read_table(self.target).to_pylist()
            with self.journal.open("w", encoding="utf-8") as fh:
                for r in rows:
                    fh.write(json.dumps(_drop_nulls(r), ensure_ascii=False) + "\n")
        if not self.journal.exists():
            return
        data = self.journal.read_bytes()
        keep = data.rfind(b"\n") + 1
        if keep < len(data):
            with self.journal.open("r+b") as fh:  # a torn last line from a killed run
                fh.truncate(keep)
        for raw in data[:keep].decode("utf-8").splitlines():
            try:
                self.done_ids.add(str(json.loads(raw)["id"]))
            except (ValueError, KeyError, TypeError) as exc:
                raise InputError(
                    f"{self.journal}: a line is not an output record ({exc}); "
                    "it is not this command's output, so give another --output"
                ) from exc

    def write(self, line: str) -> None:
        self.fh.write(line + "\n")
        self.fh.flush()

    def close(self, finished: bool) -> None:
        if self.fh is sys.stdout:
            return
        self.fh.close()
        if finished and self.target is not None and self.journal != self.target:
            assert self.journal is not None
            pq = _pyarrow()
            import pyarrow as pa

            with self.journal.open(encoding="utf-8") as fh:
                rows = [json.loads(x) for x in fh if x.strip()]
            tmp = self.target.with_name(self.target.name + ".tmp")
            pq.write_table(pa.Table.from_pylist(rows), tmp)
            os.replace(tmp, self.target)
            self.journal.unlink()
