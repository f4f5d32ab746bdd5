"""Reading articles from files, directories, stdin and URLs, in every supported format.

The format comes from the extension (``READERS``); stdin, URLs and files without an extension
are sniffed. Every article is cleaned (``text/clean.py``) and gets a stable, unique id: its file
stem, its JSON/front-matter/feed id, or ``name.jsonl:3``; a clash is resolved with the parent
directory, then a counter.

One unreadable article does not stop a batch: it is yielded (or collected) as an
``ArticleError`` naming the file and line, unless ``settings.strict`` asks to raise it.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

import httpx

from newsfuse.errors import ArticleError, EmptyArticleError, FetchError, FormatError
from newsfuse.ingest.decoding import check_binary, decode, decode_html, loads_json
from newsfuse.ingest.feeds import looks_like_feed, read_feed
from newsfuse.ingest.fetch import Fetched, fetch, is_url, other_scheme
from newsfuse.ingest.html import read_html, url_hint
from newsfuse.ingest.jsonfile import looks_like_jsonl, read_json, read_jsonl
from newsfuse.ingest.records import Draft, finish
from newsfuse.ingest.textfile import read_text
from newsfuse.models import Article
from newsfuse.settings import DEFAULT, Settings

READERS = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
}
"""File extension -> format. Anything else in a directory is skipped."""

_SUPPORTED = ", ".join(READERS)


@dataclass(slots=True)
class Loaded:
    """Articles read, the per-article errors skipped, and what cleaning removed (by article id)."""

    articles: list[Article] = field(default_factory=list)
    errors: list[ArticleError] = field(default_factory=list)
    removed: dict[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class _Input:
    """One thing to read: a file, stdin or a URL."""

    origin: str
    name: str
    """File name (or stand-in) that ids of its lines and items are built from."""
    stem: str
    """Id of its only article when the input gives none."""
    parent: str = ""
    """Parent directory (or host), to tell apart two inputs with the same stem."""


@dataclass(frozen=True, slots=True)
class _Item:
    article: Article
    removed: tuple[str, ...]


def iter_articles(
    sources: Iterable[str | Path],
    settings: Settings = DEFAULT,
    *,
    stdin: TextIO | None = None,
    transport: httpx.BaseTransport | None = None,
    allow_private: bool = False,
) -> Iterator[Article | ArticleError]:
    """Yield each article as soon as it is read, or the ``ArticleError`` of one that could not be
    (raised instead under ``settings.strict``; a failed fetch then raises its ``FetchError``).

    ``sources`` are paths, directories (read recursively), ``-`` for ``stdin`` (default
    ``sys.stdin``) or http(s) URLs of feeds and article pages, fetched through ``transport``.
    ``allow_private`` permits URLs on loopback and private networks.
    """
    for item in _items(sources, settings, stdin, transport, allow_private):
        yield item.article if isinstance(item, _Item) else item


def load_paths(
    paths: Iterable[str | Path],
    settings: Settings = DEFAULT,
    *,
    stdin: TextIO | None = None,
    transport: httpx.BaseTransport | None = None,
    allow_private: bool = False,
) -> Loaded:
    """Read everything ``iter_articles`` would, collected, with what cleaning removed."""
    out = Loaded()
    for item in _items(paths, settings, stdin, transport, allow_private):
        if isinstance(item, ArticleError):
            out.errors.append(item)
            continue
        out.articles.append(item.article)
        if item.removed:
            out.removed[item.article.id] = item.removed
    return out


def _items(
    sources: Iterable[str | Path],
    settings: Settings,
    stdin: TextIO | None,
    transport: httpx.BaseTransport | None,
    allow_private: bool,
) -> Iterator[_Item | ArticleError]:
    drafts = (
        got
        for source in sources
        for got in _drafts(source, settings, stdin, transport, allow_private)
    )
    yield from _finished(drafts, settings)


def read_fetched(
    url: str, got: Fetched, settings: Settings = DEFAULT
) -> Iterator[Article | ArticleError]:
    """The articles of a response already fetched from ``url``, read as ``iter_articles`` reads
    a URL (``newsfuse watch`` fetches feeds itself, with conditional headers)."""
    for item in _finished(_read_body(url, got, settings), settings):
        yield item.article if isinstance(item, _Item) else item


def _finished(
    drafts: Iterable[tuple[Draft, _Input] | ArticleError], settings: Settings
) -> Iterator[_Item | ArticleError]:
    """Each draft cleaned into an article with a unique id; errors raised under ``strict``."""
    ids = _Ids()
    for got in drafts:
        if isinstance(got, tuple):
            draft, inp = got
            try:
                article, removed = finish(draft, ids.pick(draft, inp.parent))
            except ArticleError as exc:
                got = exc
            else:
                ids.take(article.id)
                yield _Item(article, removed)
                continue
        if settings.strict:
            raise got
        yield got


def _drafts(
    source: str | Path,
    settings: Settings,
    stdin: TextIO | None,
    transport: httpx.BaseTransport | None,
    allow_private: bool,
) -> Iterator[tuple[Draft, _Input] | ArticleError]:
    if isinstance(source, str) and source == "-":
        inp = _Input("-", "stdin", "stdin")
        data, encoding = _read_stdin(stdin or sys.stdin, settings.encoding)
        yield from _read(data, inp, "sniff", encoding)
        return
    if isinstance(source, str) and is_url(source):
        yield from _read_url(source, settings, transport, allow_private)
        return
    if not str(source).strip():  # Path("") is ".", the current directory: never meant
        yield ArticleError(repr(str(source)), "an empty path", "give a file or directory")
        return
    path = Path(source)
    scheme = other_scheme(source) if isinstance(source, str) else ""
    if scheme and not path.exists():
        yield ArticleError(
            str(source),
            f"{scheme}: URLs are not supported",
            "give an http(s) URL, or download it and pass the local file",
        )
        return
    if path.is_dir():
        found = False
        for f in _walk(path):
            kind = READERS.get(f.suffix.lower())
            if kind:
                found = True
                yield from _read_file(f, kind, settings.encoding)
            elif settings.verbose and not settings.strict:
                # Only a notice: other files in a folder of articles are normal.
                yield FormatError(str(f), "not an article file type", f"supported: {_SUPPORTED}")
        if not found:
            yield ArticleError(
                str(path), "no article files in this directory", f"add files ending in {_SUPPORTED}"
            )
        return
    if not path.exists():
        yield ArticleError(str(path), "no such file or directory", "check the path")
        return
    kind = READERS.get(path.suffix.lower(), "sniff" if not path.suffix else "")
    if not kind:
        yield FormatError(
            str(path), f"unknown file type {path.suffix!r}", f"use one of {_SUPPORTED} or rename it"
        )
        return
    yield from _read_file(path, kind, settings.encoding)


def _read_file(
    path: Path, kind: str, encoding: str
) -> Iterator[tuple[Draft, _Input] | ArticleError]:
    inp = _Input(str(path), path.name, path.stem, path.parent.name)
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield ArticleError(str(path), f"cannot be read ({exc.strerror})", "check its permissions")
        return
    yield from _read(data, inp, kind, encoding)


def _read_url(
    url: str, settings: Settings, transport: httpx.BaseTransport | None, allow_private: bool
) -> Iterator[tuple[Draft, _Input] | ArticleError]:
    try:
        got = fetch(url, transport=transport, allow_private=allow_private)
    except FetchError as exc:
        if settings.strict:
            raise
        yield ArticleError(url, str(exc).removeprefix(f"{url}: "))
        return
    yield from _read_body(url, got, settings)


def _read_body(
    url: str, got: Fetched, settings: Settings
) -> Iterator[tuple[Draft, _Input] | ArticleError]:
    hint = url_hint(got.url)
    inp = _Input(url, hint, hint, httpx.URL(got.url).host)
    encoding = got.charset or settings.encoding
    yield from _read(got.body, inp, "sniff", encoding, url=got.url, content_type=got.content_type)


def _read(
    data: bytes, inp: _Input, kind: str, encoding: str, url: str = "", content_type: str = ""
) -> Iterator[tuple[Draft, _Input] | ArticleError]:
    """Drafts (each with its input) or errors from one input's bytes."""
    try:
        if not data.strip():
            raise EmptyArticleError(inp.origin, "empty file", "check that the right file was given")
        if kind == "sniff":
            kind = _sniff(data, inp.origin, encoding)
            if kind == "text" and "html" in content_type.lower():
                kind = "html"
        if kind == "feed":
            drafts: Iterable[Draft | ArticleError] = read_feed(data, inp.origin, inp.name)
        elif kind == "jsonl":
            check_binary(data, inp.origin)
            drafts = read_jsonl(data.split(b"\n"), inp.origin, inp.name, encoding)
        elif kind == "json":
            drafts = read_json(decode(data, inp.origin, encoding), inp.origin, inp.stem, inp.name)
        elif kind == "html":
            html = decode_html(data, inp.origin, encoding)
            drafts = [read_html(html, inp.origin, inp.stem, url)]
        else:
            drafts = [read_text(decode(data, inp.origin, encoding), inp.origin, inp.stem)]
        for d in drafts:
            yield (d, inp) if isinstance(d, Draft) else d
    except ArticleError as exc:
        yield exc


