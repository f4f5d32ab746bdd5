"""The FastAPI application: wiring, error responses, security headers, static page.

``create_app`` takes every heavy or stateful part as an argument (brief builder, embedder,
store) so tests inject small fakes; left out, the real ones are imported here, once, and the
embedder is loaded at startup rather than on the first request.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
import os
import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any

import anyio
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsfuse.embed import Embedder
from newsfuse.errors import (
    InputError,
    LimitError,
    NewsfuseError,
    NotFoundError,
    StoppedError,
    StoreError,
)
from newsfuse.models import Article, Story
from newsfuse.settings import DEFAULT, Settings
from newsfuse.web.limits import BodyLimitMiddleware, WebLimits, send_json
from newsfuse.web.routes import BriefBuilder, Runtime, StoryStore, router
from newsfuse.web.schemas import ArticlesRequest, BriefRequest

__all__ = ["create_app"]

log = logging.getLogger("newsfuse.web")

STATIC = Path(str(resources.files("newsfuse.web") / "static"))

# The page loads nothing but its own files; inline script, eval, plugins and framing are all
# refused, so even a rendering bug cannot turn article text into running code.
_SECURITY_HEADERS = [
    (
        b"content-security-policy",
        b"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        b"connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
        b"frame-ancestors 'none'",
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]


def create_app(
    settings: Settings = DEFAULT,
    *,
    limits: WebLimits = WebLimits(),  # noqa: B008 - frozen dataclass, safe as a default
    brief_builder: BriefBuilder | None = None,
    embedder: Embedder | None = None,
    embedder_factory: Callable[[], Embedder] | None = None,
    store: StoryStore | None = None,
    store_path: Path | None = None,
    warm_up: bool = True,
    token: str | None = None,
) -> FastAPI:
    """The web app.

    ``brief_builder`` defaults to ``newsfuse.compare.brief.build.build_brief``. ``embedder`` is used
    as given; without it ``embedder_factory`` (default: the MiniLM model) runs once at startup.
    ``store`` is used as given; else ``store_path`` is opened with ``newsfuse.store``; with
    neither, the story endpoints answer that the server has no store. ``warm_up`` builds one
    tiny brief at startup, so lazy model loads (spaCy) happen before the first user request
    and a broken install fails at startup rather than on it. With a ``token``, every ``/api/``
    request must carry ``Authorization: Bearer <token>`` (401 otherwise).
    """
    if token is not None and not token.strip():
        raise InputError("the access token is empty; put a long random string in it")
    if brief_builder is None:
        from newsfuse.compare.brief.build import build_brief

        brief_builder = build_brief
    if embedder is None and embedder_factory is None:
        from newsfuse.embed import default_embedder

        embedder_factory = default_embedder
    runtime = Runtime(settings, limits, brief_builder, embedder, store)
    owns_store = store is None and store_path is not None
    if owns_store:
        assert store_path is not None
        # Articles are added with the app's embedder when one was given (else the store loads
        # the same process-wide default the app does).
        opening = runtime.store_thread.submit(_open_store, store_path, embedder)
        runtime.store = opening.result()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        runtime.brief_slots = anyio.CapacityLimiter(limits.max_concurrent_briefs)
        if runtime.embedder is None and embedder_factory is not None:
            runtime.embedder = await anyio.to_thread.run_sync(embedder_factory)
        if warm_up:
            await runtime.brief(lambda: _WARM_UP, settings)
        yield
        close = getattr(runtime.store, "close", None)
        if owns_store and callable(close):  # a store passed in belongs to the caller
            await asyncio.wrap_future(runtime.store_thread.submit(close))

    app = FastAPI(
        title="newsfuse",
        summary="One cited briefing from many news reports of the same events.",
        version=_version(),
        lifespan=lifespan,
        openapi_url="/api/openapi.json",
        # The interactive docs pages load their scripts from a CDN; the schema is enough.
        docs_url=None,
        redoc_url=None,
    )
    app.state.runtime = runtime
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    app.include_router(router)
    _add_error_handlers(app)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/", include_in_schema=False)
    async def index() -> FileResponse:
        return FileResponse(STATIC / "index.html", headers={"cache-control": "no-cache"})

    if token is not None:  # inside the body limit, so a refused body is drained too
        app.add_middleware(TokenAuthMiddleware, token=token.strip())
    app.add_middleware(BodyLimitMiddleware, max_bytes=limits.max_body_bytes)
    app.add_middleware(UnexpectedErrorMiddleware)
    app.add_middleware(SecurityHeadersMiddleware)
    return app


_WARM_UP = Story(
    "warm-up",
    (
        Article("a", "Ministers met in Munich on Thursday. They agreed on a truce.", source="A"),
        Article("b", "The ministers met in Munich. “It is a start,” Kerry said.", source="B"),
    ),
)


def _openapi(app: FastAPI) -> dict[str, Any]:
    """FastAPI's schema plus ``BriefRequest`` and ``ArticlesRequest``, which the two POST
    endpoints parse by hand (so a wrong media type is a 415 and ``/api/brief`` can take a form
    too)."""
    if app.openapi_schema is None:
        schema = get_openapi(
            title=app.title, version=app.version, summary=app.summary, routes=app.routes
        )
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        for model in (BriefRequest, ArticlesRequest):
            extra = model.model_json_schema(ref_template="#/components/schemas/{model}")
            components.update(extra.pop("$defs", {}))
            components[model.__name__] = extra
        app.openapi_schema = schema
    return app.openapi_schema


def _open_store(path: Path, embedder: Embedder | None) -> StoryStore:
    try:
        # Typed loosely until the store lands in this tree; the Protocol says what is used.
        from newsfuse.store import open_store  # type: ignore[import-not-found, unused-ignore]
    except ImportError as exc:
        raise StoreError(
            f"this newsfuse has no article store ({exc}); start the server without a database"
        ) from exc
    # A store this user cannot write (read-only media, another user's file) is still served;
    # adding articles then answers 503 and briefs are not cached.
    writable = not path.exists() or (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK))
    if writable:
        store: StoryStore = open_store(path, embedder=embedder)
        return store
    log.warning("%s is read-only: serving it without adding articles or caching briefs", path)
    store = open_store(path, embedder=embedder, readonly=True)
    return store


RETRY_STOPPED = "10"
"""``Retry-After`` seconds of a brief stopped by its time limit or a shutdown: by then the
server is likely less busy, or back up."""


def error_status(exc: NewsfuseError) -> int:
    """HTTP status of a library error: 413 over a limit, 404 missing, 422 other bad input,
    503 when the store cannot be used or the work was stopped (time limit, disconnect,
    shutdown), 500 otherwise (a broken install)."""
    if isinstance(exc, LimitError):
        return 413
    if isinstance(exc, NotFoundError):
        return 404
    if isinstance(exc, InputError):
        return 422
    if isinstance(exc, StoreError | StoppedError):
        return 503
    return 500


def _add_error_handlers(app: FastAPI) -> None:
    # Every error body is {"error": "<what went wrong and what to do>"}, which the page shows.

    @app.exception_handler(NewsfuseError)
    async def newsfuse_error(request: Request, exc: NewsfuseError) -> JSONResponse:
        status = error_status(exc)
        if isinstance(exc, StoppedError):
            log.warning("%s %s: %s", request.method, request.url.path, exc)
            return JSONResponse(
                {"error": str(exc)}, status_code=status, headers={"retry-after": RETRY_STOPPED}
            )
        if status >= 500:
            log.error("%s %s: %s", request.method, request.url.path, exc)
        return JSONResponse({"error": str(exc)}, status_code=status)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse(
            {"error": describe_validation(exc.errors()), "detail": _jsonable(exc.errors())},
            status_code=422,
        )

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> JSONResponse:
        return JSONResponse(
            {"error": str(exc.detail)}, status_code=exc.status_code, headers=exc.headers
        )


def describe_validation(errors: object) -> str:
    """One readable line from pydantic's error list (``articles.0.text: Field required``)."""
    parts = []
    if isinstance(errors, list | tuple):
        for err in errors[:3]:
            if isinstance(err, dict):
                loc = ".".join(str(x) for x in err.get("loc", ()) if x != "body")
                parts.append(f"{loc or 'body'}: {err.get('msg', 'invalid')}")
    if not parts:
        return "the request is not valid"
    more = len(errors) - 3 if isinstance(errors, list | tuple) else 0
    return "invalid request: " + "; ".join(parts) + (f" (and {more} more)" if more > 0 else "")


