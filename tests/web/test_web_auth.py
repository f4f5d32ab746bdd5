"""Access token on /api/ and the per-client rate limit of expensive requests."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from web_fakes import CountingBuilder, FakeStore

from newsfuse.embed import HashingEmbedder
from newsfuse.errors import InputError
from newsfuse.web import WebLimits, create_app
from newsfuse.web.limits import RateLimiter

TOKEN = "correct-horse-battery-staple-42"
BODY = {"articles": [{"text": "Diplomats met in Munich on Thursday to discuss a truce."}]}


@pytest.fixture
def locked() -> TestClient:
    app = create_app(
        brief_builder=CountingBuilder(),
        embedder=HashingEmbedder(),
        store=FakeStore(),
        warm_up=False,
        token=TOKEN,
    )
    with TestClient(app) as c:
        yield c


@pytest.mark.parametrize(
    ("method", "path"),
    [("get", "/api/stories"), ("get", "/api/openapi.json"), ("post", "/api/brief")],
)
def test_every_api_request_needs_the_token(locked, method, path) -> None:
    kwargs = {"json": BODY} if method == "post" else {}
    r = getattr(locked, method)(path, **kwargs)
    assert r.status_code == 401 and "access token" in r.json()["error"]
    assert r.headers["www-authenticate"].startswith("Bearer")
    assert r.headers["x-content-type-options"] == "nosniff"
    r = getattr(locked, method)(path, headers={"authorization": "Bearer nope"}, **kwargs)
    assert r.status_code == 401 and "wrong access token" in r.json()["error"]
    r = getattr(locked, method)(path, headers={"authorization": f"Bearer {TOKEN}"}, **kwargs)
    assert r.status_code == 200, r.text


def test_the_page_itself_stays_public_and_keeps_the_token_per_session(locked) -> None:
    assert locked.get("/").status_code == 200
    js = locked.get("/static/app.js").text
    assert "sessionStorage" in js and "Authorization" in js and "localStorage" not in js


def test_an_empty_token_is_refused() -> None:
    with pytest.raises(InputError, match="empty"):
        create_app(brief_builder=CountingBuilder(), embedder=HashingEmbedder(), token="  ")


def test_past_the_rate_limit_is_429_with_retry_after() -> None:
    app = create_app(
        limits=WebLimits(expensive_per_minute=3),
        brief_builder=CountingBuilder(),
        embedder=HashingEmbedder(),
        store=FakeStore(),
        warm_up=False,
    )
    with TestClient(app) as c:
        assert [c.post("/api/brief", json=BODY).status_code for _ in range(3)] == [200] * 3
        r = c.post("/api/brief", json=BODY)
        assert r.status_code == 429
        assert 1 <= int(r.headers["retry-after"]) <= 60
        assert "at most 3" in r.json()["error"]
        assert c.get("/api/stories").status_code == 200  # cheap reads are not limited


def test_the_window_slides() -> None:
    now = [1000.0]
    rate = RateLimiter(2, clock=lambda: now[0])
    assert [rate.retry_after("a"), rate.retry_after("a")] == [0, 0]
    assert rate.retry_after("a") == 60 and rate.retry_after("b") == 0
    now[0] += 30
    assert rate.retry_after("a") == 30
    now[0] += 30.5
    assert rate.retry_after("a") == 0
