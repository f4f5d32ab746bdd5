"""Migrations: a new file is built to the current version, a newer one is refused."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from newsfuse.errors import NotFoundError, StoreError
from newsfuse.store import SCHEMA_VERSION, open_store
from newsfuse.store.schema import migrate, schema_version


def test_new_store_is_migrated_once_with_wal_and_foreign_keys(tmp_path: Path) -> None:
    path = tmp_path / "n.db"
    with open_store(path) as store:
        assert schema_version(store.conn) == SCHEMA_VERSION
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    with open_store(path) as store:
        rows = store.conn.execute("SELECT version FROM schema_version").fetchall()
        assert rows == [(v,) for v in range(1, SCHEMA_VERSION + 1)]
        assert migrate(store.conn, str(path)) == SCHEMA_VERSION  # nothing left to apply


def test_newer_schema_is_refused_with_upgrade_advice(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    open_store(path).close()
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO schema_version VALUES (?, 'later')", (SCHEMA_VERSION + 1,))
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match=r"newer newsfuse.*upgrade newsfuse"):
        open_store(path)


def test_not_a_database_is_a_store_error(tmp_path: Path) -> None:
    path = tmp_path / "junk.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="cannot open the article store"):
        open_store(path)


def test_missing_file_without_create(tmp_path: Path) -> None:
    with pytest.raises(NotFoundError, match="newsfuse ingest"):
        open_store(tmp_path / "absent.db", create=False)
    assert not (tmp_path / "absent.db").exists()


def test_a_version_1_store_is_read_as_it_stands_and_upgraded_by_a_writer(tmp_path: Path) -> None:
    path = tmp_path / "v1.db"
    open_store(path).close()
    conn = sqlite3.connect(path)
    conn.execute("DROP TABLE feeds")  # as newsfuse before `watch` left it
    conn.execute("DELETE FROM schema_version WHERE version > 1")
    conn.commit()
    conn.close()
    with open_store(path, readonly=True) as store:
        assert schema_version(store.conn) == 1 and store.list_stories() == []
    with open_store(path) as store:
        assert schema_version(store.conn) == SCHEMA_VERSION
        assert store.conn.execute("SELECT count(*) FROM feeds").fetchone() == (0,)
