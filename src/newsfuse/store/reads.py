"""The reading half of ``Store``: stories, articles, listings and the brief cache."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from newsfuse.errors import NotFoundError
from newsfuse.models import Article, Brief, Sentence, Story
from newsfuse.store.db import from_days, now_iso, transaction
from newsfuse.stories.features import days

__all__ = ["StoreReads", "StoryInfo", "story_id", "story_seq"]


@dataclass(frozen=True, slots=True)
class StoryInfo:
    """One line of a story listing."""

    id: str
    title: str
    size: int
    sources: tuple[str, ...]
    """Distinct outlets (the article's source, else its URL's host), alphabetical."""
    first_published: dt.datetime | None
    last_published: dt.datetime | None
    is_open: bool
    updated: dt.datetime
    """When an article last joined (store time, UTC)."""

    def to_dict(self) -> dict[str, Any]:
        def iso(d: dt.datetime | None) -> str | None:
            return d.isoformat() if d else None

        return {
            "id": self.id,
            "title": self.title,
            "size": self.size,
            "sources": list(self.sources),
            "first_published": iso(self.first_published),
            "last_published": iso(self.last_published),
            "is_open": self.is_open,
            "updated": iso(self.updated),
        }


def story_id(seq: int) -> str:
    return f"s{seq}"


def story_seq(sid: str) -> int | None:
    """The story number of an id like ``s12`` (None if it is not one)."""
    if sid[:1] == "s" and sid[1:].isdigit():
        return int(sid[1:])
    return None


class StoreReads:
    """Queries of a store (mixed into ``Store``)."""

    conn: sqlite3.Connection
    name: str

    def get_story(self, sid: str) -> Story:
        """The story with all its articles (oldest first). ``NotFoundError`` names the id and
        says how to list the valid ones."""
        seq = self._story_seq(sid)
        row = self.conn.execute("SELECT title FROM stories WHERE seq = ?", (seq,)).fetchone()
        articles = tuple(
            _article(r)
            for r in self.conn.execute(
                f"SELECT {_ARTICLE_COLUMNS} FROM story_articles sa JOIN articles a "
                "ON a.seq = sa.article_seq WHERE sa.story_seq = ? "
                "ORDER BY a.published_days IS NULL, a.published_days, a.seq",
                (seq,),
            )
        )
        return Story(story_id(seq), articles, row[0])

    def read_before(self, sid: str, since: dt.datetime) -> frozenset[str]:
        """Ids of the story's articles a reader who last looked at ``since`` has seen: those
        published before it (stored before it, when undated)."""
        seq = self._story_seq(sid)
        rows = self.conn.execute(
            "SELECT a.id, a.published_days, a.added FROM story_articles sa JOIN articles a "
            "ON a.seq = sa.article_seq WHERE sa.story_seq = ?",
            (seq,),
        )
        cut = days(since) or 0.0
        return frozenset(
            aid
            for aid, published, added in rows
            if (published if published is not None else _days_of(added)) < cut
        )

    def _story_seq(self, sid: str) -> int:
        seq = story_seq(sid)
        if (
            seq is not None
            and self.conn.execute(
                "SELECT 1 FROM stories WHERE seq = ? AND size > 0", (seq,)
            ).fetchone()
        ):
            return seq
        raise NotFoundError(
            f"no story {sid!r} in {self.name}; list the stored stories to find their ids"
        )

    def list_stories(
        self, since: dt.datetime | None = None, *, limit: int | None = None
    ) -> list[StoryInfo]:
        """Stories, most recent first; ``since`` keeps those with an article published (or, for
        undated ones, stored) at or after it."""
        where, params = "size > 0", []
        if since is not None:
            where += " AND coalesce(last_published, updated) >= ?"
            params.append(days(since))
        sql = (
            "SELECT seq, title, size, first_published, last_published, closed IS NULL, updated "
            f"FROM stories WHERE {where} ORDER BY coalesce(last_published, updated) DESC, seq DESC"
        )
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        rows = self.conn.execute(sql, params).fetchall()
        sources = self._sources([r[0] for r in rows])
        return [
            StoryInfo(
                story_id(seq),
                title,
                size,
                tuple(sorted(sources.get(seq, set()))),
                from_days(first),
                from_days(last),
                bool(is_open),
                from_days(updated) or dt.datetime.now(dt.UTC),
            )
            for seq, title, size, first, last, is_open, updated in rows
        ]

    def _sources(self, seqs: Sequence[int]) -> dict[int, set[str]]:
        out: dict[int, set[str]] = {}
        for start in range(0, len(seqs), 500):
            chunk = seqs[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for seq, source, url in self.conn.execute(
                "SELECT DISTINCT sa.story_seq, a.source, a.url FROM story_articles sa "
                f"JOIN articles a ON a.seq = sa.article_seq WHERE sa.story_seq IN ({marks})",
                chunk,
            ):
                label = source or (urlsplit(url).hostname or "").removeprefix("www.")
                if label:
                    out.setdefault(seq, set()).add(label)
        return out

    def get_article(self, article_id: str) -> Article:
        row = self.conn.execute(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles a WHERE a.id = ?", (article_id,)
        ).fetchone()
        if row is None:
            raise NotFoundError(f"no article {article_id!r} in {self.name}")
        return _article(row)

    def sentences(self, article_id: str) -> list[Sentence]:
        """The stored sentence split of an article."""
        article = self.get_article(article_id)
        return [
            Sentence(article.id, idx, article.text[start:end], start, end)
            for idx, start, end in self.conn.execute(
                "SELECT s.idx, s.start, s.end FROM sentences s JOIN articles a "
                "ON a.seq = s.article_seq WHERE a.id = ? ORDER BY s.idx",
                (article_id,),
            )
        ]

    def assignments(self) -> dict[str, str]:
        """Article id -> story id, in arrival order."""
        return {
            aid: story_id(seq)
            for aid, seq in self.conn.execute(
                "SELECT a.id, sa.story_seq FROM articles a JOIN story_articles sa "
                "ON sa.article_seq = a.seq ORDER BY a.seq"
            )
        }

    def counts(self) -> dict[str, int]:
        """Numbers of articles, stories (with articles) and open stories."""
        (articles,) = self.conn.execute("SELECT count(*) FROM articles").fetchone()
        stories, open_ = self.conn.execute(
            "SELECT count(*), coalesce(sum(closed IS NULL), 0) FROM stories WHERE size > 0"
        ).fetchone()
        return {"articles": articles, "stories": stories, "open_stories": open_}

    # --- briefs ------------------------------------------------------------------------------

    def get_brief(self, sid: str, variant: str = "") -> Brief | None:
        """The cached brief of a story, or None when there is none, the story has gained
        articles since it was made, or another newsfuse made it (``BRIEF_FORMAT``). ``variant``
        tells apart briefs made with other settings."""
        seq = self._story_seq(sid)
        row = self.conn.execute(
            "SELECT articles_key, brief FROM briefs WHERE story_seq = ? AND variant = ?",
            (seq, variant),
        ).fetchone()
        if row is None or row[0] != self._articles_key(seq):
            return None
        return Brief.from_json(row[1])

    def put_brief(self, sid: str, brief: Brief, variant: str = "") -> None:
        """Cache a story's brief (replacing an older one of the same variant)."""
        seq = self._story_seq(sid)
        key = _brief_key(a.id for a in brief.story.articles)
        with transaction(self.conn, self.name):
            self.conn.execute(
                "INSERT INTO briefs (story_seq, variant, articles_key, brief, created) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (story_seq, variant) DO UPDATE SET "
                "articles_key = excluded.articles_key, brief = excluded.brief, "
                "created = excluded.created",
                (seq, variant, key, brief.to_json(), now_iso()),
            )

    def _articles_key(self, seq: int) -> str:
        return _brief_key(
            aid
            for (aid,) in self.conn.execute(
                "SELECT a.id FROM story_articles sa JOIN articles a ON a.seq = sa.article_seq "
                "WHERE sa.story_seq = ?",
                (seq,),
            )
        )


