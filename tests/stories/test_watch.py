"""``newsfuse watch`` against a feed server on 127.0.0.1 started here (no internet)."""

from __future__ import annotations

import contextlib
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from click.testing import CliRunner, Result

from newsfuse.cli import cli
from newsfuse.embed import HashingEmbedder
from newsfuse.errors import InputError
from newsfuse.ingest.feedlist import expand_feeds
from newsfuse.store import check_store, open_store
from newsfuse.store.watch import load_state, poll_feed
from stories.corpus import synthetic_records

NEWSFUSE = [sys.executable, "-c", "from newsfuse.cli import main; main()"]


def rss(records: list[dict[str, str]], title: str) -> bytes:
    items = "".join(
        f"<item><guid>{r['url']}</guid><link>{r['url']}</link>"
        f"<title>{escape(r['title'])}</title><description>{escape(r['text'])}</description>"
        "</item>"
        for r in records
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title>'
        f"{items}</channel></rss>"
    ).encode()


class FeedServer:
    """Serves ``feeds[path]`` with an ETag and Last-Modified, answers 304 to a request that
    sends them back, 500 for ``broken``, and holds ``slow`` until ``release`` is set."""

    def __init__(self) -> None:
        self.feeds: dict[str, bytes] = {}
        self.broken: set[str] = set()
        self.slow: set[str] = set()
        self.release = threading.Event()
        self.seen: list[tuple[str, dict[str, str]]] = []
        self.modified = formatdate(1_700_000_000, usegmt=True)
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                # The watcher may be killed while its request is held.
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.serve()

            def serve(self) -> None:
                server.seen.append((self.path, dict(self.headers)))
                if self.path in server.slow:
                    server.release.wait(30)
                if self.path in server.broken or self.path not in server.feeds:
                    self.send_response(500 if self.path in server.broken else 404)
                    self.end_headers()
                    return
                body = server.feeds[self.path]
                etag = f'"{hash(body) & 0xFFFFFFFF:x}"'
                if self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml")
                self.send_header("ETag", etag)
                self.send_header("Last-Modified", server.modified)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def hits(self, path: str) -> list[dict[str, str]]:
        return [h for p, h in self.seen if p == path]


@pytest.fixture
def server() -> Iterator[FeedServer]:
    s = FeedServer()
    thread = threading.Thread(target=s.httpd.serve_forever, daemon=True)
    thread.start()
    yield s
    s.release.set()
    s.httpd.shutdown()
    s.httpd.server_close()


@pytest.fixture
def records() -> list[dict[str, str]]:
    return synthetic_records(4, 3, seed=7)


def _watch(db: Path, *args: str) -> Result:
    return CliRunner().invoke(
        cli, ["watch", "--db", str(db), "--once", "--allow-private", *args], catch_exceptions=False
    )


def _urls(db: Path) -> list[str]:
    with open_store(db, readonly=True) as store:
        return sorted(r[0] for r in store.conn.execute("SELECT url FROM articles"))


def test_second_round_sends_validators_gets_304_and_adds_nothing(
    tmp_path: Path,
    server: FeedServer,
    records: list[dict[str, str]],
    fake_embedder: HashingEmbedder,
) -> None:
    server.feeds["/a.xml"] = rss(records[:6], "Outlet A")
    server.feeds["/b.xml"] = rss(records[6:], "Outlet B")
    listing = tmp_path / "feeds.txt"
    listing.write_text(f"# my feeds\n{server.base}/a.xml\n\n{server.base}/b.xml  # B\n")
    db = tmp_path / "n.db"

    first = _watch(db, str(listing))
    assert first.exit_code == 0, first.output
    assert "2 read" in first.stderr and "12 new, 0 duplicates" in first.stderr
    assert _urls(db) == sorted(r["url"] for r in records)
    assert "If-None-Match" not in server.hits("/a.xml")[0]

    second = _watch(db, str(listing))
    assert second.exit_code == 0, second.output
    assert "2 not modified" in second.stderr and "0 new" in second.stderr
    sent = server.hits("/a.xml")[1]
    assert sent["If-None-Match"].startswith('"')  # the ETag of the first answer
    assert sent["If-Modified-Since"] == server.modified
    assert len(_urls(db)) == 12

    # A changed feed is read again: only its new item is added, the rest are duplicates.
    extra = synthetic_records(1, 1, seed=99)
    extra[0]["url"] = "https://new.example/1"
    server.feeds["/a.xml"] = rss(records[:6] + extra, "Outlet A")
    third = _watch(db, str(listing))
    assert "1 read, 1 not modified" in third.stderr and "1 new, 6 duplicates" in third.stderr
    with open_store(db) as store:
        assert check_store(store.conn) == []


