"""The per-request time limit, stopping a brief whose client went away, and a server that
stops promptly on SIGTERM while a brief is being built."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from web_fakes import SlowBuilder

from newsfuse.embed import HashingEmbedder
from newsfuse.errors import BudgetExceeded, WorkCancelled
from newsfuse.web import WebLimits, create_app
from newsfuse.web.server import running_server

SLOW = {"articles": [{"text": "SLOW talks began in Munich on Thursday."}]}
QUICK = {"articles": [{"text": "Talks began in Munich on Thursday."}]}


def _app(builder: SlowBuilder, time_limit: float = 60.0):
    limits = WebLimits(time_limit=time_limit, max_concurrent_briefs=2)
    return create_app(
        limits=limits, brief_builder=builder, embedder=HashingEmbedder(), warm_up=False
    )


def test_a_brief_over_the_time_limit_gets_503_and_the_next_is_served():
    builder = SlowBuilder()
    with TestClient(_app(builder, time_limit=0.3)) as client:
        start = time.monotonic()
        r = client.post("/api/brief", json=SLOW)
        assert time.monotonic() - start < 5
        assert r.status_code == 503 and r.headers["retry-after"] == "10"
        assert r.json()["error"] == (
            "the request would take longer than its 0.3 s time limit and was stopped; send "
            "fewer or shorter articles, or ask whoever runs the server to raise its time limit "
            "(newsfuse serve --time-limit, or NEWSFUSE_TIME_LIMIT)"
        )
        assert isinstance(builder.stopped[0], BudgetExceeded)
        r = client.post("/api/brief", json=QUICK)
        assert r.status_code == 200


def test_a_brief_asked_for_once_the_server_is_stopping_is_refused_at_once():
    builder = SlowBuilder()
    with TestClient(_app(builder)) as client:
        client.app.state.runtime.cancel_all("the server is shutting down; retry in a moment")
        r = client.post("/api/brief", json=QUICK)
        assert r.status_code == 503 and r.headers["retry-after"] == "10"
        assert r.json()["error"] == "the server is shutting down; retry in a moment"
        assert client.app.state.runtime.active == set()


def test_other_requests_are_served_while_a_brief_runs_out_its_time():
    builder = SlowBuilder()
    statuses: list[int] = []
    with running_server(_app(builder, time_limit=2.0)) as url:

        def slow() -> None:
            with httpx.Client(base_url=url, timeout=30) as http:
                statuses.append(http.post("/api/brief", json=SLOW).status_code)

        thread = threading.Thread(target=slow)
        thread.start()
        assert builder.started.wait(5)
        with httpx.Client(base_url=url, timeout=30) as http:
            start = time.monotonic()
            assert http.post("/api/brief", json=QUICK).status_code == 200
            assert http.get("/api/stories").status_code == 200
            assert time.monotonic() - start < 1.5  # served while the slow one still runs
        thread.join(10)
    assert statuses == [503]


def test_a_client_that_disconnects_stops_its_brief():
    builder = SlowBuilder()
    with running_server(_app(builder)) as url:
        with httpx.Client(base_url=url, timeout=0.5) as http, pytest.raises(httpx.ReadTimeout):
            http.post("/api/brief", json=SLOW)
        assert builder.finished.wait(5)  # far sooner than the 30 s of work or the 60 s limit
    assert isinstance(builder.stopped[0], WorkCancelled)
    assert "the client disconnected" in str(builder.stopped[0])


def test_leaving_running_server_cancels_the_briefs_in_flight():
    builder = SlowBuilder()
    answers: list[httpx.Response] = []
    with running_server(_app(builder)) as url:

        def slow() -> None:
            with httpx.Client(base_url=url, timeout=30) as http:
                answers.append(http.post("/api/brief", json=SLOW))

        thread = threading.Thread(target=slow)
        thread.start()
        assert builder.started.wait(5)
        start = time.monotonic()
    assert time.monotonic() - start < 5
    thread.join(5)
    assert answers[0].status_code == 503
    assert "shutting down" in answers[0].json()["error"]


_SERVER = """
import sys
sys.path.insert(0, {tests!r})
from web_fakes import SlowBuilder
from newsfuse.embed import HashingEmbedder
from newsfuse.web import create_app
from newsfuse.web.server import serve

app = create_app(brief_builder=SlowBuilder(), embedder=HashingEmbedder(), warm_up=False)
serve(app, "127.0.0.1", {port}, "warning")
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _wait_up(url: str, proc: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, proc.communicate()[1]
        try:
            httpx.get(url + "/api/stories", timeout=1)
            return
        except httpx.TransportError:
            time.sleep(0.1)
    raise AssertionError("the server did not start")


def _sigterm_during_a_brief(
    cmd: list[str],
    url: str,
    body: dict[str, object],
    env=None,
    after: float = 1.0,
    sig: signal.Signals = signal.SIGTERM,
):
    proc = subprocess.Popen(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env
    )
    try:
        _wait_up(url, proc)
        answers: list[httpx.Response] = []

        def post() -> None:
            answers.append(httpx.post(url + "/api/brief", json=body, timeout=120))

        thread = threading.Thread(target=post)
        thread.start()
        time.sleep(after)  # the brief is under way
        assert not answers
        start = time.monotonic()
        proc.send_signal(sig)
        _, log = proc.communicate(timeout=10)
        stopped_in = time.monotonic() - start
        thread.join(5)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert stopped_in < 5, (stopped_in, log)
    # SIGTERM ends the process as SIGTERM does; Ctrl-C is a normal stop, as with uvicorn.run.
    assert proc.returncode == (-sig if sig == signal.SIGTERM else 0), log
    assert answers and answers[0].status_code == 503
    assert "shutting down" in answers[0].json()["error"]


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_sigterm_stops_a_server_that_is_building_a_brief(sig):
    port = _free_port()
    script = _SERVER.format(tests=str(Path(__file__).parent), port=port)
    cmd = [sys.executable, "-c", textwrap.dedent(script)]
    _sigterm_during_a_brief(cmd, f"http://127.0.0.1:{port}", SLOW, sig=sig)


@pytest.mark.slow
def test_sigterm_stops_newsfuse_serve_during_a_long_real_brief():
    """The real command and builder (spaCy; the hashing embedder) on a long but valid story."""
    port = _free_port()
    words = "The ministers met in Munich on Thursday and agreed on {n} points of a truce. "
    articles = [
        {"text": "".join(words.format(n=n + k) for n in range(1200)), "source": f"S{k}"}
        for k in range(40)
    ]
    cmd = [
        sys.executable,
        "-c",
        "from newsfuse.cli import main; main()",
        "serve",
        "--port",
        str(port),
        "--log-level",
        "warning",
    ]
    env = {**os.environ, "NEWSFUSE_EMBEDDER": "hashing", "NEWSFUSE_DB": ""}
    # After 6 s the brief is parsing (spaCy), the longest step between checkpoints.
    _sigterm_during_a_brief(cmd, f"http://127.0.0.1:{port}", {"articles": articles}, env, 6.0)
