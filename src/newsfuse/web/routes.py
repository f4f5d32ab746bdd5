"""The REST endpoints. Each parses the request, calls the library in a worker thread, and returns
the data model's own JSON; errors become ``{"error": ...}`` responses in ``app.py``."""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import json
import logging
from collections.abc import AsyncIterator, Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from dataclasses import dataclass, field, replace
from typing import Annotated, Any, Protocol, TypeVar

import anyio
from fastapi import APIRouter, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ValidationError
from starlette.datastructures import FormData, UploadFile
from starlette.exceptions import HTTPException

from newsfuse.api import make_story
from newsfuse.budget import Budget
from newsfuse.embed import Embedder
from newsfuse.errors import ArticleError, InputError, LimitError, NotFoundError, StoreError
from newsfuse.models import Article, Brief, Story
from newsfuse.settings import Settings
from newsfuse.web.inputs import Upload, articles_from_records, articles_from_uploads
from newsfuse.web.limits import RateLimiter, WebLimits
from newsfuse.web.schemas import BRIEF_FORM_SCHEMA, ArticlesRequest, BriefRequest

__all__ = ["BriefBuilder", "Runtime", "StoryStore", "router"]

T = TypeVar("T")
log = logging.getLogger("newsfuse.web")
M = TypeVar("M", bound=BaseModel)

BriefBuilder = Callable[..., Brief]
"""``newsfuse.compare.brief.build.build_brief`` or a test fake: ``(story, settings, embedder)``,
and ``query=`` and ``background=`` keywords when the reader gives them."""


class StoryStore(Protocol):
    """The part of ``newsfuse.store.Store`` the web app uses."""

    def list_stories(self, since: dt.datetime | None = None) -> Sequence[Any]: ...

    def get_story(self, story_id: str) -> Story: ...

    def add_article(self, article: Article) -> Any: ...

    def get_brief(self, story_id: str, variant: str = "") -> Brief | None: ...

    def put_brief(self, story_id: str, brief: Brief, variant: str = "") -> None: ...

    def read_before(self, story_id: str, since: dt.datetime) -> frozenset[str]: ...