# --- helpers ---------------------------------------------------------------------------------

_ARTICLE_COLUMNS = "a.id, a.text, a.title, a.source, a.url, a.published, a.author, a.origin"


def _days_of(iso: str) -> float:
    return days(dt.datetime.fromisoformat(iso)) or 0.0


def _article(row: tuple[str, str, str, str, str, str | None, str, str]) -> Article:
    aid, text, title, source, url, published, author, origin = row
    return Article(
        id=aid,
        text=text,
        title=title,
        source=source,
        url=url,
        published=dt.datetime.fromisoformat(published) if published else None,
        author=author,
        origin=origin,
    )


@functools.cache
def _brief_format() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"{version('newsfuse')}/{BRIEF_FORMAT}"
    except PackageNotFoundError:  # pragma: no cover - a source tree that was never installed
        return f"0+unknown/{BRIEF_FORMAT}"


BRIEF_FORMAT = 2
"""Bumped when a brief gains fields or its analyses change. A cached brief made by another
release or format is not served but made again: a brief from before the coverage grid, or with
an older conflict detector, would show the reader less than the current code finds."""


def _brief_key(ids: Iterator[str] | Sequence[str]) -> str:
    """What a cached brief must match: the story's article ids and the making newsfuse."""
    return _brief_format() + ":" + _ids_key(ids)


def _ids_key(ids: Iterator[str] | Sequence[str]) -> str:
    return hashlib.blake2b("\x00".join(sorted(ids)).encode(), digest_size=16).hexdigest()
