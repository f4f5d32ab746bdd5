"""The feeds ``newsfuse watch`` follows: URLs and feed files, or files that list them.

A listing file holds one feed URL (or path) a line, ``#`` starting a comment, or is an OPML
subscription list (every ``outline`` with an ``xmlUrl``). A file that is itself a feed is
followed as one.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from pathlib import Path

from newsfuse.errors import InputError
from newsfuse.ingest.feeds import looks_like_feed
from newsfuse.ingest.fetch import is_url

__all__ = ["expand_feeds"]

_COMMENT = re.compile(r"(?:^|\s)#")
"""A comment starts a line or follows a space (a URL's own ``#fragment`` does neither)."""


def expand_feeds(sources: Iterable[str]) -> list[str]:
    """Every feed named by ``sources``, in order, each once; ``InputError`` names a bad file."""
    out: list[str] = []
    for source in sources:
        for feed in _feeds_of(source.strip()):
            if feed not in out:
                out.append(feed)
    if not out:
        raise InputError("no feeds to follow; give feed URLs, feed files or a file listing them")
    return out


def _feeds_of(source: str) -> list[str]:
    if is_url(source):
        return [source]
    path = Path(source)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(
            f"{source}: cannot be read ({exc.strerror}); give a feed URL, a feed file or a "
            "file listing feeds one a line"
        ) from None
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if looks_like_feed(head):
        return [source]
    if head.startswith(b"<") and b"<opml" in head.lower():
        return _opml(data, source)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(
            f"{source}: not UTF-8 text; a feed list has one feed URL or path a line"
        ) from None
    feeds = []
    for n, line in enumerate(text.splitlines(), 1):
        entry = _COMMENT.split(line, maxsplit=1)[0].strip()
        if not entry:
            continue
        if not is_url(entry) and not (path.parent / entry).exists() and not Path(entry).exists():
            raise InputError(
                f"{source} line {n}: {entry[:80]!r} is neither an http(s) URL nor an existing "
                "file; one feed URL or path a line"
            )
        resolved = entry if is_url(entry) or Path(entry).exists() else str(path.parent / entry)
        feeds.append(resolved)
    return feeds


def _opml(data: bytes, source: str) -> list[str]:
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise InputError(f"{source}: not well-formed OPML ({exc}); fix or re-export it") from None
    feeds = [
        url.strip()
        for outline in root.iter("outline")
        if (url := outline.get("xmlUrl") or outline.get("xmlurl"))
    ]
    if not feeds:
        raise InputError(f"{source}: an OPML file with no outline xmlUrl; export it again")
    return feeds