@dataclass(slots=True)
class Runtime:
    """What the endpoints share: configuration, the loaded embedder, and the worker limits."""

    settings: Settings
    limits: WebLimits
    build: BriefBuilder
    embedder: Embedder | None
    store: StoryStore | None
    brief_slots: anyio.CapacityLimiter | None = None
    """Set at startup (it belongs to the running event loop)."""
    store_thread: ThreadPoolExecutor = field(
        default_factory=lambda: ThreadPoolExecutor(1, thread_name_prefix="newsfuse-store")
    )
    """The one thread every store call runs on (and the store is opened on): a database
    connection may only be usable from the thread that made it."""
    pending: int = 0
    """Briefs being built or waiting for a worker."""
    rate: RateLimiter | None = None
    """Per-client limit of expensive requests (made from ``limits`` when not given)."""
    active: set[Budget] = field(default_factory=set)
    """The budgets of the briefs being built or waiting (changed on the event loop thread
    only)."""
    stopping: str | None = None
    """Why the server is stopping, once ``cancel_all`` was called."""

    def __post_init__(self) -> None:
        if self.rate is None:
            self.rate = RateLimiter(self.limits.expensive_per_minute)

    def check_rate(self, request: Request) -> None:
        """429 with ``Retry-After`` when this client is past its expensive requests a minute."""
        client = request.client.host if request.client else "unknown"
        assert self.rate is not None
        wait = self.rate.retry_after(client)
        if wait:
            raise HTTPException(
                429,
                f"too many requests: at most {self.rate.per_minute} briefings or uploads a "
                f"minute from one client; retry in {wait} s",
                headers={"retry-after": str(wait)},
            )

    def cancel_all(self, reason: str) -> None:
        """Stop every brief at its next checkpoint, and any brief asked for from now on.

        Only assigns attributes, so it is safe from a signal handler and from other threads
        (``server.serve`` calls it on SIGTERM: uvicorn's graceful shutdown waits for the
        requests in flight)."""
        self.stopping = reason
        for budget in list(self.active):
            budget.cancel(reason)

    async def brief(
        self,
        work: Callable[[], Story],
        settings: Settings,
        query: str = "",
        background: Callable[[], list[Article]] | None = None,
        request: Request | None = None,
    ) -> Brief:
        """Read the articles and build the brief in a worker thread, at most
        ``limits.max_concurrent_briefs`` at a time, so the event loop keeps serving.
        ``query`` and the articles ``background()`` reads focus it (see ``build_brief``).

        The work runs under a ``Budget`` of ``limits.time_limit`` seconds, cancelled when the
        ``request``'s client disconnects or the server stops (``BudgetExceeded`` and
        ``WorkCancelled`` answer 503)."""
        embedder = self.embedder
        assert embedder is not None and self.brief_slots is not None, "app started without lifespan"
        if self.pending >= self.limits.max_concurrent_briefs + self.limits.max_waiting_briefs:
            raise HTTPException(
                503,
                "the server is busy building other briefings; retry in a few seconds",
                headers={"retry-after": "5"},
            )

        def job() -> Brief:
            focus: dict[str, Any] = {"query": query} if query else {}
            read = background() if background is not None else []
            if read:
                focus["background"] = read
            return self.build(work(), settings, embedder, **focus)

        budget = Budget(self.limits.time_limit, what="the request", fix=_MORE_TIME)
        if self.stopping is not None:
            budget.cancel(self.stopping)
        watcher = asyncio.ensure_future(_watch(request, budget)) if request is not None else None
        self.pending += 1  # only the event loop thread touches it
        self.active.add(budget)
        try:
            return await anyio.to_thread.run_sync(budget.run, job, limiter=self.brief_slots)
        finally:
            self.pending -= 1
            self.active.discard(budget)
            if watcher is not None:
                watcher.cancel()

    async def in_store(self, call: Callable[[StoryStore], T]) -> T:
        """Run one store call on the store's thread, without blocking the event loop."""
        store = self.store
        if store is None:
            raise NotFoundError(
                "this server has no story store; restart it with a database to use stories"
            )
        return await asyncio.wrap_future(self.store_thread.submit(call, store))

    def with_words(self, words: int | None) -> Settings:
        if words is None:
            return self.settings
        if not 1 <= words <= self.limits.max_words:
            raise InputError(f"words must be between 1 and {self.limits.max_words}, got {words}")
        return self.settings.with_(words=words)


_MORE_TIME = (
    "send fewer or shorter articles, or ask whoever runs the server to raise its time limit "
    "(newsfuse serve --time-limit, or NEWSFUSE_TIME_LIMIT)"
)

DISCONNECT_POLL = 0.25
"""Seconds between looks at whether a brief's client is still there."""


async def _watch(request: Request, budget: Budget) -> None:
    """Cancel ``budget`` once the client has gone: polled, as ASGI tells a disconnect only to
    whoever reads the request's messages."""
    while budget.cancelled is None:
        if await request.is_disconnected():
            budget.cancel("the client disconnected")
            log.info("%s %s: client disconnected, brief stopped", request.method, request.url.path)
            return
        await anyio.sleep(DISCONNECT_POLL)


router = APIRouter(prefix="/api")


def _runtime(request: Request) -> Runtime:
    rt = request.app.state.runtime
    assert isinstance(rt, Runtime)
    return rt


_BRIEF_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/BriefRequest"}},
            "multipart/form-data": {"schema": BRIEF_FORM_SCHEMA},
        },
    }
}

_ARTICLES_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/ArticlesRequest"}}
        },
    }
}

_ERRORS: dict[int | str, dict[str, Any]] = {
    413: {"description": "Over a size limit (body, articles, characters)."},
    415: {"description": "Not a JSON body (or, for briefs, a form)."},
    422: {"description": "Malformed request, or no readable article in it."},
    429: {"description": "Too many expensive requests from this client; see ``Retry-After``."},
}
_BRIEF: dict[int | str, dict[str, Any]] = {
    200: {"description": "The briefing: ``newsfuse.models.Brief`` as JSON (``Brief.to_dict``)."},
    503: {
        "description": "Too many briefings queued, the briefing took longer than the server's "
        "time limit, or the server is stopping; retry after ``Retry-After`` seconds."
    },
}