def _jsonable(errors: object) -> object:
    # pydantic puts the offending input (possibly bytes or an exception) in "input"/"ctx".
    if isinstance(errors, list | tuple):
        return [
            {k: v for k, v in e.items() if k in ("loc", "msg", "type")}
            for e in errors
            if isinstance(e, dict)
        ]
    return []


class TokenAuthMiddleware:
    """Pure ASGI: every ``/api/`` request needs ``Authorization: Bearer <token>``; the page and
    its files stay public (the page asks for the token). Compared in constant time."""

    def __init__(self, app: ASGIApp, token: str) -> None:
        self.app = app
        self.expected = f"Bearer {token}".encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith("/api/"):
            await self.app(scope, receive, send)
            return
        given = b""
        for name, value in scope.get("headers", ()):
            if name == b"authorization":
                given = value
        if hmac.compare_digest(given, self.expected):
            await self.app(scope, receive, send)
            return
        problem = "wrong access token" if given else "this server needs an access token"
        await send_json(
            send,
            401,
            {"error": f"{problem}; send the header Authorization: Bearer <token>"},
            [(b"www-authenticate", b'Bearer realm="newsfuse"')],
        )


class UnexpectedErrorMiddleware:
    """Pure ASGI: a bug (an exception no handler knows) is logged with its traceback under a
    request id and answered as a JSON 500 naming that id. It sits inside the security headers
    middleware, so this answer carries them too (starlette's own 500 is outside every
    middleware)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def watched_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, watched_send)
        except Exception:
            request_id = uuid.uuid4().hex[:12]
            log.exception("request %s: %s %s failed", request_id, scope["method"], scope["path"])
            if started:  # nothing more can be said once a response has begun
                raise
            await send_json(
                send,
                500,
                {
                    "error": f"internal error (request id {request_id}); the server log has the "
                    "details: please report it",
                    "request_id": request_id,
                },
                [(b"x-request-id", request_id.encode())],
            )


class SecurityHeadersMiddleware:
    """Pure ASGI: add the security headers to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", ()), *_SECURITY_HEADERS]}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("newsfuse")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "0"
