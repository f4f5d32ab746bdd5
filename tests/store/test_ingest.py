"""Reading sources into a store: files, feeds over HTTP, per-item errors, stopping early."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from newsfuse.embed import HashingEmbedder
from newsfuse.errors import ArticleError
from newsfuse.settings import DEFAULT
from newsfuse.store import check_store, open_store
from newsfuse.store.ingest import IngestReport, ingest
from stories.corpus import synthetic_records, write_jsonl

FEED = Path(__file__).resolve().parents[1] / "data" / "ingest" / "feed.rss"


def test_a_feed_url_is_fetched_through_the_transport() -> None:
    asked: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        asked.append(str(request.url))
        return httpx.Response(
            200, content=FEED.read_bytes(), headers={"content-type": "application/rss+xml"}
        )

    with open_store(embedder=HashingEmbedder()) as store:
        report = ingest(
            store,
            ["https://ledger.example.com/world.rss"],
            transport=httpx.MockTransport(handler),
            allow_private=True,
        )
        assert asked == ["https://ledger.example.com/world.rss"]
        assert report.added == 2 and len(report.errors) == 1  # the gallery has no text
        titles = {i.title for i in store.list_stories()}
        assert titles == {"Powers agree to Syria truce plan", "Aid convoys reach Madaya"}
        story = store.get_story(store.list_stories()[-1].id)
        assert story.articles[0].url.startswith("https://ledger.example.com/world/2016/02/12")
        assert story.articles[0].published is not None


def test_private_addresses_are_refused_unless_allowed(tmp_path: Path) -> None:
    with open_store(embedder=HashingEmbedder()) as store:
        report = ingest(store, ["http://127.0.0.1:9/feed.xml"])
        assert report.added == 0
        assert len(report.errors) == 1 and "127.0.0.1" in str(report.errors[0])


def test_errors_do_not_stop_the_rest_and_strict_does(tmp_path: Path) -> None:
    good = write_jsonl(tmp_path / "good.jsonl", synthetic_records(2, 2))
    broken = tmp_path / "broken.jsonl"
    broken.write_text(
        '{"id": "x", "text": "fine words for a fine article here"}\nnot json\n', encoding="utf-8"
    )
    seen: list[object] = []
    with open_store(embedder=HashingEmbedder()) as store:
        report = ingest(
            store,
            [broken, tmp_path / "missing.txt", good],
            on_item=lambda item, result: seen.append(result),
        )
        assert (report.added, report.duplicates, len(report.errors)) == (5, 0, 2)
        assert len(seen) == 7 and seen.count(None) == 2
        assert report.seen == 7
        assert check_store(store.conn) == []
        with pytest.raises(ArticleError, match=r"missing\.txt"):
            ingest(store, [tmp_path / "missing.txt", good], DEFAULT.with_(strict=True))


def test_stop_ends_between_articles_with_everything_before_committed(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "s.jsonl", synthetic_records(5, 4))
    with open_store(embedder=HashingEmbedder()) as store:
        report = IngestReport()
        ingest(store, [src], report=report, stop=lambda: report.added >= 7)
        assert report.stopped and report.added == 7
        assert store.counts()["articles"] == 7
        rest = ingest(store, [src])
        assert (rest.added, rest.duplicates) == (13, 7)