@router.post(
    "/brief", openapi_extra=_BRIEF_BODY, responses=_ERRORS | _BRIEF, summary="Brief articles"
)
async def post_brief(request: Request) -> JSONResponse:
    """The briefing (``Brief`` JSON) of the articles sent, as JSON (``BriefRequest``) or as a
    multipart form of uploaded ``files`` and pasted ``text`` fields."""
    rt = _runtime(request)
    rt.check_rate(request)
    media = _media_type(request)
    skipped: list[ArticleError] = []
    if media == "application/json":
        req = _parse_json(BriefRequest, await request.body())
        settings = rt.with_words(req.words)
        records = [a.record(i) for i, a in enumerate(req.articles)]

        def work() -> Story:
            return make_story(articles_from_records(records, rt.limits, skipped), title=req.title)

        read = [a.record(i) for i, a in enumerate(req.background)]
        query = req.query

        def background() -> list[Article]:
            return articles_from_records(read, rt.limits) if read else []

    elif media in ("multipart/form-data", "application/x-www-form-urlencoded"):
        async with _read_form(request, rt.limits) as form:
            uploads, texts, title, words = await _form_fields(form)
            query = _text_field(form, "query")
        settings = rt.with_words(words)

        def background() -> list[Article]:
            return []

        def work() -> Story:
            arts = articles_from_uploads(uploads, texts, settings, rt.limits, skipped)
            return make_story(arts, title=title)

    else:
        raise HTTPException(
            415, "send the articles as application/json or as a form (multipart/form-data)"
        )
    brief = await rt.brief(work, settings, query, background, request)
    return JSONResponse({**brief.to_dict(), "skipped": [str(e) for e in skipped]})


@router.get("/stories", summary="List stored stories")
async def list_stories(
    request: Request,
    since: Annotated[
        dt.datetime | None, Query(description="Only stories updated since (ISO 8601).")
    ] = None,
) -> dict[str, Any]:
    """``{"store": bool, "stories": [...]}``; ``store`` is false when the server has none."""
    rt = _runtime(request)
    if rt.store is None:
        return {"store": False, "stories": []}
    infos = await rt.in_store(lambda s: list(s.list_stories(since=since)))
    return {"store": True, "stories": [_jsonable(i) for i in infos]}


@router.get("/stories/{story_id}", responses={404: {"description": "No such story."}})
async def get_story(request: Request, story_id: str) -> JSONResponse:
    """The stored story (``Story`` JSON), articles included."""
    story = await _runtime(request).in_store(lambda s: s.get_story(story_id))
    return JSONResponse(story.to_dict())


@router.get(
    "/stories/{story_id}/brief", responses={**_BRIEF, 404: {"description": "No such story."}}
)
async def get_story_brief(
    request: Request,
    story_id: str,
    words: Annotated[int | None, Query(ge=1)] = None,
    since: Annotated[
        dt.datetime | None,
        Query(description="What is new since then (ISO 8601): older articles count as read."),
    ] = None,
    query: Annotated[str, Query(max_length=2000, description="Focus on this question.")] = "",
) -> JSONResponse:
    """The briefing of a stored story, built on first request and kept in the store until the
    story gains articles. With ``since`` or ``query`` it is built fresh each time."""
    rt = _runtime(request)
    settings = rt.with_words(words)
    if since is not None or query:
        when = since if since is None or since.tzinfo else since.replace(tzinfo=dt.UTC)
        story = await rt.in_store(lambda s: s.get_story(story_id))
        before = (
            await rt.in_store(lambda s: s.read_before(story_id, when))
            if when is not None
            else frozenset()
        )
        if before and len(before) == len(story.articles):
            raise InputError(f"nothing new in story {story_id} since {since}")
        new = replace(story, articles=tuple(a for a in story.articles if a.id not in before))
        read = [a for a in story.articles if a.id in before]
        brief = await rt.brief(lambda: new, settings, query, lambda: read, request)
        return JSONResponse(brief.to_dict())
    # One cached brief per summary setting; the store drops it when the story changes.
    variant = f"{settings.method}:{settings.words}"
    cached = await rt.in_store(lambda s: s.get_brief(story_id, variant))
    if cached is not None:
        return JSONResponse(cached.to_dict())
    rt.check_rate(request)  # only building one is expensive
    story = await rt.in_store(lambda s: s.get_story(story_id))
    brief = await rt.brief(lambda: story, settings, request=request)
    try:
        await rt.in_store(lambda s: s.put_brief(story_id, brief, variant))
    except StoreError as exc:  # read-only or busy: the brief is still good, just not kept
        log.warning("brief of %s not cached: %s", story_id, exc)
    return JSONResponse(brief.to_dict())


