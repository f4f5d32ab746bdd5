"""The app under a real uvicorn on loopback: limits over a real socket, and brief building kept
off the event loop (other requests are served while briefs are being built)."""

from __future__ import annotations

import threading

import httpx
import pytest
from web_fakes import CountingBuilder

from newsfuse.embed import HashingEmbedder
from newsfuse.web import WebLimits, create_app
from newsfuse.web.server import running_server

GOOD = {"articles": [{"text": "Talks began in Munich on Thursday."}]}


@pytest.fixture
def live():
    builder = CountingBuilder()
    limits = WebLimits(max_body_bytes=256 * 1024, max_concurrent_briefs=2)
    app = create_app(
        limits=limits, brief_builder=builder, embedder=HashingEmbedder(), warm_up=False
    )
    with running_server(app) as url:
        yield url, builder


def test_oversized_bodies_get_413_json_and_the_server_keeps_serving(live):
    url, _ = live
    with httpx.Client(base_url=url, timeout=30) as http:
        big = b"x" * (300 * 1024)
        r = http.post("/api/brief", content=big, headers={"content-type": "application/json"})
        assert r.status_code == 413 and "byte limit" in r.json()["error"]

        def chunked():  # no Content-Length: the server must count while reading
            for _ in range(100):
                yield b"x" * 4096

        r = http.post("/api/brief", content=chunked(), headers={"content-type": "application/json"})
        assert r.status_code == 413 and "byte limit" in r.json()["error"]
        r = http.post("/api/brief", content=b"{oops", headers={"content-type": "application/json"})
        assert r.status_code == 422
        r = http.post("/api/brief", json=GOOD)
        assert r.status_code == 200
        assert r.json()["story"]["articles"][0]["text"] == GOOD["articles"][0]["text"]


def test_briefs_run_in_at_most_n_threads_while_the_loop_keeps_serving(live):
    url, builder = live
    builder.delay = 1.5
    statuses: list[int] = []

    def post() -> None:
        with httpx.Client(base_url=url, timeout=60) as http:
            statuses.append(http.post("/api/brief", json=GOOD).status_code)

    threads = [threading.Thread(target=post) for _ in range(5)]
    for t in threads:
        t.start()
    with httpx.Client(base_url=url, timeout=30) as http:
        while builder.active == 0:  # wait until briefs are being built
            threading.Event().wait(0.01)
        assert http.get("/api/stories").status_code == 200
        assert http.get("/").status_code == 200
        # Both answered while builds were still running: the event loop was not blocked.
        assert builder.active > 0
    for t in threads:
        t.join(timeout=60)
    assert statuses == [200] * 5
    assert builder.max_active == 2  # the limit, reached and never passed
    assert builder.calls == 5


def test_requests_past_the_waiting_room_get_503_with_retry_after():
    builder = CountingBuilder(delay=1.5)
    limits = WebLimits(max_concurrent_briefs=1, max_waiting_briefs=1)
    app = create_app(
        limits=limits, brief_builder=builder, embedder=HashingEmbedder(), warm_up=False
    )
    statuses: list[int] = []
    with running_server(app) as url:

        def post() -> None:
            with httpx.Client(base_url=url, timeout=60) as http:
                statuses.append(http.post("/api/brief", json=GOOD).status_code)

        first = [threading.Thread(target=post) for _ in range(2)]  # one builds, one waits
        for t in first:
            t.start()
        while app.state.runtime.pending < 2:  # one building, one in the waiting room
            threading.Event().wait(0.01)
        with httpx.Client(base_url=url, timeout=30) as http:
            r = http.post("/api/brief", json=GOOD)
            assert r.status_code == 503 and r.headers["retry-after"] == "5"
            assert "busy" in r.json()["error"]
        for t in first:
            t.join(timeout=60)
        assert statuses == [200, 200]
        with httpx.Client(base_url=url, timeout=30) as http:  # and it recovers
            assert http.post("/api/brief", json=GOOD).status_code == 200
