"""What a request sends -> ``Article`` objects, through the same ingest code the CLI uses.

No HTTP here: callers hand over parsed records, or file names and bytes. Uploads are written to
a private temporary directory under a sanitized copy of their own name, so the loader picks the
format from the extension (.txt front matter, HTML, JSON) exactly as it does for files on disk.
Every article error is fatal here (a web user can fix and resend; silently dropping one of their
files would be worse), and names the upload, never the temporary path.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from newsfuse.errors import ArticleError, InputError, LimitError
from newsfuse.ingest import load_paths
from newsfuse.ingest.records import article_from_record
from newsfuse.models import Article
from newsfuse.settings import Settings
from newsfuse.web.limits import WebLimits

__all__ = ["Upload", "articles_from_records", "articles_from_uploads", "check_count", "safe_name"]

_UNSAFE = re.compile(r"[^\w.-]+")


@dataclass(frozen=True, slots=True)
class Upload:
    """An uploaded file: the name the client gave it and its bytes."""

    filename: str
    data: bytes


def check_count(n: int, limits: WebLimits) -> None:
    """``LimitError`` if ``n`` articles are more than one request may carry."""
    if n > limits.max_articles:
        raise LimitError(
            f"{n} articles in one request; the limit is {limits.max_articles}. "
            "Split them into several briefings"
        )
    if n == 0:
        raise InputError("no articles in the request; send at least one")


def _check_length(article: Article, label: str, limits: WebLimits) -> None:
    if len(article.text) > limits.max_article_chars:
        raise LimitError(
            f"{label}: the text is {len(article.text):,} characters; the limit is "
            f"{limits.max_article_chars:,}. Send the article body only, or cut it"
        )


def articles_from_records(records: Sequence[dict[str, Any]], limits: WebLimits) -> list[Article]:
    """Articles from JSON objects (``{"text", "id"?, "source"?, ...}``), checked against limits
    before any cleaning work is spent on them."""
    check_count(len(records), limits)
    articles = []
    for i, rec in enumerate(records):
        origin = f"articles[{i}]"
        text = rec.get("text")
        if isinstance(text, str) and len(text) > limits.max_article_chars:
            raise LimitError(
                f"{origin}: the text is {len(text):,} characters; the limit is "
                f"{limits.max_article_chars:,}. Send the article body only, or cut it"
            )
        articles.append(article_from_record(rec, origin))
    return articles


def articles_from_uploads(
    uploads: Sequence[Upload], texts: Sequence[str], settings: Settings, limits: WebLimits
) -> list[Article]:
    """Articles from uploaded files and pasted texts (each pasted text read as a .txt file)."""
    pasted = [Upload(f"pasted-{i}.txt", t.encode("utf-8")) for i, t in enumerate(texts, 1)]
    every = [*uploads, *pasted]
    check_count(len(every), limits)
    with tempfile.TemporaryDirectory(prefix="newsfuse-upload-") as tmp:
        # A fixed folder name: the loader may use it to tell apart articles whose ids clash.
        root = Path(tmp) / "upload"
        root.mkdir()
        paths = [_write(root, up) for up in every]
        try:
            loaded = load_paths(paths, settings.with_(strict=True))
        except ArticleError as exc:
            raise type(exc)(_public(exc.origin, root), exc.problem, exc.fix) from None
        # A tolerant loader reports instead of raising; a web user still has to hear about it.
        if loaded.errors:
            first = loaded.errors[0]
            raise type(first)(_public(first.origin, root), first.problem, first.fix)
        articles = [replace(a, origin=_public(a.origin, root)) for a in loaded.articles]
    check_count(len(articles), limits)  # a .jsonl upload can hold many
    for a in articles:
        _check_length(a, a.origin, limits)
    return articles


def safe_name(filename: str) -> str:
    """A basename safe to create in a private directory: the last path component (browsers on
    Windows may send a full path), only word characters, dots and dashes, no leading dot."""
    base = re.split(r"[\\/]", filename.strip())[-1]
    cleaned = _UNSAFE.sub("_", base).lstrip(".")[-120:]
    return cleaned or "upload.txt"


def _write(root: Path, upload: Upload) -> Path:
    name = safe_name(upload.filename)
    path = root / name
    stem, suffix = path.stem, path.suffix
    n = 2
    while path.exists():  # two uploads called cnn.txt become cnn.txt and cnn-2.txt
        path = root / f"{stem}-{n}{suffix}"
        n += 1
    path.write_bytes(upload.data)
    return path


def _public(origin: str, root: Path) -> str:
    """``origin`` with the private directory stripped (``/tmp/x/cnn.txt:3`` -> ``cnn.txt:3``)."""
    return origin.replace(str(root) + "/", "").replace(str(root), "")
