"""How much one request may ask of the server, and the ASGI middleware that caps body size.

The body cap is enforced twice: up front from ``Content-Length`` (so an honest client gets its
413 before sending anything), and while the body streams in (so a client that lies, or sends
chunked, is cut off as soon as it passes the cap instead of after it has been buffered).

Whatever the answer (413, 415, 422, 401...), a body the app did not read is drained, up to
``DRAIN_BYTES``, before the response starts: a client that writes its whole body before reading
(Python's urllib) would otherwise get a connection reset instead of the answer, since closing a
socket with unread data makes the kernel send RST. Drained bytes are discarded, never kept.
"""

from __future__ import annotations

import json
import math
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["DRAIN_BYTES", "BodyLimitMiddleware", "BodyTooLarge", "RateLimiter", "WebLimits"]

DRAIN_BYTES = 64 * 1024 * 1024
"""Most unread body bytes discarded so that a client can read the answer; past this the
connection is closed (as nginx's lingering close gives up after a bound too)."""


@dataclass(frozen=True, slots=True)
class WebLimits:
    """Per-request limits of the web app. Over a size limit: 413; malformed: 422."""

    max_body_bytes: int = 8 * 1024 * 1024
    """Largest request body. 8 MiB holds dozens of saved news pages (a typical one is 100-500 KB
    of HTML) while keeping a hostile upload from filling memory."""

    max_articles: int = 50
    """Most articles in one briefing request. Brief building is roughly quadratic in sentences,
    so this bounds the worst-case request time (and the page is unreadable beyond it anyway)."""

    max_article_chars: int = 100_000
    """Longest article text, in characters, before cleaning. Long-form news runs 5,000-40,000;
    anything past 100,000 is a book, a data dump or a failed extraction."""

    max_words: int = 1000
    """Largest summary word budget a client may ask for."""

    max_concurrent_briefs: int = 2
    """Briefs built at once, each in a worker thread. Model inference is CPU-bound; more
    threads than this only make every request slower. Further requests wait their turn."""

    max_waiting_briefs: int = 16
    """Requests that may wait for a worker. One more is answered 503 with ``Retry-After``
    at once, instead of queueing without bound while its client times out."""

    time_limit: float = 60.0
    """Seconds one briefing may take, counted from when the request is accepted (so waiting
    for a worker counts too); past it the work stops at its next checkpoint and the answer is
    503 with ``Retry-After``. 60 s is what a proxy in front waits by default (nginx's
    ``proxy_read_timeout``): a longer brief would reach no one. The Munich example takes about
    1 s (``benchmarks/web_load.py``);
    the 50 documents of two DUC 2006 topics (about 700 words each) took 70 s on two shared cores
    (``benchmarks/story_size.py --only duc``), so on such a machine a request of ``max_articles``
    long articles is refused, with the advice to send fewer."""

    expensive_per_minute: int = 60
    """Expensive requests (briefs, adding articles) one client address may make in any 60
    seconds; one more is answered 429 with ``Retry-After``. A person using the page makes a
    few a minute; a script looping on the API is slowed to this pace."""


class RateLimiter:
    """A sliding 60-second window of request times per client (event-loop thread only)."""

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.per_minute = per_minute
        self.clock = clock
        self._seen: dict[str, deque[float]] = {}

    def retry_after(self, client: str) -> int:
        """0 and the request is counted, or the whole seconds until the client may retry."""
        now = self.clock()
        times = self._seen.setdefault(client, deque())
        while times and times[0] <= now - 60.0:
            times.popleft()
        if len(times) >= self.per_minute:
            return max(1, math.ceil(times[0] + 60.0 - now))
        times.append(now)
        if len(self._seen) > 10_000:  # forget idle clients so the table stays small
            for key in [k for k, v in self._seen.items() if not v or v[-1] <= now - 60.0]:
                del self._seen[key]
        return 0


class BodyTooLarge(HTTPException):
    """Raised from ``receive`` when the body passes the cap.

    An ``HTTPException`` on purpose: FastAPI turns any other exception raised while it reads the
    body into a 400, but lets this one through to the app's handler, which answers 413.
    """

    def __init__(self, limit: int) -> None:
        super().__init__(
            status_code=413,
            detail=f"request body is larger than the {limit:,}-byte limit; "
            "send fewer or smaller articles",
        )


class BodyLimitMiddleware:
    """Pure ASGI middleware: answer 413 (JSON) for bodies over ``max_bytes``."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        # curl and httpx-style clients that ask first get their answer before sending anything.
        asks_first = any(k == b"expect" for k, _ in scope.get("headers", ()))
        received = 0
        body_done = False
        started = False

        async def drain() -> None:
            nonlocal received, body_done
            while not body_done and not asks_first and received <= DRAIN_BYTES:
                message = await receive()
                if message["type"] != "http.request":
                    break
                received += len(message.get("body", b""))
                body_done = not message.get("more_body", False)

        if declared is not None and declared > self.max_bytes:
            await drain()
            await _send_413(send, BodyTooLarge(self.max_bytes))
            return

        async def limited_receive() -> Message:
            nonlocal received, body_done
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                body_done = not message.get("more_body", False)
                if received > self.max_bytes:
                    raise BodyTooLarge(self.max_bytes)
            return message

        async def watched_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                await drain()
            await send(message)

        try:
            await self.app(scope, limited_receive, watched_send)
        except BodyTooLarge as exc:
            # Reached only if the overflow surfaced outside a route (the app's handler answers
            # it otherwise); once a response has started there is nothing left to say.
            if started:
                raise
            await drain()
            await _send_413(send, exc)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


async def _send_413(send: Send, exc: BodyTooLarge) -> None:
    # The rest of the body is never read; the connection cannot be reused.
    await send_json(send, 413, {"error": exc.detail}, [(b"connection", b"close")])


async def send_json(
    send: Send,
    status: int,
    payload: dict[str, object],
    headers: list[tuple[bytes, bytes]] | None = None,
) -> None:
    """Answer with ``payload`` as JSON from raw ASGI (middleware that runs outside FastAPI)."""
    body = json.dumps(payload).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                *(headers or []),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
