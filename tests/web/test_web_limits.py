"""The body-size middleware at the ASGI level: it stops reading as soon as the cap is passed."""

from __future__ import annotations

import json

import anyio

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


def test_reading_stops_at_the_first_chunk_past_the_cap():
    app = BodyLimitMiddleware(_echo_app, max_bytes=10_000)
    pulled, sent = _run(app, [b"x" * 4000] * 50)
    assert len(pulled) == 3  # 12,000 bytes read of 200,000 offered
    assert sent[0]["status"] == 413
    assert "10,000-byte limit" in json.loads(sent[1]["body"])["error"]


def test_declared_length_over_the_cap_is_refused_without_reading():
    app = BodyLimitMiddleware(_echo_app, max_bytes=10)
    pulled, sent = _run(app, [b"x" * 100], headers=[(b"content-length", b"100")])
    assert pulled == [] and sent[0]["status"] == 413


def test_bodies_within_the_cap_pass_through():
    app = BodyLimitMiddleware(_echo_app, max_bytes=10_000)
    _, sent = _run(app, [b"x" * 5000, b"y" * 5000])
    assert sent[0]["status"] == 200 and sent[1]["body"] == b"10000"


def test_a_lying_content_length_is_still_counted():
    app = BodyLimitMiddleware(_echo_app, max_bytes=100)
    _, sent = _run(app, [b"x" * 80, b"x" * 80], headers=[(b"content-length", b"10")])
    assert sent[0]["status"] == 413
