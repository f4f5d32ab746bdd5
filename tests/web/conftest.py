"""Fixtures for the web tests: an app with a fake brief builder and store (no model loads)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from web_fakes import MUNICH, CountingBuilder, FakeStore

from newsfuse.embed import HashingEmbedder
from newsfuse.web import WebLimits, create_app


@pytest.fixture
def builder() -> CountingBuilder:
    return CountingBuilder()


@pytest.fixture
def store() -> FakeStore:
    return FakeStore()


@pytest.fixture
def limits() -> WebLimits:
    return WebLimits(max_body_bytes=64 * 1024, max_articles=5, max_article_chars=20_000)


@pytest.fixture
def client(builder: CountingBuilder, store: FakeStore, limits: WebLimits) -> Iterator[TestClient]:
    app = create_app(
        limits=limits, brief_builder=builder, embedder=HashingEmbedder(), store=store, warm_up=False
    )
    with TestClient(app) as c:
        yield c


@pytest.fixture
def munich() -> list[tuple[str, bytes]]:
    return [(p.name, p.read_bytes()) for p in (MUNICH / "cnn.txt", MUNICH / "npr.txt")]
