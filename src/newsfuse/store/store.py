"""``Store``: articles, their sentences and embeddings, stories and briefs in one SQLite file.

Adding an article is one transaction: the article, its sentences, the embeddings computed for
it, its story assignment and the detector's updated state commit together or not at all, so a
crash or Ctrl-C loses at most the article in flight, and a rerun skips everything committed (as
duplicates) and continues with the same stories it would have made without the interruption.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, Literal

import numpy as np

from newsfuse.embed import Embedder, Vectors
from newsfuse.errors import InputError, StoreError
from newsfuse.models import Article, Sentence
from newsfuse.store import dedup
from newsfuse.store.db import (
    connect,
    f32_blob,
    f32_vector,
    now_iso,
    transaction,
)
from newsfuse.store.reads import StoreReads, StoryInfo, story_id
from newsfuse.store.state import load_detector, save_assignment, stored_tick
from newsfuse.stories.features import (
    ArticleFeatures,
    article_terms,
    article_vector,
    days,
    lead_texts,
    story_title,
)
from newsfuse.stories.online import StoryDetector
from newsfuse.stories.params import DEFAULT_PARAMS, StoryParams
from newsfuse.text.sentences import split_article

__all__ = ["AddResult", "Prepared", "Store", "StoryInfo", "open_store", "prepare_batch", "story_id"]


@dataclass(frozen=True, slots=True)
class AddResult:
    """What happened to one article given to ``Store.add_article``."""

    article_id: str
    """Id it is stored under (the given id, suffixed if another article already had it), or
    the id of the stored copy when it was a duplicate."""
    status: Literal["added", "duplicate"]
    story_id: str
    new_story: bool = False
    duplicate_reason: str = ""
    """``url``, ``text`` or ``near-text`` for duplicates."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "status": self.status,
            "story_id": self.story_id,
            "new_story": self.new_story,
            "duplicate_reason": self.duplicate_reason,
        }


def open_store(
    path: str | Path = ":memory:",
    *,
    embedder: Embedder | None = None,
    params: StoryParams = DEFAULT_PARAMS,
    create: bool = True,
    readonly: bool = False,
) -> Store:
    """Open (creating and migrating as needed) the store at ``path``.

    ``:memory:`` gives a private in-memory store (tests). The CLI's default location is
    ``newsfuse.store.default_db_path()``: ``NEWSFUSE_DB``, else ``newsfuse.db`` in the current
    directory. ``embedder`` is used to add articles (default: ``default_embedder()`` on first
    use); ``create=False`` raises ``NotFoundError`` for a missing file instead of creating one;
    ``readonly=True`` opens it read-only (adding articles then raises ``StoreError``).
    Use as a context manager, or call ``close()``.
    """
    name = str(path)
    conn = connect(name, create=create, readonly=readonly)
    return Store(conn, name, embedder=embedder, params=params)


