"""HTML pages: trafilatura finds the article's main text and its metadata.

Navigation, footers, cookie banners and related-story boxes are dropped by trafilatura;
``text/clean.py`` then removes what slips through inside the article body. Paragraph structure is
kept as one paragraph per line.
"""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import trafilatura

from newsfuse.errors import EmptyArticleError, FormatError
from newsfuse.ingest.records import Draft, parse_published


def read_html(html: str, origin: str, hint: str, url: str = "") -> Draft:
    """A ``Draft`` from an HTML page: main text, title, date, author, site name, canonical URL."""
    doc = trafilatura.bare_extraction(
        html,
        url=url or None,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
    )
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        raise EmptyArticleError(
            origin,
            "no article text found in the HTML page",
            "check that it is an article page, not an index, search or login page",
        )
    date = getattr(doc, "date", None)
    return Draft(
        text=text,
        origin=origin,
        hint=hint,
        title=_str(doc, "title"),
        source=_str(doc, "sitename"),
        url=_str(doc, "url") or url,
        published=_published(date, origin),
        author=_str(doc, "author"),
    )


def url_hint(url: str) -> str:
    """A readable id for a page: the last path segment without extension, else the host."""
    parts = urlsplit(url)
    segments = [s for s in parts.path.split("/") if s]
    if segments:
        return segments[-1].rsplit(".", 1)[0] or segments[-1]
    return parts.hostname or url


_BLOCKS = frozenset(
    {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre"}
    | {"table", "tr", "section", "article", "header", "footer", "dd", "dt", "dl", "hr", "aside"}
)
# Skipped with their content. Figures and captions in feeds are photo credits, not news.
_SKIP = frozenset({"script", "style", "noscript", "iframe", "figure", "figcaption", "template"})
_VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "source", "wbr"})
_WS = re.compile(r"\s+")


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skipping.append(tag)
        elif tag in _BLOCKS and not self.skipping:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if self.skipping and tag == self.skipping[-1]:
            self.skipping.pop()
        elif tag in _BLOCKS and not self.skipping:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS and not self.skipping:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            # Source line breaks inside a paragraph are layout, not structure.
            self.parts.append(_WS.sub(" ", data))


def html_to_text(fragment: str) -> str:
    """Text of an HTML fragment (a feed entry's content), one block element per line."""
    if "<" not in fragment and "&" not in fragment:
        return fragment
    parser = _TextParser()
    parser.feed(fragment)
    parser.close()
    return "".join(parser.parts)


def _published(value: object, origin: str) -> dt.datetime | None:
    try:
        return parse_published(value, origin)
    except FormatError:
        return None  # a page's odd date must not cost us its text


def _str(doc: object, name: str) -> str:
    value = getattr(doc, name, None)
    return " ".join(value.split()) if isinstance(value, str) else ""
