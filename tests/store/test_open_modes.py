"""Read-only opening, foreign databases and missing folders."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from newsfuse.embed import HashingEmbedder
from newsfuse.errors import NotFoundError, StoreError
from newsfuse.models import Article
from newsfuse.store import open_store

TEXT = "Ministers met in Munich on Thursday and agreed on a truce for the whole region."


@pytest.fixture
def stored(tmp_path: Path) -> Path:
    db = tmp_path / "s.db"
    with open_store(db, embedder=HashingEmbedder()) as store:
        store.add_article(Article("a", TEXT, source="A"))
    return db


def test_readonly_reads_and_never_writes(stored: Path) -> None:
    before = stored.read_bytes()
    with open_store(stored, embedder=HashingEmbedder(), readonly=True) as store:
        assert [i.size for i in store.list_stories()] == [1]
        with pytest.raises(StoreError, match="open read-only"):
            store.add_article(Article("b", TEXT.replace("Munich", "Vienna"), source="B"))
    assert stored.read_bytes() == before


def test_readonly_never_creates_a_file(tmp_path: Path) -> None:
    with pytest.raises(NotFoundError, match="no article store there"):
        open_store(tmp_path / "missing.db", readonly=True)
    assert not (tmp_path / "missing.db").exists()


@pytest.mark.parametrize("readonly", [False, True])
def test_a_foreign_sqlite_file_is_refused_and_left_alone(tmp_path: Path, readonly: bool) -> None:
    db = tmp_path / "other_app.db"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE users (id INTEGER)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="SQLite database of another application"):
        open_store(db, readonly=readonly)
    tables = sqlite3.connect(db).execute("SELECT name FROM sqlite_master").fetchall()
    assert tables == [("users",)]


def test_a_missing_folder_is_named(tmp_path: Path) -> None:
    with pytest.raises(NotFoundError, match=r"the folder .*nope does not exist"):
        open_store(tmp_path / "nope" / "s.db")