class Store(StoreReads):
    """The article and story store (see the module docstring). One connection; callers in
    several threads must take turns (the web app does)."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        name: str,
        *,
        embedder: Embedder | None = None,
        params: StoryParams = DEFAULT_PARAMS,
    ) -> None:
        self.conn = conn
        self.name = name
        self.params = params
        self._embedder = embedder
        self._detector: StoryDetector | None = None
        self._pending: dict[bytes, Vectors] = {}
        """Lead vectors computed by ``prefetch``, not stored yet."""
        self._prepared: dict[str, tuple[Article, _Keys, list[Sentence]]] = {}
        """Dedup keys and sentences computed by ``prefetch``, by article id."""

    # --- lifecycle ---------------------------------------------------------------------------

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def embedder(self) -> Embedder:
        """The embedder articles are added with (loaded on first use)."""
        if self._embedder is None:
            from newsfuse.embed import default_embedder

            self._embedder = default_embedder()
        return self._embedder

    def detector(self) -> StoryDetector:
        """The story detector with the store's open stories (loaded on first use)."""
        if self._detector is None:
            self._check_embedder()
            self._detector = load_detector(self.conn, self.embedder.dim, self.params)
        return self._detector

    def forget_detector(self) -> None:
        """Reload the detector's state from the database on next use (after ``recluster``)."""
        self._detector = None

    # --- adding ------------------------------------------------------------------------------

    def add_article(self, article: Article) -> AddResult:
        """Store one article and assign it to a story, in one transaction; a duplicate (same
        URL, same text, or near-identical text) is not stored again."""
        if not article.text.strip():
            raise InputError(f"{article.origin or article.id}: the article has no text")
        detector = self.detector()  # first: a store made with another embedder fails early
        keys, sentences = self._prepare(article)
        dup = self._duplicate(keys)
        if dup is not None:
            return dup
        embedder = self.embedder
        texts = lead_texts(article.title, [s.text for s in sentences], self.params)
        vectors, fresh = self._embed_cached(texts, embedder)
        features = ArticleFeatures(
            article.id,
            article_terms(article.title, article.text, self.params),
            article_vector(vectors, embedder.dim),
            days(article.published),
            story_title(article.title, article.text),
            article.source,
        )
        try:
            with transaction(self.conn, self.name):
                if stored_tick(self.conn) != detector.tick:
                    # Another process added articles since this detector was loaded.
                    detector = load_detector(self.conn, embedder.dim, self.params)
                    self._detector = detector
                dup = self._duplicate(keys)
                if dup is not None:
                    return dup
                aid = self._free_id(article.id)
                seq = self._insert_article(article, aid, keys, features.vector)
                self.conn.executemany(
                    "INSERT INTO sentences (article_seq, idx, start, end, text_key) "
                    "VALUES (?, ?, ?, ?, ?)",
                    [(seq, s.index, s.start, s.end, _text_key(s.text)) for s in sentences],
                )
                self.conn.executemany(
                    "INSERT OR IGNORE INTO embeddings (model, text_key, vector) VALUES (?, ?, ?)",
                    [(embedder.name, k, f32_blob(v)) for k, v in fresh],
                )
                features = _with_id(features, aid)
                assignment = detector.add(features)
                save_assignment(self.conn, detector, assignment, seq, features.terms)
        except BaseException:
            # The detector may hold an assignment that was rolled back.
            self._detector = None
            raise
        return AddResult(aid, "added", story_id(assignment.story), assignment.new)

    def prefetch(self, articles: Sequence[Article]) -> None:
        """Embed the leads of several articles in one batch before adding them one by one
        (much faster than one small batch per article). Duplicates are skipped; the vectors
        wait in memory until their article's transaction stores them."""
        self._prepared.clear()
        self._pending.clear()
        texts: list[str] = []
        for article in articles:
            if not article.text.strip():
                continue
            keys, sentences = self._prepare(article)
            self._prepared[article.id] = (article, keys, sentences)
            if self._duplicate(keys) is None:
                texts.extend(lead_texts(article.title, [s.text for s in sentences], self.params))
        embedder = self.embedder
        keys_ = [_text_key(t) for t in texts]
        cached = self._cached(keys_, embedder.name)
        todo = {k: t for k, t in zip(keys_, texts, strict=True) if k not in cached}
        if todo:
            vectors = embedder.embed(list(todo.values()))
            self._pending.update(zip(todo, vectors, strict=True))

    def accept(self, articles: Sequence[Article], prepared: Sequence[Prepared | None]) -> None:
        """Like ``prefetch``, with the work done elsewhere (``prepare_batch``, e.g. on Ray
        actors): ``prepared[i]`` is that of ``articles[i]`` (None for an article without text).
        Vectors from another embedder than the store's are refused."""
        self._prepared.clear()
        self._pending.clear()
        embedder = self.embedder
        for article, ready in zip(articles, prepared, strict=True):
            if ready is None:
                continue
            if ready.model != embedder.name:
                raise StoreError(
                    f"the workers embed with {ready.model}, {self.name} with {embedder.name}; "
                    "give every machine the same NEWSFUSE_EMBEDDER"
                )
            self._prepared[article.id] = (article, ready.keys, ready.sentences)
            self._pending.update(ready.leads)

    def _prepare(self, article: Article) -> tuple[_Keys, list[Sentence]]:
        """Dedup keys and sentences of an article (from ``prefetch`` when it saw this one)."""
        got = self._prepared.pop(article.id, None)
        if got is not None and got[0] is article:
            return got[1], got[2]
        return _Keys.of(article), split_article(article)

    def _check_embedder(self) -> None:
        emb = self.embedder
        row = dict(self.conn.execute("SELECT key, value FROM meta WHERE key IN ('model', 'dim')"))
        if not row:
            with transaction(self.conn, self.name):
                self.conn.executemany(
                    "INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)",
                    [("model", emb.name), ("dim", str(emb.dim))],
                )
            return
        if row.get("model") != emb.name or row.get("dim") != str(emb.dim):
            raise StoreError(
                f"{self.name} holds stories made with the {row.get('model')} embedder "
                f"({row.get('dim')} dimensions), not {emb.name}; use the same embedder "
                "(NEWSFUSE_EMBEDDER) or another article store"
            )

    def _duplicate(self, keys: _Keys) -> AddResult | None:
        found: tuple[int, str, str] | None = None
        if keys.url is not None:
            row = self.conn.execute(
                "SELECT seq, id FROM articles WHERE url_key = ?", (keys.url,)
            ).fetchone()
            found = (row[0], row[1], "url") if row else None
        if found is None:
            row = self.conn.execute(
                "SELECT seq, id FROM articles WHERE text_key = ? ORDER BY seq LIMIT 1", (keys.text,)
            ).fetchone()
            found = (row[0], row[1], "text") if row else None
        if found is None and keys.minhash is not None:
            placeholders = " OR ".join("(band = ? AND key = ?)" for _ in keys.bands)
            params = [x for i, b in enumerate(keys.bands) for x in (i, b)]
            rows = self.conn.execute(
                f"SELECT DISTINCT a.seq, a.id, a.minhash FROM minhash_bands mb JOIN articles a "
                f"ON a.seq = mb.article_seq WHERE {placeholders} ORDER BY a.seq",
                params,
            ).fetchall()
            for seq, aid, blob in rows:
                other = np.frombuffer(blob, dtype="<u4")
                if dedup.jaccard(other, keys.minhash) >= dedup.NEAR_JACCARD:
                    found = (seq, aid, "near-text")
                    break
        if found is None:
            return None
        seq, aid, reason = found
        row = self.conn.execute(
            "SELECT story_seq FROM story_articles WHERE article_seq = ?", (seq,)
        ).fetchone()
        return AddResult(aid, "duplicate", story_id(row[0]) if row else "", False, reason)

    def _free_id(self, wanted: str) -> str:
        aid, n = wanted, 1
        while self.conn.execute("SELECT 1 FROM articles WHERE id = ?", (aid,)).fetchone():
            n += 1
            aid = f"{wanted}~{n}"
        return aid

    def _insert_article(self, article: Article, aid: str, keys: _Keys, vector: Vectors) -> int:
        cur = self.conn.execute(
            "INSERT INTO articles (id, title, source, url, url_key, published, published_days, "
            "author, origin, text, text_key, minhash, vector, added) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                aid,
                article.title,
                article.source,
                article.url,
                keys.url,
                article.published.isoformat() if article.published else None,
                days(article.published),
                article.author,
                article.origin,
                article.text,
                keys.text,
                None if keys.minhash is None else keys.minhash.astype("<u4").tobytes(),
                f32_blob(vector),
                now_iso(),
            ),
        )
        seq = cur.lastrowid
        assert seq is not None
        if keys.minhash is not None:
            self.conn.executemany(
                "INSERT INTO minhash_bands (band, key, article_seq) VALUES (?, ?, ?)",
                [(i, b, seq) for i, b in enumerate(keys.bands)],
            )
        return seq

    # --- embeddings --------------------------------------------------------------------------

    def _embed_cached(
        self, texts: Sequence[str], embedder: Embedder
    ) -> tuple[Vectors, list[tuple[bytes, Vectors]]]:
        """Vectors of ``texts`` from the cache, computing the missing ones; also returns the
        computed ``(key, vector)`` pairs for the caller to store."""
        keys = [_text_key(t) for t in texts]
        cached = self._cached(keys, embedder.name)
        fresh: list[tuple[bytes, Vectors]] = []
        for k in keys:
            vec = self._pending.pop(k, None) if embedder is self._embedder else None
            if vec is not None and k not in cached:
                cached[k] = vec
                fresh.append((k, vec))
        missing = [i for i, k in enumerate(keys) if k not in cached]
        out = np.zeros((len(texts), embedder.dim), dtype=np.float32)
        if missing:
            computed = embedder.embed([texts[i] for i in missing])
            for i, vec in zip(missing, computed, strict=True):
                cached[keys[i]] = vec
                fresh.append((keys[i], vec))
        for i, k in enumerate(keys):
            out[i] = cached[k]
        return out, fresh

    def _cached(self, keys: Sequence[bytes], model: str) -> dict[bytes, Vectors]:
        found: dict[bytes, Vectors] = {}
        unique = list(dict.fromkeys(keys))
        for start in range(0, len(unique), 500):
            chunk = unique[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for key, blob in self.conn.execute(
                "SELECT text_key, vector FROM embeddings "
                f"WHERE model = ? AND text_key IN ({marks})",
                [model, *chunk],
            ):
                found[key] = f32_vector(blob)
        return found

    def embed(self, texts: Sequence[str], embedder: Embedder | None = None) -> Vectors:
        """Embeddings of ``texts``, from the cache where possible; new ones are cached."""
        emb = embedder or self.embedder
        vectors, fresh = self._embed_cached(texts, emb)
        if fresh:
            with transaction(self.conn, self.name):
                self.conn.executemany(
                    "INSERT OR IGNORE INTO embeddings (model, text_key, vector) VALUES (?, ?, ?)",
                    [(emb.name, k, f32_blob(v)) for k, v in fresh],
                )
        return vectors

    def caching(self, embedder: Embedder | None = None) -> Embedder:
        """An ``Embedder`` that reads and fills this store's embedding cache, for building
        briefs of stored stories without embedding a sentence twice."""
        return CachingEmbedder(self, embedder or self.embedder)


class CachingEmbedder:
    """An ``Embedder`` backed by a store's embedding cache (see ``Store.caching``)."""

    def __init__(self, store: Store, embedder: Embedder) -> None:
        self.store = store
        self.inner = embedder
        self.name = embedder.name
        self.dim = embedder.dim

    def embed(self, texts: Sequence[str]) -> Vectors:
        return self.store.embed(texts, self.inner)


# --- preparing articles elsewhere -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Prepared:
    """The costly part of adding one article, done before (and apart from) its transaction:
    what ``Store.prefetch`` computes, for ``Store.accept``."""

    keys: _Keys
    sentences: list[Sentence]
    leads: list[tuple[bytes, Vectors]]
    """(text key, vector) of each lead text (``lead_texts``)."""
    model: str
    """Name of the embedder that made the vectors."""


def prepare_batch(
    articles: Sequence[Article], params: StoryParams, embedder: Embedder
) -> list[Prepared | None]:
    """Dedup keys, sentences and lead vectors of each article (None for one without text),
    the lead texts of the batch embedded in one call. Needs no store: it runs on workers that
    cannot see the database, so it embeds duplicates and cached texts too."""
    parts: list[tuple[_Keys, list[Sentence], list[bytes]] | None] = []
    todo: dict[bytes, str] = {}
    for article in articles:
        if not article.text.strip():
            parts.append(None)
            continue
        sentences = split_article(article)
        texts = lead_texts(article.title, [s.text for s in sentences], params)
        keys = [_text_key(t) for t in texts]
        todo.update(zip(keys, texts, strict=True))
        parts.append((_Keys.of(article), sentences, keys))
    vectors = dict(zip(todo, embedder.embed(list(todo.values())), strict=True)) if todo else {}
    return [
        None if p is None else Prepared(p[0], p[1], [(k, vectors[k]) for k in p[2]], embedder.name)
        for p in parts
    ]


# --- helpers ---------------------------------------------------------------------------------


def _text_key(text: str) -> bytes:
    return hashlib.blake2b(text.encode(), digest_size=16).digest()


def _with_id(features: ArticleFeatures, aid: str) -> ArticleFeatures:
    if features.article_id == aid:
        return features
    return ArticleFeatures(
        aid, features.terms, features.vector, features.time, features.title, features.source
    )


@dataclass(frozen=True, slots=True)
class _Keys:
    url: str | None
    text: str
    minhash: dedup.Signature | None
    bands: list[int]

    @classmethod
    def of(cls, article: Article) -> _Keys:
        signature = dedup.minhash(article.text)
        bands = dedup.band_keys(signature) if signature is not None else []
        return cls(dedup.url_key(article.url), dedup.text_key(article.text), signature, bands)