def _sniff(data: bytes, origin: str, encoding: str) -> str:
    """Format of unnamed content: feed, HTML, JSON, JSON Lines, else plain text."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"<"):
        return "feed" if looks_like_feed(head) else "html"
    if head[:1] in (b"{", b"["):
        text = decode(data, origin, encoding)
        try:
            loads_json(text)
            return "json"
        except json.JSONDecodeError as exc:
            if exc.msg == "nested too deeply":
                return "json"  # so its reader names the problem
            if looks_like_jsonl(text):
                return "jsonl"
    return "text"


def _read_stdin(stream: TextIO, encoding: str) -> tuple[bytes, str]:
    """Raw bytes where the stream has them (so --encoding applies), else its decoded text."""
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        return bytes(buffer.read()), encoding
    return stream.read().encode("utf-8"), "utf-8"


def _walk(root: Path) -> list[Path]:
    """Every file under ``root``, sorted, skipping hidden files and directories (and never
    following symlinked directories, which could loop)."""
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        found += (Path(dirpath, f) for f in filenames if not f.startswith("."))
    return sorted(found)


class _Ids:
    """Hands out unique article ids in input order, so the same inputs get the same ids."""

    def __init__(self) -> None:
        self._taken: set[str] = set()

    def pick(self, draft: Draft, parent: str) -> str:
        base = draft.id or draft.hint or draft.origin
        candidates = [base]
        if not draft.id and parent:
            candidates.append(f"{parent}/{base}")
        for c in candidates:
            if c not in self._taken:
                return c
        n = 2
        while f"{base}-{n}" in self._taken:
            n += 1
        return f"{base}-{n}"

    def take(self, article_id: str) -> None:
        self._taken.add(article_id)
