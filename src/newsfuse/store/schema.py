"""The store's schema as an ordered list of migrations, and the code that applies them.

A database records every migration applied in ``schema_version``. Opening one applies the
missing migrations in order, each in its own transaction; a database from a newer newsfuse
(a version past ``SCHEMA_VERSION``) is refused rather than guessed at. Never edit a released
migration: append a new one.
"""

from __future__ import annotations

import datetime as dt
import sqlite3

from newsfuse.errors import StoreError

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "migrate", "schema_version"]

_V1 = """
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE articles (
    seq            INTEGER PRIMARY KEY,       -- order of arrival
    id             TEXT NOT NULL UNIQUE,
    title          TEXT NOT NULL,
    source         TEXT NOT NULL,
    url            TEXT NOT NULL,
    url_key        TEXT,                      -- normalized URL, NULL when there is none
    published      TEXT,                      -- ISO 8601 as given
    published_days REAL,                      -- days since the epoch (UTC), for time ranges
    author         TEXT NOT NULL,
    origin         TEXT NOT NULL,
    text           TEXT NOT NULL,
    text_key       TEXT NOT NULL,             -- hash of the normalized text
    minhash        BLOB,                      -- MinHash of word 3-shingles (NULL: too short)
    vector         BLOB,                      -- float32 article vector (title + lead)
    added          TEXT NOT NULL              -- when it was stored (UTC)
);
CREATE UNIQUE INDEX articles_url_key ON articles(url_key) WHERE url_key IS NOT NULL;
CREATE INDEX articles_text_key ON articles(text_key);
CREATE INDEX articles_published ON articles(published_days);

-- MinHash LSH: near-identical texts agree on at least one band (see store/dedup.py).
CREATE TABLE minhash_bands (
    band        INTEGER NOT NULL,
    key         INTEGER NOT NULL,
    article_seq INTEGER NOT NULL REFERENCES articles(seq) ON DELETE CASCADE,
    PRIMARY KEY (band, key, article_seq)
) WITHOUT ROWID;
CREATE INDEX minhash_bands_article ON minhash_bands(article_seq);

CREATE TABLE sentences (
    article_seq INTEGER NOT NULL REFERENCES articles(seq) ON DELETE CASCADE,
    idx         INTEGER NOT NULL,
    start       INTEGER NOT NULL,
    end         INTEGER NOT NULL,
    text_key    BLOB NOT NULL,                -- key into embeddings
    PRIMARY KEY (article_seq, idx)
) WITHOUT ROWID;

CREATE TABLE embeddings (
    model    TEXT NOT NULL,
    text_key BLOB NOT NULL,                   -- blake2b-128 of the exact text
    vector   BLOB NOT NULL,                   -- float32, L2-normalized
    PRIMARY KEY (model, text_key)
) WITHOUT ROWID;

CREATE TABLE stories (
    seq             INTEGER PRIMARY KEY,      -- story number; the id is "s" || seq
    title           TEXT NOT NULL,
    opened          TEXT NOT NULL,            -- when it was created (UTC)
    closed          TEXT,                     -- when it closed; NULL while open
    first_published REAL,                     -- days since the epoch; NULL while undated
    last_published  REAL,
    updated         REAL NOT NULL,            -- when an article last joined (days, UTC)
    size            INTEGER NOT NULL,
    state           TEXT NOT NULL,            -- detector state (JSON)
    centroid        BLOB NOT NULL             -- float64 sum of member vectors
);
CREATE INDEX stories_open ON stories(seq) WHERE closed IS NULL;
CREATE INDEX stories_span ON stories(first_published, last_published);
CREATE INDEX stories_recent ON stories(coalesce(last_published, updated));

CREATE TABLE story_articles (
    article_seq INTEGER PRIMARY KEY REFERENCES articles(seq) ON DELETE CASCADE,
    story_seq   INTEGER NOT NULL REFERENCES stories(seq),
    score       REAL                          -- similarity when it joined (NULL: started it)
);
CREATE INDEX story_articles_story ON story_articles(story_seq, article_seq);

CREATE TABLE terms (
    term TEXT PRIMARY KEY,
    df   INTEGER NOT NULL                     -- articles containing the term
) WITHOUT ROWID;

CREATE TABLE briefs (
    story_seq    INTEGER NOT NULL REFERENCES stories(seq) ON DELETE CASCADE,
    variant      TEXT NOT NULL,               -- caller's key for settings ("" = default)
    articles_key TEXT NOT NULL,               -- hash of the article ids the brief covers
    brief        TEXT NOT NULL,               -- Brief JSON
    created      TEXT NOT NULL,
    PRIMARY KEY (story_seq, variant)
) WITHOUT ROWID;
"""

