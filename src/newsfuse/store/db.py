"""Opening the SQLite file: location, pragmas, migrations, transactions and value codecs."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import numpy.typing as npt

from newsfuse.errors import NotFoundError, StoreError
from newsfuse.store.schema import check_readable, migrate

__all__ = ["DEFAULT_DB", "connect", "default_db_path", "transaction"]

DEFAULT_DB = "newsfuse.db"
BUSY_TIMEOUT_MS = 10_000
"""How long a writer waits for another process's transaction before giving up."""


def default_db_path() -> Path:
    """``NEWSFUSE_DB`` when set, else ``newsfuse.db`` in the current directory."""
    return Path(os.environ.get("NEWSFUSE_DB") or DEFAULT_DB)


def connect(path: str | Path, *, create: bool = True, readonly: bool = False) -> sqlite3.Connection:
    """An autocommit connection (transactions are explicit) with WAL, foreign keys and a busy
    timeout, migrated to the current schema. ``readonly`` opens it with SQLite's ``mode=ro``
    (nothing is migrated or written, so a store on read-only media or owned by another user can
    still be read)."""
    name = str(path)
    memory = name == ":memory:"
    if not memory and (not create or readonly) and not Path(name).exists():
        raise NotFoundError(
            f"{name}: no article store there; check the path, or create it by adding articles "
            "(`newsfuse ingest`)"
        )
    if Path(name).is_dir():
        raise NotFoundError(f"{name} is a folder, not an article store; give the database file")
    if not memory and not Path(name).parent.is_dir():
        raise NotFoundError(
            f"{name}: the folder {Path(name).parent} does not exist; create it or give another path"
        )
    if readonly and not memory:
        return _connect_readonly(name)
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


def _connect_readonly(name: str) -> sqlite3.Connection:
    uri = "file:" + urllib.parse.quote(str(Path(name).resolve())) + "?mode=ro"
    # A WAL database without its -shm file, in a folder this user cannot write, cannot be opened
    # mode=ro at all; immutable=1 reads it as it stands (fine for a store nobody is writing).
    error: sqlite3.DatabaseError | None = None
    for suffix in ("", "&immutable=1"):
        conn = sqlite3.connect(
            uri + suffix, uri=True, isolation_level=None, check_same_thread=False
        )
        try:
            conn.execute("PRAGMA foreign_keys = ON")
            check_readable(conn, name)
            return conn
        except BaseException as exc:
            conn.close()
            if not isinstance(exc, sqlite3.DatabaseError):
                raise
            error = exc
            if "unable to open" not in str(exc):
                break
    raise StoreError(
        f"{name}: cannot read the article store ({error}); check that it is a newsfuse "
        "database and that you may read it"
    ) from error


@contextmanager
def transaction(conn: sqlite3.Connection, name: str) -> Iterator[sqlite3.Connection]:
    """``BEGIN IMMEDIATE`` ... ``COMMIT``, rolled back on any exception (Ctrl-C included)."""
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        raise StoreError(
            f"{name}: the article store is busy ({exc}); another newsfuse process is writing "
            "to it; wait for it to finish or use another article store"
        ) from exc
    try:
        yield conn
    except BaseException as exc:
        conn.execute("ROLLBACK")
        if isinstance(exc, sqlite3.OperationalError) and "readonly" in str(exc):
            raise StoreError(
                f"{name} is open read-only (this user cannot write the file or its folder); "
                "nothing can be added or cached"
            ) from exc
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
