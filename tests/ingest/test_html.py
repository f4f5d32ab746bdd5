from __future__ import annotations

import datetime as dt

import pytest

from newsfuse.errors import EmptyArticleError, EncodingError
from newsfuse.ingest.decoding import decode_html
from newsfuse.ingest.html import html_to_text, read_html, url_hint
from newsfuse.ingest.records import finish


def test_page_main_text_and_metadata(data):
    draft = read_html((data / "page.html").read_text(), "page.html", "page")
    assert draft.title == "Powers agree to Syria truce plan"
    assert draft.source == "The Daily Ledger"
    assert draft.author == "Jane Doe"
    assert draft.url == "https://ledger.example.com/world/2016/02/12/syria-truce"
    assert draft.published is not None
    assert draft.published.date() == dt.date(2016, 2, 12)


def test_page_text_drops_navigation_footer_banner_and_furniture(data):
    draft = read_html((data / "page.html").read_text(), "page.html", "page")
    article, removed = finish(draft, "page")
    lines = article.text.split("\n")
    # One paragraph per line, source line breaks inside a paragraph joined.
    assert lines[0].startswith("World powers meeting in Munich agreed early Friday")
    assert lines[0].endswith("Secretary of State John Kerry said.")
    assert len(lines) == 4
    for junk in (
        "Home",
        "Most read",
        "cookies",
        "All rights reserved",
        "newsletter",
        "Advertisement",
        "Share this",
        "By Jane Doe",
        "Search",
    ):
        assert junk not in article.text
    assert "Powers agree to Syria truce plan" in removed  # the headline repeated in the body


def test_page_without_text_is_empty():
    with pytest.raises(EmptyArticleError, match="no article text found"):
        read_html("<html><head><title>Hi</title></head><body></body></html>", "x.html", "x")


def test_page_with_only_navigation_is_empty_after_cleaning():
    draft = read_html("<html><body><nav><a href='/'>Home</a></nav></body></html>", "x.html", "x")
    with pytest.raises(EmptyArticleError, match="no article text left"):
        finish(draft, "x")


def test_decode_falls_back_to_declared_charset():
    page = '<html><head><meta charset="windows-1252"></head><body><p>Café</p></body></html>'
    assert "Café" in decode_html(page.encode("cp1252"), "x.html")


def test_undeclared_non_utf8_page_is_an_encoding_error():
    with pytest.raises(EncodingError, match="not UTF-8 text; pass --encoding or convert it"):
        decode_html("<p>Café</p>".encode("cp1252"), "x.html")


def test_html_to_text_keeps_blocks_and_drops_figures():
    text = html_to_text(
        "<p>First\nparagraph &amp; more.</p><figure><img src=x><figcaption>Kerry (AP)"
        "</figcaption></figure><p>Second<br>line</p><script>var x = 1;</script>"
    )
    assert [line for line in text.split("\n") if line.strip()] == [
        "First paragraph & more.",
        "Second",
        "line",
    ]


def test_url_hint():
    assert url_hint("https://ex.com/world/2016/syria-truce.html") == "syria-truce"
    assert url_hint("https://ex.com/") == "ex.com"