def test_failing_feed_is_reported_backs_off_and_others_go_on(
    tmp_path: Path,
    server: FeedServer,
    records: list[dict[str, str]],
    fake_embedder: HashingEmbedder,
) -> None:
    server.feeds["/a.xml"] = rss(records, "Outlet A")
    server.broken.add("/down.xml")
    db = tmp_path / "n.db"
    feeds = [f"{server.base}/down.xml", f"{server.base}/a.xml"]

    first = _watch(db, *feeds)
    assert first.exit_code == 0, first.output
    assert "down.xml: the server answered HTTP 500" in first.stderr
    assert "1 read" in first.stderr and "1 failed" in first.stderr and "12 new" in first.stderr
    assert len(_urls(db)) == 12

    second = _watch(db, *feeds)
    assert "1 backing off" in second.stderr and "1 not modified" in second.stderr
    assert len(server.hits("/down.xml")) == 1  # not asked again while it backs off
    with open_store(db) as store:
        state = load_state(store, feeds[0])
        assert state.failures == 1 and "HTTP 500" in state.error
        assert state.retry_after > time.time()


def test_stop_mid_feed_keeps_committed_items_and_the_next_poll_reads_it_again(
    tmp_path: Path,
    server: FeedServer,
    records: list[dict[str, str]],
    fake_embedder: HashingEmbedder,
) -> None:
    server.feeds["/a.xml"] = rss(records, "Outlet A")
    url = f"{server.base}/a.xml"
    with open_store(tmp_path / "n.db") as store:
        asked = iter(range(100))
        poll = poll_feed(store, url, every=600, allow_private=True, stop=lambda: next(asked) >= 5)
        assert poll.status == "stopped" and poll.report.added == 5
        assert load_state(store, url).etag == ""  # not saved: the feed is not done
        again = poll_feed(store, url, every=600, allow_private=True)
        assert "If-None-Match" not in server.hits("/a.xml")[1]
        assert (again.status, again.report.added, again.report.duplicates) == ("read", 7, 5)
        assert load_state(store, url).etag


