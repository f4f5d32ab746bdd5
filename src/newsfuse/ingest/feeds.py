"""RSS and Atom feeds: each entry becomes an article, the feed's title its source."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

import feedparser

from newsfuse.errors import ArticleError, EmptyArticleError, FormatError
from newsfuse.ingest.html import html_to_text
from newsfuse.ingest.records import Draft, parse_published

_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)


def looks_like_feed(data: bytes) -> bool:
    """Whether the content starts like an RSS, Atom or RSS 1.0 (RDF) document."""
    return bool(_FEED_ROOT.search(data[:4096]))


def read_feed(data: bytes, origin: str, name: str) -> Iterator[Draft | ArticleError]:
    """Drafts from the entries of a feed; an entry without text is yielded as an error.

    Entries are identified by their id (or link); ``name#3`` when they have neither.
    """
    # Bytes, never str: feedparser treats a str as a URL or a file name to open.
    parsed = feedparser.parse(data)
    entries = parsed.get("entries", [])
    if not parsed.get("version") and not entries:
        problem = parsed.get("bozo_exception")
        raise FormatError(
            origin,
            "not an RSS or Atom feed" + (f" ({problem})" if problem else ""),
            "check that the file or URL is a feed, or give it a .html/.txt name",
        )
    if not entries:
        raise EmptyArticleError(origin, "the feed has no entries", "check the feed URL or file")
    source = _clean(parsed.get("feed", {}).get("title"))
    for n, entry in enumerate(entries, 1):
        where = f"{origin} entry {n}"
        text = _entry_text(entry)
        if not text.strip():
            yield EmptyArticleError(
                where, "the entry has no content or summary", "the feed carries no text for it"
            )
            continue
        link = _clean(entry.get("link"))
        yield Draft(
            text=text,
            origin=origin,
            id=_clean(entry.get("id")) or link,
            hint=f"{name}#{n}",
            title=_clean(html_to_text(entry.get("title") or "")),
            source=source,
            url=link,
            published=_date(entry, where),
            author=_author(entry),
        )


def _entry_text(entry: Any) -> str:
    """The longest HTML or text body the entry carries: full content, else the summary."""
    bodies = [c.get("value", "") for c in entry.get("content", []) if isinstance(c, dict)]
    bodies.append(entry.get("summary", "") or "")
    best = max(bodies, key=len)
    return html_to_text(best) if isinstance(best, str) else ""


def _date(entry: Any, origin: str) -> dt.datetime | None:
    for key in ("published", "updated", "created"):
        # dict.get, not the entry's own: feedparser maps a missing "updated" to "published"
        # with a DeprecationWarning; here each key means only itself.
        value = dict.get(entry, key)
        if value:
            try:
                return parse_published(value, origin)
            except FormatError:
                continue
    return None


def _author(entry: Any) -> str:
    detail = entry.get("author_detail") or {}
    return _clean(detail.get("name")) or _clean(entry.get("author"))


def _clean(value: Any) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""
