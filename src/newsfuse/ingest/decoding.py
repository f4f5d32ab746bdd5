"""Bytes -> text, with the errors a user can act on (binary file, wrong encoding)."""

from __future__ import annotations

import json
import re
from typing import Any

from newsfuse.errors import EncodingError

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)


def check_binary(data: bytes, origin: str) -> None:
    """Raise ``EncodingError`` for binary content (NUL bytes never occur in text files)."""
    if b"\x00" in data[:65536]:
        raise EncodingError(
            origin,
            "binary file (it contains NUL bytes), not text",
            "pass a .txt, .html, .json, .jsonl or feed file (UTF-16 text must be converted)",
        )


def decode(data: bytes, origin: str, encoding: str = "utf-8") -> str:
    """Decode text; a UTF-8 byte order mark is dropped."""
    check_binary(data, origin)
    try:
        return data.decode(_codec(encoding))
    except UnicodeDecodeError as exc:
        raise _encoding_error(origin, encoding, exc) from exc
    except LookupError as exc:
        raise EncodingError(
            origin, f"unknown encoding {encoding!r}", "pass an encoding Python knows, e.g. latin-1"
        ) from exc


def loads_json(text: str | bytes) -> Any:
    """``json.loads`` that fails as ``json.JSONDecodeError`` on every bad document, so callers
    need one ``except``: also for nesting too deep for the parser (hostile files nest 100,000
    levels) and integers too long to convert (Python caps them at 4,300 digits)."""
    try:
        return json.loads(text)
    except RecursionError:
        raise json.JSONDecodeError("nested too deeply", _as_str(text), 0) from None
    except json.JSONDecodeError:
        raise
    except ValueError as exc:  # int digit cap; also a lone surrogate in bytes input
        raise json.JSONDecodeError(str(exc).split(";")[0], _as_str(text), 0) from None


def _as_str(text: str | bytes) -> str:
    return text if isinstance(text, str) else text.decode("utf-8", "replace")


def decode_html(data: bytes, origin: str, encoding: str = "utf-8", declared: str = "") -> str:
    """Decode an HTML page with the given encoding, falling back to the charset the page (or
    the HTTP ``Content-Type``) declares."""
    try:
        return decode(data, origin, encoding)
    except EncodingError as exc:
        m = _CHARSET.search(data[:4096])
        for charset in (declared, m.group(1).decode("ascii") if m else ""):
            if charset and _codec(charset) != _codec(encoding):
                try:
                    return data.decode(charset)
                except (LookupError, UnicodeDecodeError):
                    continue
        raise exc


def _encoding_error(origin: str, encoding: str, exc: UnicodeDecodeError) -> EncodingError:
    return EncodingError(
        origin,
        f"not {_label(encoding)} text",
        f"pass --encoding or convert it (first bad byte at offset {exc.start})",
    )


def _codec(encoding: str) -> str:
    norm = encoding.lower().replace("_", "-")
    return "utf-8-sig" if norm in ("utf-8", "utf8", "utf-8-sig") else norm


def _label(encoding: str) -> str:
    return "UTF-8" if _codec(encoding) == "utf-8-sig" else encoding
