"""The story endpoints against the real SQLite store (``newsfuse.store``), fake brief builder."""

from __future__ import annotations

import sqlite3

import pytest
from fastapi.testclient import TestClient
from web_fakes import MUNICH, CountingBuilder, brief_of

from newsfuse.embed import HashingEmbedder
from newsfuse.ingest import load_paths
from newsfuse.models import Story
from newsfuse.web import create_app

pytest.importorskip("newsfuse.store", reason="the article store is not in this tree yet")


def _records() -> list[dict[str, str]]:
    return [
        {
            "id": a.id,
            "text": a.text,
            "source": a.source,
            "title": a.title,
            "published": a.published.isoformat() if a.published else "",
        }
        for a in load_paths([MUNICH / "cnn.txt", MUNICH / "npr.txt"]).articles
    ]


def test_add_list_read_and_brief_stored_stories(tmp_path):
    builder = CountingBuilder()
    app = create_app(
        brief_builder=builder,
        embedder=HashingEmbedder(),
        store_path=tmp_path / "news.db",
        warm_up=False,
    )
    with TestClient(app) as client:
        assert client.get("/api/stories").json() == {"store": True, "stories": []}
        r = client.post("/api/articles", json={"articles": _records()})
        assert r.status_code == 201, r.text
        added = r.json()["added"]
        assert [a["status"] for a in added] == ["added", "added"]
        assert [a["article_id"] for a in added] == ["cnn", "npr"]

        again = client.post("/api/articles", json={"articles": _records()[:1]}).json()["added"]
        assert again[0]["status"] == "duplicate" and again[0]["article_id"] == "cnn"

        stories = client.get("/api/stories").json()["stories"]
        assert sum(s["size"] for s in stories) == 2
        assert {src for s in stories for src in s["sources"]} == {"CNN", "NPR"}
        assert client.get("/api/stories", params={"since": "2030-01-01"}).json()["stories"] == []

        sid = added[0]["story_id"]
        story = Story.from_dict(client.get(f"/api/stories/{sid}").json())
        assert "cnn" in [a.id for a in story.articles]
        first = client.get(f"/api/stories/{sid}/brief")
        assert first.status_code == 200, first.text
        assert brief_of(first).story.id == sid
        assert client.get(f"/api/stories/{sid}/brief").json() == first.json()
        assert builder.calls == 1  # the second came from the store's cache

        r = client.get("/api/stories/s999/brief")
        assert r.status_code == 404 and "s999" in r.json()["error"]
        r = client.post("/api/articles", json={"articles": [{"text": "   "}]})
        assert r.status_code == 422
    # The app opened the store, so it closed it on shutdown.
    with pytest.raises(sqlite3.ProgrammingError):
        app.state.runtime.store.conn.execute("SELECT 1")
