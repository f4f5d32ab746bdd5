"""The story detector's state in the database: loaded when a store starts adding articles, and
written in the same transaction as each article, so a resumed ingest continues exactly where the
last committed article left it."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from newsfuse.store.db import f64_blob, f64_vector, now_days, now_iso
from newsfuse.stories.features import TermStats
from newsfuse.stories.online import Assignment, StoryDetector, StoryState
from newsfuse.stories.params import StoryParams

__all__ = ["StoreArchive", "load_detector", "save_assignment"]

_STATE_COLUMNS = "seq, title, state, centroid, closed IS NULL"


class StoreArchive:
    """Closed stories, read back from the database for late (out-of-order) articles."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def keep(self, state: StoryState) -> None:
        """Nothing to do: every changed story is written with the article that changed it."""

    def around(self, start: float, end: float) -> Iterable[StoryState]:
        rows = self._conn.execute(
            f"SELECT {_STATE_COLUMNS} FROM stories WHERE closed IS NOT NULL "
            "AND first_published <= ? AND last_published >= ? "
            "ORDER BY seq",
            (end, start),
        )
        return [_state(row) for row in rows]


def _state(row: tuple[int, str, str, bytes, int]) -> StoryState:
    seq, title, state, centroid, is_open = row
    return StoryState.from_json(seq, state, f64_vector(centroid), title, bool(is_open))


def _meta(conn: sqlite3.Connection) -> dict[str, str]:
    return dict(conn.execute("SELECT key, value FROM meta"))


def load_detector(conn: sqlite3.Connection, dim: int, params: StoryParams) -> StoryDetector:
    """A detector holding the store's open stories and term statistics."""
    meta = _meta(conn)
    stats = TermStats(
        int(meta.get("n_docs", "0")), dict(conn.execute("SELECT term, df FROM terms"))
    )
    stories = [
        _state(row)
        for row in conn.execute(
            f"SELECT {_STATE_COLUMNS} FROM stories WHERE closed IS NULL ORDER BY seq"
        )
    ]
    clock = meta.get("clock")
    return StoryDetector(
        dim,
        params,
        archive=StoreArchive(conn),
        stats=stats,
        stories=stories,
        next_seq=int(meta.get("next_seq", "1")),
        clock=float(clock) if clock else None,
        tick=int(meta.get("tick", "0")),
    )


def stored_tick(conn: sqlite3.Connection) -> int:
    """Articles the detector state in the database has seen (to spot another writer)."""
    row = conn.execute("SELECT value FROM meta WHERE key = 'tick'").fetchone()
    return int(row[0]) if row else 0


def save_assignment(
    conn: sqlite3.Connection,
    detector: StoryDetector,
    assignment: Assignment,
    article_seq: int,
    terms: Iterable[str],
) -> None:
    """Write what ``detector.add`` changed: the story the article joined, the stories that
    closed, the term counts, the stream position. Call inside the article's transaction."""
    state = assignment.state
    now = now_days()
    conn.execute(
        "INSERT INTO stories (seq, title, opened, closed, first_published, last_published, "
        "updated, size, state, centroid) VALUES (?, ?, ?, NULL, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (seq) DO UPDATE SET first_published = excluded.first_published, "
        "last_published = excluded.last_published, updated = excluded.updated, "
        "size = excluded.size, state = excluded.state, centroid = excluded.centroid",
        (
            state.seq,
            state.title,
            now_iso(),
            state.first,
            state.last,
            now,
            state.size,
            state.to_json(),
            f64_blob(state.vector_sum),
        ),
    )
    if not state.is_open:
        # A late article joined a closed story, or its new story closed at once.
        conn.execute(
            "UPDATE stories SET closed = coalesce(closed, ?) WHERE seq = ?", (now_iso(), state.seq)
        )
    conn.executemany(
        "UPDATE stories SET closed = ?, state = ? WHERE seq = ?",
        [(now_iso(), s.to_json(), s.seq) for s in assignment.closed if s.seq != state.seq],
    )
    conn.execute(
        "INSERT INTO story_articles (article_seq, story_seq, score) VALUES (?, ?, ?)",
        (article_seq, state.seq, None if assignment.new else assignment.score),
    )
    conn.executemany(
        "INSERT INTO terms (term, df) VALUES (?, 1) ON CONFLICT (term) DO UPDATE SET df = df + 1",
        [(t,) for t in terms],
    )
    save_position(conn, detector)


def save_position(conn: sqlite3.Connection, detector: StoryDetector) -> None:
    """The stream position: story numbering, clock, articles seen."""
    conn.executemany(
        "INSERT INTO meta (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [
            ("next_seq", str(detector.next_seq)),
            ("clock", "" if detector.clock is None else repr(detector.clock)),
            ("tick", str(detector.tick)),
            ("n_docs", str(detector.stats.n_docs)),
        ],
    )
