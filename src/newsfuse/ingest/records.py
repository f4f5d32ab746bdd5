"""One JSON object -> one ``Article`` (shared by .json/.jsonl files, cluster batches and the API).

Every reader (text, HTML, JSON, feeds) produces a ``Draft``: the article as read, before
cleaning and before it gets its final id. ``finish`` cleans a draft into an ``Article``.
"""

from __future__ import annotations

import datetime as dt
import email.utils
from dataclasses import dataclass
from typing import Any

from newsfuse.errors import EmptyArticleError, FormatError
from newsfuse.models import Article
from newsfuse.text.clean import clean_text

_FIELDS = ("title", "source", "url", "author")


@dataclass(frozen=True, slots=True)
class Draft:
    """An article as read from its input, before boilerplate removal."""

    text: str
    origin: str
    """Where it was read from; also what error messages name."""
    id: str = ""
    """The id the input gives (JSON "id", front matter, feed entry id); empty if none."""
    hint: str = ""
    """What to call it when the input gives no id: a file stem, ``name.jsonl:3``."""
    title: str = ""
    source: str = ""
    url: str = ""
    published: dt.datetime | None = None
    author: str = ""


def draft_from_record(rec: dict[str, Any], origin: str, hint: str = "") -> Draft:
    """Validate ``{"text", "id"?, "title"?, "source"?, "url"?, "published"?, "author"?}``."""
    text = rec.get("text")
    if not isinstance(text, str):
        raise FormatError(origin, 'no "text" string', 'give each article a "text" field')
    extra = {k: str(rec[k]).strip() for k in _FIELDS if isinstance(rec.get(k), str | int | float)}
    rid = rec.get("id")
    return Draft(
        text=text,
        origin=origin,
        id=str(rid) if isinstance(rid, str | int) and str(rid) else "",
        hint=hint,
        published=parse_published(rec.get("published") or rec.get("date"), origin),
        **extra,
    )


def finish(draft: Draft, article_id: str) -> tuple[Article, tuple[str, ...]]:
    """Clean a draft into an ``Article``; also return what cleaning removed."""
    cleaned = clean_text(draft.text)
    text, removed = cleaned.text, cleaned.removed
    # Page text often repeats the headline as its first line; it is already the title.
    first, _, rest = text.partition("\n")
    if draft.title and first.strip().casefold() == draft.title.strip().casefold():
        text, removed = rest, (first, *removed)
    if not text.strip():
        raise EmptyArticleError(
            draft.origin,
            "no article text left after removing boilerplate" if removed else "no article text",
            "check that it holds a news article (--verbose lists what cleaning removed)",
        )
    article = Article(
        id=article_id,
        text=text,
        title=draft.title,
        source=draft.source,
        url=draft.url,
        published=draft.published,
        author=draft.author,
        origin=draft.origin,
    )
    return article, removed


def article_from_record(rec: dict[str, Any], origin: str) -> Article:
    """Build a cleaned ``Article`` from ``{"text", "id"?, "title"?, "source"?, "url"?,
    "published"?, "author"?}``."""
    draft = draft_from_record(rec, origin)
    return finish(draft, draft.id or origin)[0]


def parse_published(value: Any, origin: str) -> dt.datetime | None:
    """ISO 8601 or RFC 2822 (feeds, e-mail) date or datetime -> datetime; anything else is a
    clear ``FormatError``. A bare date stays naive; an offset is kept."""
    if value in (None, ""):
        return None
    if isinstance(value, str):
        text = value.strip()
        try:
            return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            pass
        try:
            return email.utils.parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            pass
    raise FormatError(
        origin,
        f'"published" is not an ISO 8601 date: {value!r}',
        'write it like "2016-02-11" or "2016-02-11T09:30:00Z"',
    )
