from __future__ import annotations

import datetime as dt

import pytest

from newsfuse.errors import EmptyArticleError, FormatError
from newsfuse.ingest.feeds import looks_like_feed, read_feed
from newsfuse.ingest.records import Draft


def test_rss_entries(data):
    items = list(read_feed((data / "feed.rss").read_bytes(), "feed.rss", "feed.rss"))
    first, second, third = items
    assert isinstance(first, Draft) and isinstance(second, Draft)
    assert first.source == "Daily Ledger - World"
    assert first.id == "ledger-2016-0212-syria"  # the guid
    assert first.url == "https://ledger.example.com/world/2016/02/12/syria-truce"
    assert first.author == "Jane Doe"
    # The date keeps its own offset, so the local date stays the 12th.
    assert first.published == dt.datetime(
        2016, 2, 12, 8, 30, tzinfo=dt.timezone(dt.timedelta(hours=1))
    )
    # Full content wins over the one-line description; HTML becomes lines, figures go.
    assert "cessation of hostilities" in first.text
    assert "reach besieged towns immediately." in first.text
    assert "(AP)" not in first.text
    assert second.id == "https://ledger.example.com/world/2016/02/13/madaya-aid"  # no guid: link
    assert second.text.strip().startswith("Trucks carrying food")
    assert "<p>" not in second.text
    # An entry with nothing to read is reported, not silently dropped.
    assert isinstance(third, EmptyArticleError)
    assert third.origin == "feed.rss entry 3"


def test_atom_entry(data):
    (entry,) = list(read_feed((data / "feed.atom").read_bytes(), "feed.atom", "feed.atom"))
    assert isinstance(entry, Draft)
    assert entry.source == "Wire Desk"
    assert entry.title == "Kerry and Lavrov meet in Munich"
    assert entry.author == "Sam Reporter"
    assert entry.url == "https://wire.example.org/2016/02/11/munich"
    assert entry.id.startswith("urn:uuid:1225c695")
    assert entry.published is not None and entry.published.date() == dt.date(2016, 2, 11)


def test_not_a_feed():
    with pytest.raises(FormatError, match="not an RSS or Atom feed"):
        list(read_feed(b"this is not xml", "x.xml", "x.xml"))


def test_feed_without_entries():
    feed = b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title></channel></rss>'
    with pytest.raises(EmptyArticleError, match="no entries"):
        list(read_feed(feed, "x.rss", "x.rss"))


def test_looks_like_feed(data):
    assert looks_like_feed((data / "feed.rss").read_bytes())
    assert looks_like_feed((data / "feed.atom").read_bytes())
    assert not looks_like_feed((data / "page.html").read_bytes())