@router.post(
    "/articles",
    status_code=201,
    openapi_extra=_ARTICLES_BODY,
    responses=_ERRORS,
    summary="Store articles",
)
async def post_articles(request: Request) -> dict[str, Any]:
    """Add articles to the store; ``{"added": [...]}`` says where each went, ``{"skipped":
    [...]}`` which could not be read and why."""
    rt = _runtime(request)
    rt.check_rate(request)
    if _media_type(request) != "application/json":
        raise HTTPException(415, "send the articles as application/json")
    body = _parse_json(ArticlesRequest, await request.body())
    # Ids stay meaningful across requests: the given one, else one derived from the text (the
    # store suffixes an id that is already taken).
    records = [
        {**a.record(i), "id": a.id or "a" + hashlib.sha1(a.text.encode()).hexdigest()[:10]}
        for i, a in enumerate(body.articles)
    ]
    skipped: list[ArticleError] = []
    articles = articles_from_records(records, rt.limits, skipped)
    added = await rt.in_store(lambda s: [s.add_article(a) for a in articles])
    return {"added": [_jsonable(x) for x in added], "skipped": [str(e) for e in skipped]}


# --- helpers ---------------------------------------------------------------------------------


def _media_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";")[0].strip().lower()


def _parse_json(model: type[M], body: bytes) -> M:
    try:
        return model.model_validate_json(body)
    except ValidationError as exc:
        raise RequestValidationError(exc.errors(include_url=False, include_input=False)) from None


@asynccontextmanager
async def _read_form(request: Request, limits: WebLimits) -> AsyncIterator[FormData]:
    """``request.form`` with our limits; starlette's 400s become 413 (too many) or 422."""
    try:
        form = await request.form(
            max_files=limits.max_articles,
            max_fields=limits.max_articles + 8,
            max_part_size=limits.max_body_bytes,
        )
    except HTTPException as exc:
        if exc.status_code != 400:
            raise
        if str(exc.detail).startswith("Too many"):
            raise LimitError(f"{exc.detail} Split them into several briefings") from None
        raise InputError(f"malformed multipart form: {exc.detail}") from None
    try:
        yield form
    finally:
        await form.close()


async def _form_fields(form: FormData) -> tuple[list[Upload], list[str], str, int | None]:
    uploads, texts = [], []
    for item in form.getlist("files"):
        if isinstance(item, UploadFile):
            uploads.append(Upload(item.filename or "upload.txt", await item.read()))
        elif item.strip():
            raise InputError('"files" must be uploaded files; send pasted articles as "text"')
    for item in form.getlist("text"):
        if not isinstance(item, str):
            raise InputError('"text" must be a text field; send files as "files"')
        if item.strip():
            texts.append(item)
    title = form.get("title")
    words = form.get("words")
    n = None
    if isinstance(words, str) and words.strip():
        try:
            n = int(words)
        except ValueError:
            raise InputError(f'"words" must be a whole number, got {words!r}') from None
    return uploads, texts, title if isinstance(title, str) else "", n


def _text_field(form: FormData, name: str, limit: int = 2000) -> str:
    value = form.get(name)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InputError(f'"{name}" must be a text field')
    if len(value) > limit:
        raise InputError(f'"{name}" is longer than {limit} characters; shorten it')
    return value.strip()


def _jsonable(value: Any) -> Any:
    """Store results (dataclasses with ``to_dict``, or plain data) as JSON-safe values."""
    if hasattr(value, "to_dict"):
        return value.to_dict()
    return json.loads(json.dumps(value, default=str))
