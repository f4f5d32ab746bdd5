"""Batch input: one story per JSON line, ``{"id", "documents": [text | {...}]}``.

This is the format of the summarization sets in ``../shared/data``. Documents are plain strings
or objects with ``text`` and optional ``title``, ``source``, ``url``, ``published``, ``id``.
Document ids default to ``d0``, ``d1``, ... by position, so outputs can point back at them.

A line may also carry the reader's question, as ``"query": text`` or as a DUC ``"topic":
{"title", "narrative"}``, and ``"background"``: documents (same shape as ``documents``, ids
``b0``, ``b1``, ...) the reader has already read.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsfuse.errors import (
    ArticleError,
    EmptyArticleError,
    EncodingError,
    FormatError,
    InputError,
    NotFoundError,
)
from newsfuse.ingest.decoding import loads_json
from newsfuse.ingest.records import article_from_record
from newsfuse.models import Article, Story
from newsfuse.settings import DEFAULT, Settings


@dataclass(frozen=True, slots=True)
class Cluster:
    """One input line: the story, plus the raw line for fields a caller wants to keep."""

    line: int
    story: Story
    record: dict[str, Any]
    positions: dict[str, int]
    """Article id -> position of its document in the input line's ``documents``."""
    skipped: tuple[ArticleError, ...] = ()
    """Documents left out (empty after cleaning, no text); the rest of the line is kept."""
    query: str = ""
    """The line's ``query``, or its ``topic``'s title and narrative; empty when it has none."""
    background: tuple[Article, ...] = ()
    """The line's ``background`` documents: what the reader has already read."""


def read_clusters(path: str | Path, settings: Settings = DEFAULT) -> Iterator[Cluster]:
    """Yield one ``Cluster`` per non-blank line; a malformed line raises ``FormatError`` naming
    the file and line."""
    for item in iter_clusters(path, settings):
        if isinstance(item, InputError):
            raise item
        yield item


def iter_clusters(path: str | Path, settings: Settings = DEFAULT) -> Iterator[Cluster | InputError]:
    """Like ``read_clusters``, but a malformed line is yielded as its error and reading goes on,
    so a batch can report it and keep the rest. A file that is missing or not text still raises."""
    p = Path(path)
    for lineno, raw in iter_lines(p, settings):
        try:
            yield cluster_from_json(raw, f"{p}:{lineno}", lineno)
        except InputError as exc:
            yield exc


def iter_lines(path: Path, settings: Settings = DEFAULT) -> Iterator[tuple[int, str]]:
    """Each non-blank line of a batch file with its number (from 1), not yet parsed. A file that
    is missing or not text raises."""
    if not path.exists():
        raise NotFoundError(f"{path}: no such file; check the path passed to --input")
    with path.open(encoding=settings.encoding, errors="strict") as fh:
        lineno = 0
        while True:
            try:
                raw = fh.readline()
            except UnicodeDecodeError as exc:
                raise EncodingError(
                    f"{path}:{lineno + 1}",
                    f"not {settings.encoding} text",
                    "convert the file to UTF-8 or pass --encoding",
                ) from exc
            if not raw:
                return
            lineno += 1
            if raw.strip():
                yield lineno, raw


def cluster_from_json(raw: str, origin: str, lineno: int) -> Cluster:
    """One batch line (JSON text) as a ``Cluster``; ``origin`` names it in errors."""
    try:
        record = loads_json(raw)
    except json.JSONDecodeError as exc:
        raise FormatError(
            origin,
            f"not valid JSON ({exc.msg} at column {exc.colno})",
            "each line must be one JSON object",
        ) from exc
    if not isinstance(record, dict) or not isinstance(record.get("documents"), list):
        raise FormatError(
            origin,
            'no "documents" list',
            'each line needs {"id": ..., "documents": [text or {"text": ...}]}',
        )
    story_id = str(record.get("id", f"line{lineno}"))
    skipped: list[ArticleError] = []
    positions, articles = _documents(record["documents"], origin, "document", "d", skipped)
    if not articles:
        raise EmptyArticleError(
            origin, "no document has any text left after cleaning", "check the line's documents"
        )
    background = record.get("background") or []
    if not isinstance(background, list):
        raise FormatError(origin, '"background" is not a list', "give it a list like documents")
    _, read = _documents(background, origin, "background document", "b", skipped)
    return Cluster(
        lineno,
        Story(story_id, tuple(articles)),
        record,
        positions,
        tuple(skipped),
        _query(record, origin),
        tuple(read),
    )


def _documents(
    docs: list[Any], origin: str, what: str, prefix: str, skipped: list[ArticleError]
) -> tuple[dict[str, int], list[Article]]:
    """Articles of a line's document list, and each one's position in it."""
    articles = []
    positions: dict[str, int] = {}
    for i, doc in enumerate(docs):
        doc_origin = f"{origin} {what} {i}"
        rec = {"text": doc} if isinstance(doc, str) else doc
        if not isinstance(rec, dict):
            raise FormatError(doc_origin, 'a document must be a string or an object with "text"')
        rec = {**rec, "id": str(rec.get("id") or f"{prefix}{i}")}
        try:
            article = article_from_record(rec, doc_origin)
        except EmptyArticleError as exc:
            skipped.append(exc)
            continue
        if article.id in positions:
            raise FormatError(
                doc_origin,
                f"the document id {article.id!r} is already used by document "
                f"{positions[article.id]}",
                'give each document of a line a distinct "id"',
            )
        positions[article.id] = i
        articles.append(article)
    return positions, articles


def _query(record: dict[str, Any], origin: str) -> str:
    """The line's question: ``query``, else its ``topic``'s title and narrative."""
    query, topic = record.get("query"), record.get("topic")
    if query is not None:
        if not isinstance(query, str):
            raise FormatError(origin, '"query" is not text', 'give it as "query": "..."')
        return query
    if topic is None:
        return ""
    if isinstance(topic, str):
        return topic
    if not isinstance(topic, dict):
        raise FormatError(origin, '"topic" is not an object', 'give {"title", "narrative"}')
    title, narrative = (str(topic.get(k) or "").strip() for k in ("title", "narrative"))
    return f"{title}. {narrative}" if title and narrative else title or narrative
