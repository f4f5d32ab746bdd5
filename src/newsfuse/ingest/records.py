"""One JSON object -> one ``Article`` (shared by .json/.jsonl files, cluster batches and the API)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from newsfuse.errors import EmptyArticleError, FormatError
from newsfuse.models import Article
from newsfuse.text.clean import clean_text

_FIELDS = ("title", "source", "url", "author")


def article_from_record(rec: dict[str, Any], origin: str) -> Article:
    """Build a cleaned ``Article`` from ``{"text", "id"?, "title"?, "source"?, "url"?,
    "published"?, "author"?}``."""
    text = rec.get("text")
    if not isinstance(text, str):
        raise FormatError(origin, 'no "text" string', 'give each article a "text" field')
    cleaned = clean_text(text)
    if not cleaned.text.strip():
        raise EmptyArticleError(origin, "the article has no text after cleaning",
                                "check that the right field holds the article body")
    extra = {k: str(rec[k]) for k in _FIELDS if isinstance(rec.get(k), str | int | float)}
    return Article(
        id=str(rec.get("id") or origin),
        text=cleaned.text,
        published=parse_published(rec.get("published") or rec.get("date"), origin),
        origin=origin,
        **extra,
    )


def parse_published(value: Any, origin: str) -> dt.datetime | None:
    """ISO 8601 date or datetime -> datetime; anything else is a clear ``FormatError``."""
    if value in (None, ""):
        return None
    if isinstance(value, str):
        try:
            return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            pass
    raise FormatError(origin, f'"published" is not an ISO 8601 date: {value!r}',
                      'write it like "2016-02-11" or "2016-02-11T09:30:00Z"')
