"""What a request sends -> ``Article`` objects, through the same ingest code the CLI uses.

No HTTP here: callers hand over parsed records, or file names and bytes. Uploads are written to
a private temporary directory under a sanitized copy of their own name, so the loader picks the
format from the extension (.txt front matter, HTML, JSON) exactly as it does for files on disk.
An unreadable article is skipped, as the command line skips it, and its error (naming the
upload, never the temporary path) is collected in ``skipped`` for the response to report; only
when nothing is left is the request refused. Limits are always fatal.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from newsfuse.errors import ArticleError, EncodingError, InputError, LimitError
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


def articles_from_records(
    records: Sequence[dict[str, Any]],
    limits: WebLimits,
    skipped: list[ArticleError] | None = None,
) -> list[Article]:
    """Articles from JSON objects (``{"text", "id"?, "source"?, ...}``), checked against limits
    before any cleaning work is spent on them. Unreadable ones go to ``skipped`` when it is
    given (else the first raises)."""
    check_count(len(records), limits)
    for i, rec in enumerate(records):
        text = rec.get("text")
        if isinstance(text, str) and len(text) > limits.max_article_chars:
            raise LimitError(
                f"articles[{i}]: the text is {len(text):,} characters; the limit is "
                f"{limits.max_article_chars:,}. Send the article body only, or cut it"
            )
    articles = []
    for i, rec in enumerate(records):
        try:
            articles.append(article_from_record(rec, f"articles[{i}]"))
        except ArticleError as exc:
            if skipped is None:
                raise _for_web(exc) from None
            skipped.append(_for_web(exc))
    return _some_left(articles, skipped)


def _some_left(articles: list[Article], skipped: list[ArticleError] | None) -> list[Article]:
    if not articles and skipped:
        if len(skipped) == 1:
            raise skipped[0]
        raise InputError(
            "no readable article in the request: " + "; ".join(str(e) for e in skipped[:3])
        )
    return articles


def articles_from_uploads(
    uploads: Sequence[Upload],
    texts: Sequence[str],
    settings: Settings,
    limits: WebLimits,
    skipped: list[ArticleError] | None = None,
) -> list[Article]:
    """Articles from uploaded files and pasted texts (each pasted text read as a .txt file).
    Unreadable ones go to ``skipped`` when it is given (else the first raises)."""
    pasted = [Upload(f"pasted-{i}.txt", t.encode("utf-8")) for i, t in enumerate(texts, 1)]
    every = [*uploads, *pasted]
    check_count(len(every), limits)
    with tempfile.TemporaryDirectory(prefix="newsfuse-upload-") as tmp:
        # A fixed folder name: the loader may use it to tell apart articles whose ids clash.
        root = Path(tmp) / "upload"
        root.mkdir()
        paths = [_write(root, up) for up in every]
        loaded = load_paths(paths, settings.with_(strict=False))
        errors = [_for_web(e, root) for e in loaded.errors]
        if errors and skipped is None:
            raise errors[0]
        articles = [replace(a, origin=_public(a.origin, root)) for a in loaded.articles]
    if skipped is not None:
        skipped += errors
    articles = _some_left(articles, skipped)
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


_CLI_HINT = re.compile(r"\s*\([^()]*--[a-z][^()]*\)|\s*(?:or )?pass --[a-z-]+(?: or)?")


def _for_web(exc: ArticleError, root: Path | None = None) -> ArticleError:
    """``exc`` as a web user should read it: the upload's own name, no command-line flags (the
    page has none; a wrong encoding can only be fixed by converting the file)."""
    origin = _public(exc.origin, root) if root is not None else exc.origin
    fix = _CLI_HINT.sub("", exc.fix).strip(" ;,")
    if isinstance(exc, EncodingError) and "--encoding" in exc.fix:
        fix = "convert it to UTF-8 and send it again"
    return type(exc)(origin, exc.problem, fix)


def _public(origin: str, root: Path) -> str:
    """``origin`` with the private directory stripped (``/tmp/x/cnn.txt:3`` -> ``cnn.txt:3``)."""
    return origin.replace(str(root) + "/", "").replace(str(root), "")
