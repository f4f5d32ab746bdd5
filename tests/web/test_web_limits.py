"""The body-size middleware at the ASGI level: the app sees nothing past the cap, and the rest
is drained (and discarded, up to a bound) so the client can read the 413."""

from __future__ import annotations

import json

import anyio

from newsfuse.web import limits
from newsfuse.web.limits import BodyLimitMiddleware


async def _echo_app(scope, receive, send):
    """Reads the whole body, then answers 200 with its length."""
    size = 0
    while True:
        message = await receive()
        size += len(message.get("body", b""))
        if not message.get("more_body"):
            break
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": str(size).encode()})


def _run(app, chunks, headers=()):
    pulled = []
    sent = []

    async def receive():
        i = len(pulled)
        pulled.append(i)
        return {"type": "http.request", "body": chunks[i], "more_body": i + 1 < len(chunks)}

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": "POST", "path": "/", "headers": list(headers)}
    anyio.run(app, scope, receive, send)
    return pulled, sent


def test_the_app_stops_at_the_first_chunk_past_the_cap_and_the_rest_is_drained():
    seen = []

    async def counting_app(scope, receive, send):
        while True:
            message = await receive()
            seen.append(len(message["body"]))
            if not message.get("more_body"):
                break

    app = BodyLimitMiddleware(counting_app, max_bytes=10_000)
    pulled, sent = _run(app, [b"x" * 4000] * 50)
    assert seen == [4000, 4000]  # the third chunk passed the cap: the app got an error instead
    assert len(pulled) == 50  # the rest was read off the socket, so the client sees the answer
    assert sent[0]["status"] == 413
    assert "10,000-byte limit" in json.loads(sent[1]["body"])["error"]


def test_draining_is_bounded(monkeypatch):
    monkeypatch.setattr(limits, "DRAIN_BYTES", 20_000)
    app = BodyLimitMiddleware(_echo_app, max_bytes=10_000)
    pulled, sent = _run(app, [b"x" * 4000] * 50)
    assert len(pulled) < 10 and sent[0]["status"] == 413


def test_a_client_that_asks_first_is_answered_without_reading():
    app = BodyLimitMiddleware(_echo_app, max_bytes=10)
    headers = [(b"content-length", b"100"), (b"expect", b"100-continue")]
    pulled, sent = _run(app, [b"x" * 100], headers=headers)
    assert pulled == [] and sent[0]["status"] == 413


def test_declared_length_over_the_cap_is_refused_before_the_app_runs():
    app = BodyLimitMiddleware(_never_called, max_bytes=10)
    pulled, sent = _run(app, [b"x" * 100], headers=[(b"content-length", b"100")])
    assert pulled == [0] and sent[0]["status"] == 413  # drained, then answered


async def _never_called(scope, receive, send):
    raise AssertionError("the app ran")


def test_bodies_within_the_cap_pass_through():
    app = BodyLimitMiddleware(_echo_app, max_bytes=10_000)
    _, sent = _run(app, [b"x" * 5000, b"y" * 5000])
    assert sent[0]["status"] == 200 and sent[1]["body"] == b"10000"


def test_a_lying_content_length_is_still_counted():
    app = BodyLimitMiddleware(_echo_app, max_bytes=100)
    _, sent = _run(app, [b"x" * 80, b"x" * 80], headers=[(b"content-length", b"10")])
    assert sent[0]["status"] == 413
