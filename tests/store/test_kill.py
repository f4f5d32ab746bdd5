"""Crash safety: ``newsfuse ingest`` killed with SIGKILL at random points leaves a consistent
store, and rerunning it completes with every article exactly once, grouped exactly as an
uninterrupted run groups them. Ctrl-C (SIGINT) rolls back the article in flight and exits 130."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from newsfuse.embed import HashingEmbedder
from newsfuse.store import check_store, open_store
from stories.corpus import synthetic_records, to_article, write_jsonl

ARTICLES = 240


def _ingest(db: Path, source: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "NEWSFUSE_EMBEDDER": "hashing"}
    return subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from newsfuse.cli import main; main()",
            "ingest",
            "--db",
            str(db),
            str(source),
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _stored(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.OperationalError:  # not created yet, or mid-migration
        return 0


def _wait_for(db: Path, proc: subprocess.Popen[bytes], count: int, timeout: float = 30) -> None:
    end = time.monotonic() + timeout
    while _stored(db) < count:
        if proc.poll() is not None:
            _, err = proc.communicate()
            raise AssertionError(f"ingest ended early ({proc.returncode}): {err.decode()}")
        assert time.monotonic() < end, f"ingest did not reach {count} articles"
        time.sleep(0.005)


def _check(db: Path, ids: set[str]) -> int:
    conn = sqlite3.connect(db)
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        assert check_store(conn) == []
        stored = [r[0] for r in conn.execute("SELECT id FROM articles")]
    finally:
        conn.close()
    assert len(stored) == len(set(stored)), "an article was stored twice"
    assert set(stored) <= ids
    return len(stored)


def test_sigkill_at_random_points_then_resume(tmp_path: Path) -> None:
    records = synthetic_records(events=ARTICLES // 6, per_event=6, seed=11)
    source = write_jsonl(tmp_path / "stream.jsonl", records)
    ids = {r["id"] for r in records}
    db = tmp_path / "news.db"
    rng = random.Random(7)
    before = 0
    for _ in range(4):
        proc = _ingest(db, source)
        target = min(ARTICLES - 1, before + rng.randint(5, ARTICLES // 5))
        _wait_for(db, proc, target)
        time.sleep(rng.uniform(0, 0.02))  # land anywhere, mid-transaction included
        proc.send_signal(signal.SIGKILL)
        proc.communicate()
        after = _check(db, ids)
        assert after >= target > before  # progress is kept across kills
        before = after
    proc = _ingest(db, source)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err.decode()
    assert f"skipped {before} duplicates" in err.decode()
    assert _check(db, ids) == ARTICLES

    with open_store(embedder=HashingEmbedder()) as ref:
        for r in records:
            ref.add_article(to_article(r))
        expected = ref.assignments()
    with open_store(db, embedder=HashingEmbedder()) as store:
        assert store.assignments() == expected


def test_ctrl_c_keeps_what_was_committed_and_exits_130(tmp_path: Path) -> None:
    records = synthetic_records(events=ARTICLES // 6, per_event=6, seed=3)
    source = write_jsonl(tmp_path / "stream.jsonl", records)
    db = tmp_path / "news.db"
    proc = _ingest(db, source)
    _wait_for(db, proc, 20)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130, err.decode()
    message = err.decode()
    assert "interrupted:" in message and "run the same command again" in message
    committed = _check(db, {r["id"] for r in records})
    assert f"interrupted: {committed} articles were committed" in message
