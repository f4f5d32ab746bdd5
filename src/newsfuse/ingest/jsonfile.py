"""JSON and JSON Lines articles.

``.json`` holds one article object, a list of them, or ``{"articles": [...]}``; ``.jsonl`` one
object per line. Each object needs ``text``; ``title``, ``source``, ``url``, ``published``,
``author`` and ``id`` are optional. A list item may also be a bare string (the text).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from newsfuse.errors import ArticleError, EmptyArticleError, EncodingError, FormatError
from newsfuse.ingest.decoding import decode, loads_json
from newsfuse.ingest.records import Draft, draft_from_record

_SHAPE = 'use {"text": ...}, a list of such objects, or {"articles": [...]}'


def read_json(text: str, origin: str, stem: str, name: str) -> Iterator[Draft | ArticleError]:
    """Drafts from a JSON document; a bad item is yielded as an error, the rest still load.

    A lone object is called ``stem`` unless it has an id; list items ``name:1``, ``name:2``...
    """
    try:
        data = loads_json(text)
    except json.JSONDecodeError as exc:
        raise FormatError(
            origin,
            f"not valid JSON ({exc.msg} at line {exc.lineno} column {exc.colno})",
            "fix the JSON, or save the article as .txt",
        ) from exc
    if isinstance(data, dict) and isinstance(data.get("articles"), list):
        data = data["articles"]
    if isinstance(data, dict):
        yield _item(data, origin, stem)
        return
    if not isinstance(data, list):
        raise FormatError(origin, f"a JSON {type(data).__name__} is not an article", _SHAPE)
    if not data:
        raise EmptyArticleError(origin, "the JSON list is empty", "add at least one article")
    for i, item in enumerate(data, 1):
        yield _item(item, f"{origin} item {i}", f"{name}:{i}")


def read_jsonl(
    lines: Iterable[bytes], origin: str, name: str, encoding: str
) -> Iterator[Draft | ArticleError]:
    """Drafts from JSON Lines, one per non-blank line; errors name the line."""
    seen = False
    for n, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        seen = True
        where = f"{origin}:{n}"
        try:
            line = decode(raw, where, encoding)
            rec = loads_json(line)
        except EncodingError as exc:
            yield exc
            continue
        except json.JSONDecodeError as exc:
            yield FormatError(
                where,
                f"not valid JSON ({exc.msg} at column {exc.colno})",
                "each line must be one JSON object",
            )
            continue
        yield _item(rec, where, f"{name}:{n}")
    if not seen:
        raise EmptyArticleError(origin, "empty file", "add one JSON object per line")


def looks_like_jsonl(text: str) -> bool:
    """Whether the first non-blank line is a complete JSON object (so the text is JSON Lines)."""
    for line in text.splitlines():
        if line.strip():
            try:
                return isinstance(loads_json(line), dict)
            except json.JSONDecodeError:
                return False
    return False


def _item(item: Any, origin: str, hint: str) -> Draft | ArticleError:
    if isinstance(item, str):
        item = {"text": item}
    if not isinstance(item, dict):
        return FormatError(origin, f"a JSON {type(item).__name__} is not an article", _SHAPE)
    try:
        return draft_from_record(item, origin, hint)
    except ArticleError as exc:
        return exc