_V2 = """
-- What `newsfuse watch` remembers per feed: validators for conditional GET, and its backoff.
CREATE TABLE feeds (
    url           TEXT PRIMARY KEY,           -- the feed as given (URL or path)
    etag          TEXT NOT NULL,              -- sent back as If-None-Match ("" = none)
    last_modified TEXT NOT NULL,              -- sent back as If-Modified-Since ("" = none)
    failures      INTEGER NOT NULL,           -- failed polls in a row
    retry_after   REAL NOT NULL,              -- no poll before then (Unix seconds)
    checked       TEXT NOT NULL,              -- last poll (UTC)
    error         TEXT NOT NULL               -- the last failure ("" after a success)
) WITHOUT ROWID;
"""

MIGRATIONS: tuple[str, ...] = (_V1, _V2)
"""Migration ``i`` (0-based) takes a database from version ``i`` to ``i + 1``."""

SCHEMA_VERSION = len(MIGRATIONS)

READABLE_FROM = 1
"""Oldest version a read-only connection can use as it stands: version 2 only added the
``feeds`` table, which nothing read-only looks at. Raise it when a migration changes what
reads need."""


def schema_version(conn: sqlite3.Connection) -> int:
    """The version of an open database (0 for an empty one)."""
    row = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
    ).fetchone()
    if row is None:
        return 0
    (version,) = conn.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()
    return int(version)


def check_readable(conn: sqlite3.Connection, name: str) -> None:
    """Raise ``StoreError`` unless ``conn`` is a newsfuse store at a schema reads can use (for
    a read-only connection, which cannot migrate)."""
    version = _known_version(conn, name)
    if version < READABLE_FROM:
        raise StoreError(
            f"{name} was written by an older newsfuse (schema version {version}) and is "
            "only read here; any command that writes to it (`newsfuse ingest`, or `newsfuse "
            "serve` with the file writable) upgrades it"
        )


def _known_version(conn: sqlite3.Connection, name: str) -> int:
    """The schema version, refusing a newer schema and another application's database."""
    before = schema_version(conn)
    if before > SCHEMA_VERSION:
        raise StoreError(
            f"{name} was written by a newer newsfuse (schema version {before}; this one knows "
            f"up to {SCHEMA_VERSION}); upgrade newsfuse (pip install -U newsfuse) to open it"
        )
    if before == 0:
        (tables,) = conn.execute(
            "SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
        ).fetchone()
        if tables:
            raise StoreError(
                f"{name} is an SQLite database of another application ({tables} tables, none of "
                "them newsfuse's); give newsfuse a file of its own"
            )
    return int(before)


def migrate(conn: sqlite3.Connection, name: str) -> int:
    """Bring the database up to ``SCHEMA_VERSION``; returns the version it had before.

    ``conn`` must be in autocommit mode (``isolation_level=None``); each migration runs in its
    own transaction, so a crash leaves the database at the last complete version.
    """
    before = _known_version(conn, name)
    for version in range(before + 1, SCHEMA_VERSION + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            # A second process may have migrated while this one waited for the lock.
            if schema_version(conn) >= version:
                conn.execute("COMMIT")
                continue
            conn.execute(
                "CREATE TABLE IF NOT EXISTS schema_version ("
                "version INTEGER PRIMARY KEY, applied TEXT NOT NULL)"
            )
            for statement in _statements(MIGRATIONS[version - 1]):
                conn.execute(statement)
            conn.execute(
                "INSERT INTO schema_version (version, applied) VALUES (?, ?)",
                (version, dt.datetime.now(dt.UTC).isoformat(timespec="seconds")),
            )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return before


def _statements(script: str) -> list[str]:
    """Split a migration into statements (``executescript`` would commit on its own)."""
    out: list[str] = []
    buf = ""
    for line in script.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            out.append(buf.strip())
            buf = ""
    if buf.strip():
        raise ValueError(f"incomplete SQL statement in a migration: {buf.strip()[:60]}")
    return out
