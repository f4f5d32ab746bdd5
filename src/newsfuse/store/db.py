"""Opening the SQLite file: location, pragmas, migrations, transactions and value codecs."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import numpy.typing as npt

from newsfuse.errors import NotFoundError, StoreError
from newsfuse.store.schema import migrate

__all__ = ["DEFAULT_DB", "connect", "default_db_path", "transaction"]

DEFAULT_DB = "newsfuse.db"
BUSY_TIMEOUT_MS = 10_000
"""How long a writer waits for another process's transaction before giving up."""


def default_db_path() -> Path:
    """``NEWSFUSE_DB`` when set, else ``newsfuse.db`` in the current directory."""
    return Path(os.environ.get("NEWSFUSE_DB") or DEFAULT_DB)


def connect(path: str | Path, *, create: bool = True) -> sqlite3.Connection:
    """An autocommit connection (transactions are explicit) with WAL, foreign keys and a busy
    timeout, migrated to the current schema."""
    name = str(path)
    memory = name == ":memory:"
    if not memory and not create and not Path(name).exists():
        raise NotFoundError(
            f"{name}: no article store there; check --db / NEWSFUSE_DB, or create it with "
            "`newsfuse ingest --db PATH SOURCES...`"
        )
    try:
        # check_same_thread=False: the web app hands the one connection to a worker thread per
        # call (one at a time); sqlite3 itself is built threadsafe.
        conn = sqlite3.connect(
            name, isolation_level=None, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000
        )
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        if not memory:
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                raise StoreError(
                    f"{name}: SQLite could not switch to WAL mode (got {mode}); put the "
                    "database on a local file system"
                )
            # In WAL mode NORMAL is still crash-safe for the database: a power cut can lose the
            # last commits but never corrupts it; a killed process loses nothing committed.
            conn.execute("PRAGMA synchronous = NORMAL")
        migrate(conn, name)
    except sqlite3.DatabaseError as exc:
        raise StoreError(
            f"{name}: cannot open the article store ({exc}); check that it is a newsfuse "
            "database and not in use by a stuck process"
        ) from exc
    return conn


@contextmanager
def transaction(conn: sqlite3.Connection, name: str) -> Iterator[sqlite3.Connection]:
    """``BEGIN IMMEDIATE`` ... ``COMMIT``, rolled back on any exception (Ctrl-C included)."""
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        raise StoreError(
            f"{name}: the article store is busy ({exc}); another newsfuse process is writing "
            "to it; wait for it to finish or use another --db"
        ) from exc
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


# --- value codecs -----------------------------------------------------------------------------


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def now_days() -> float:
    return dt.datetime.now(dt.UTC).timestamp() / 86400.0


def from_days(days: float | None) -> dt.datetime | None:
    if days is None:
        return None
    return dt.datetime.fromtimestamp(days * 86400.0, dt.UTC)


def f32_blob(vector: npt.NDArray[np.float32]) -> bytes:
    return np.ascontiguousarray(vector, dtype="<f4").tobytes()


def f32_vector(blob: bytes) -> npt.NDArray[np.float32]:
    return np.frombuffer(blob, dtype="<f4").astype(np.float32)


def f64_blob(vector: npt.NDArray[np.float64]) -> bytes:
    return np.ascontiguousarray(vector, dtype="<f8").tobytes()


def f64_vector(blob: bytes) -> npt.NDArray[np.float64]:
    return np.frombuffer(blob, dtype="<f8").astype(np.float64)