def test_sigkill_mid_round_then_restart_stores_every_item_once(
    tmp_path: Path, server: FeedServer, records: list[dict[str, str]]
) -> None:
    server.feeds["/a.xml"] = rss(records[:6], "Outlet A")
    server.feeds["/b.xml"] = rss(records[6:], "Outlet B")
    server.slow.add("/b.xml")
    db = tmp_path / "n.db"
    args = [*NEWSFUSE, "watch", "--db", str(db), "--allow-private"]
    feeds = [f"{server.base}/a.xml", f"{server.base}/b.xml"]
    env = {**os.environ, "NEWSFUSE_EMBEDDER": "hashing"}
    proc = subprocess.Popen([*args, *feeds], env=env, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while not server.hits("/b.xml") and time.monotonic() < deadline:
            time.sleep(0.1)
        assert server.hits("/b.xml"), "the watcher never reached the second feed"
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM articles").fetchone() == (6,)
    server.slow.clear()
    server.release.set()
    done = subprocess.run([*args, "--once", *feeds], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "1 read, 1 not modified" in done.stderr and "6 new, 0 duplicates" in done.stderr
    assert _urls(db) == sorted(r["url"] for r in records)


def test_sigterm_between_rounds_exits_130(
    tmp_path: Path, server: FeedServer, records: list[dict[str, str]]
) -> None:
    server.feeds["/a.xml"] = rss(records, "Outlet A")
    db = tmp_path / "n.db"
    cmd = [*NEWSFUSE, "watch", "--db", str(db), "--allow-private"]
    env = {**os.environ, "NEWSFUSE_EMBEDDER": "hashing"}
    proc = subprocess.Popen(
        [*cmd, f"{server.base}/a.xml"], env=env, stderr=subprocess.PIPE, text=True
    )
    assert proc.stderr is not None
    line = proc.stderr.readline()
    while "round 1" not in line and line:
        line = proc.stderr.readline()
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(10) == 130
    assert "stopped" in proc.stderr.read()
    proc.stderr.close()
    assert len(_urls(db)) == 12


@pytest.mark.parametrize("every", ["10", "5 minutes", "0s", "-1m", "1s"])
def test_bad_every_exits_2_with_the_fix(tmp_path: Path, every: str) -> None:
    result = CliRunner().invoke(
        cli, ["watch", "--db", str(tmp_path / "n.db"), "--every", every, "x"]
    )
    assert result.exit_code == 2
    assert "--every" in result.stderr and (
        "30s, 10m" in result.stderr or "less often" in result.stderr
    )
    assert not (tmp_path / "n.db").exists()


def test_feed_lists_text_and_opml(tmp_path: Path) -> None:
    feed = tmp_path / "local.xml"
    feed.write_bytes(rss(synthetic_records(1, 1), "Local"))
    opml = tmp_path / "subs.opml"
    opml.write_text(
        '<?xml version="1.0"?><opml version="2.0"><body><outline text="News">'
        '<outline type="rss" xmlUrl="https://a.example/feed#x"/>'
        '<outline type="rss" xmlUrl="https://b.example/rss"/></outline></body></opml>'
    )
    listing = tmp_path / "list.txt"
    listing.write_text("local.xml\nhttps://b.example/rss\n")
    assert expand_feeds([str(opml), str(listing), str(feed)]) == [
        "https://a.example/feed#x",
        "https://b.example/rss",
        str(feed),
    ]
    listing.write_text("https://ok.example/rss\nnot a feed\n")
    with pytest.raises(InputError, match=r"list.txt line 2: 'not a feed' is neither"):
        expand_feeds([str(listing)])


def test_local_feed_file_is_read_again_only_when_it_changes(
    tmp_path: Path, fake_embedder: HashingEmbedder
) -> None:
    feed = tmp_path / "local.xml"
    feed.write_bytes(rss(synthetic_records(2, 2, seed=3), "Local"))
    db = tmp_path / "n.db"
    assert "4 new" in _watch(db, str(feed)).stderr
    assert "1 not modified" in _watch(db, str(feed)).stderr


def test_a_bad_item_is_skipped_and_the_rest_of_its_feed_stored(
    tmp_path: Path,
    server: FeedServer,
    records: list[dict[str, str]],
    fake_embedder: HashingEmbedder,
) -> None:
    feed = rss(records[:3], "Outlet A").replace(
        b"</channel>", b"<item><guid>empty-1</guid><title>No text</title></item></channel>"
    )
    server.feeds["/a.xml"] = feed
    result = _watch(tmp_path / "n.db", f"{server.base}/a.xml")
    assert result.exit_code == 0, result.output
    assert "skipped" in result.stderr and "entry 4" in result.stderr
    assert "1 read" in result.stderr and "3 new, 0 duplicates, 1 unreadable" in result.stderr


def test_loopback_is_refused_without_allow_private(
    tmp_path: Path,
    server: FeedServer,
    records: list[dict[str, str]],
    fake_embedder: HashingEmbedder,
) -> None:
    server.feeds["/a.xml"] = rss(records, "Outlet A")
    db = tmp_path / "n.db"
    result = CliRunner().invoke(cli, ["watch", "--db", str(db), "--once", f"{server.base}/a.xml"])
    assert result.exit_code == 1 and "every feed failed" in result.stderr
    assert "a private or local address" in result.stderr and "1 failed" in result.stderr
    assert server.seen == [] and _urls(db) == []
