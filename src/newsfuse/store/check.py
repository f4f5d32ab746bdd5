"""Consistency checks of a store: SQLite's own, plus the invariants newsfuse relies on."""

from __future__ import annotations

import sqlite3

from newsfuse.store.dedup import BANDS

__all__ = ["check_store"]

_INVARIANTS: tuple[tuple[str, str], ...] = (
    (
        "articles without a story",
        "SELECT count(*) FROM articles a LEFT JOIN story_articles sa ON sa.article_seq = a.seq "
        "WHERE sa.article_seq IS NULL",
    ),
    (
        "articles without sentences",
        "SELECT count(*) FROM articles a WHERE NOT EXISTS "
        "(SELECT 1 FROM sentences s WHERE s.article_seq = a.seq)",
    ),
    (
        "stories whose size is not their number of articles",
        "SELECT count(*) FROM stories s WHERE s.size != "
        "(SELECT count(*) FROM story_articles sa WHERE sa.story_seq = s.seq)",
    ),
    (
        "articles with a MinHash but not all its bands",
        f"SELECT count(*) FROM articles a WHERE a.minhash IS NOT NULL AND {BANDS} != "
        "(SELECT count(*) FROM minhash_bands b WHERE b.article_seq = a.seq)",
    ),
    (
        "sentences whose embedding key is missing",
        "SELECT count(*) FROM sentences WHERE length(text_key) != 16",
    ),
    (
        "duplicate texts stored twice",
        "SELECT count(*) FROM (SELECT text_key FROM articles GROUP BY text_key "
        "HAVING count(*) > 1)",
    ),
)


def check_store(conn: sqlite3.Connection) -> list[str]:
    """Every problem found, as sentences; an empty list means the store is consistent."""
    problems: list[str] = []
    integrity = [r[0] for r in conn.execute("PRAGMA integrity_check")]
    if integrity != ["ok"]:
        problems.append("SQLite integrity check: " + "; ".join(map(str, integrity[:5])))
    fk = conn.execute("PRAGMA foreign_key_check").fetchall()
    if fk:
        problems.append(f"{len(fk)} rows break foreign keys (first: {fk[0]})")
    for what, sql in _INVARIANTS:
        (n,) = conn.execute(sql).fetchone()
        if n:
            problems.append(f"{n} {what}")
    meta = dict(conn.execute("SELECT key, value FROM meta"))
    (articles,) = conn.execute("SELECT count(*) FROM articles").fetchone()
    if articles and int(meta.get("n_docs", "0")) != articles:
        problems.append(
            f"the detector has counted {meta.get('n_docs', '0')} articles, the store holds "
            f"{articles}"
        )
    (max_seq,) = conn.execute("SELECT coalesce(max(seq), 0) FROM stories").fetchone()
    if max_seq and int(meta.get("next_seq", "1")) <= max_seq:
        problems.append(f"the next story number {meta.get('next_seq')} is already taken")
    return problems
