"""Plain-text articles: optional front matter, then the body, whose first line may be the title.

::

    ---
    source: NPR
    published: 2016-02-11
    ---
    4 Questions Answered On The Syria Talks In Munich

    Syrian peace talks are taking place amid a new urgency. ...
"""

from __future__ import annotations

import re

from newsfuse.errors import FormatError
from newsfuse.ingest.records import Draft, parse_published
from newsfuse.text.clean import is_boilerplate

FRONT_MATTER_KEYS = ("title", "source", "url", "published", "author", "id")
_FENCE = re.compile(r"^-{3,}\s*$")
_KEY_VALUE = re.compile(r"^([A-Za-z_][\w-]*)\s*:\s*(.*)$")
_TITLE_MAX_WORDS = 20
_TITLE_MAX_CHARS = 200
# A headline does not end like a sentence; a trailing quote or bracket may follow the mark.
_SENTENCE_END = re.compile(r"[.,;!…][\"'”’)\]]*$")


def read_text(text: str, origin: str, hint: str) -> Draft:
    """A ``Draft`` from the text of a ``.txt`` file (or text on stdin)."""
    meta, body = split_front_matter(text, origin)
    title = meta.get("title", "")
    if not title:
        title, body = _take_title(body)
    return Draft(
        text=body,
        origin=origin,
        id=meta.get("id", ""),
        hint=hint,
        title=title,
        source=meta.get("source", ""),
        url=meta.get("url", ""),
        published=parse_published(meta.get("published") or meta.get("date"), origin),
        author=meta.get("author", ""),
    )


def split_front_matter(text: str, origin: str) -> tuple[dict[str, str], str]:
    """``({key: value}, body)``; no front matter gives ``({}, text)``.

    Keys other than title/source/url/published/date/author/id are ignored, so files written for
    static-site generators (``layout:``, ``tags:``) still load.
    """
    lines = text.lstrip("\ufeff").split("\n")
    if not lines or not _FENCE.match(lines[0]):
        return {}, text
    closing = next((n for n, line in enumerate(lines[1:], 1) if _FENCE.match(line)), 0)
    meta: dict[str, str] = {}
    for n, line in enumerate(lines[1 : closing or len(lines)], start=2):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        m = _KEY_VALUE.match(line.strip())
        if not m and not meta:
            return {}, text  # a horizontal rule opening the text, not front matter
        if not closing:
            raise FormatError(
                origin,
                "front matter opened with --- on line 1 is never closed",
                "add a --- line after the 'key: value' lines",
            )
        if not m:
            raise FormatError(
                f"{origin}:{n}",
                f"front matter line is not 'key: value': {line.strip()[:60]!r}",
                "write one 'key: value' per line between the two --- lines",
            )
        key, value = m.group(1).lower(), m.group(2).strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        meta[key] = value
    return meta, "\n".join(lines[closing + 1 :])


def looks_like_title(line: str) -> bool:
    """A headline: short, not ending like a sentence, not page furniture."""
    line = line.strip()
    return (
        0 < len(line) <= _TITLE_MAX_CHARS
        and 2 <= len(line.split()) <= _TITLE_MAX_WORDS
        and (line[0].isupper() or line[0].isdigit() or line[0] in "\"'“‘")
        and not _SENTENCE_END.search(line)
        and not is_boilerplate(line)
    )


def _take_title(body: str) -> tuple[str, str]:
    """Split off the first non-empty line as the title when it looks like one and text follows."""
    lines = body.split("\n")
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        rest = "\n".join(lines[i + 1 :])
        if looks_like_title(line) and rest.strip():
            return " ".join(line.split()), rest
        break
    return "", body
