"""Random requests to every endpoint: never a 5xx, always a JSON answer, quickly."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from web_fakes import CountingBuilder, FakeStore

from newsfuse.embed import HashingEmbedder
from newsfuse.web import WebLimits, create_app

BUDGET_S = 5.0
FUZZ = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=False)
    | st.text(max_size=80),
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)
article = st.fixed_dictionaries(
    {"text": st.text(max_size=300)},
    optional={
        "id": st.text(max_size=10),
        "published": st.one_of(
            st.text(max_size=20), st.datetimes().map(lambda d: d.isoformat()), st.just("9999-12-31")
        ),
        "source": st.text(max_size=10),
        "title": st.text(max_size=30),
    },
)
bodies = st.one_of(
    st.binary(max_size=400),
    json_values.map(lambda v: json.dumps(v).encode()),
    st.lists(article, max_size=4).map(lambda a: json.dumps({"articles": a}).encode()),
    st.integers(1, 3000).map(lambda n: (b'{"articles":' + b"[" * n + b"]" * n + b"}")),
)


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    app = create_app(
        limits=WebLimits(max_body_bytes=64 * 1024, expensive_per_minute=10**6),
        brief_builder=CountingBuilder(),
        embedder=HashingEmbedder(),
        store=FakeStore(),
        warm_up=False,
    )
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


def _check(r) -> None:
    assert r.status_code < 500, r.text
    assert r.headers["content-type"].startswith("application/json")
    if r.status_code >= 400:
        assert isinstance(r.json()["error"], str) and "Traceback" not in r.text


@FUZZ
@given(
    path=st.sampled_from(["/api/brief", "/api/articles"]),
    body=bodies,
    media=st.sampled_from(["application/json", "text/plain", "", "application/json; charset=x"]),
)
def test_random_posts(client, path, body, media) -> None:
    start = time.perf_counter()
    r = client.post(path, content=body, headers={"content-type": media} if media else {})
    _check(r)
    assert time.perf_counter() - start < BUDGET_S


@FUZZ
@given(
    files=st.lists(
        st.tuples(
            st.sampled_from(["a.txt", "b.html", "c.json", "d.jsonl", "e.xml", "f", "../g.txt"]),
            st.binary(max_size=300) | st.text(max_size=300).map(str.encode),
        ),
        max_size=3,
    ),
    texts=st.lists(st.text(max_size=200), max_size=2),
    words=st.text(max_size=6),
)
def test_random_uploads(client, files, texts, words) -> None:
    data = {"text": texts, "words": words}
    r = client.post("/api/brief", files=[("files", f) for f in files] or None, data=data)
    _check(r)


@FUZZ
@given(
    story=st.text(max_size=20),
    words=st.text(max_size=8),
    since=st.text(max_size=25),
)
def test_random_reads(client, story, words, since) -> None:
    for r in (
        client.get("/api/stories/" + quote(story, safe=""), params={"words": words}),
        client.get("/api/stories", params={"since": since}),
    ):
        _check(r)
