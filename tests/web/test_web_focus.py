"""The reader's question and "what's new" through the REST API (fake builder, real store)."""

from __future__ import annotations

from fastapi.testclient import TestClient
from web_fakes import MUNICH, CountingBuilder

from newsfuse.embed import HashingEmbedder
from newsfuse.ingest import load_paths
from newsfuse.web import create_app

OLD = {"text": "Officials said 17 nations met in Munich.", "id": "old", "source": "Alpha"}
NEW = {"text": "Officials said 20 nations met in Munich.", "source": "Beta"}


def test_json_query_and_background_reach_the_builder(client, builder):
    r = client.post(
        "/api/brief", json={"articles": [NEW], "query": "Who met?", "background": [OLD]}
    )
    assert r.status_code == 200, r.text
    focus = builder.focus[-1]
    assert focus["query"] == "Who met?"
    assert [a.id for a in focus["background"]] == ["old"]  # type: ignore[attr-defined]


def test_no_focus_means_no_keywords(client, builder):
    client.post("/api/brief", json={"articles": [NEW]})
    assert builder.focus[-1] == {}


def test_form_query_reaches_the_builder(client, builder):
    r = client.post("/api/brief", data={"text": [NEW["text"]], "query": " Who met? "})
    assert r.status_code == 200, r.text
    assert builder.focus[-1] == {"query": "Who met?"}


def test_query_too_long_is_422(client):
    r = client.post("/api/brief", json={"articles": [NEW], "query": "x" * 2001})
    assert r.status_code == 422


def test_stored_story_since_reads_older_articles_as_background(tmp_path):
    builder = CountingBuilder()
    app = create_app(
        brief_builder=builder,
        embedder=HashingEmbedder(),
        store_path=tmp_path / "news.db",
        warm_up=False,
    )
    records = [
        {"id": a.id, "text": a.text, "source": a.source, "published": a.published.isoformat()}
        for a in load_paths([MUNICH / "cnn.txt", MUNICH / "npr.txt"]).articles
        if a.published
    ]
    with TestClient(app) as client:
        added = client.post("/api/articles", json={"articles": records}).json()["added"]
        sids = {a["story_id"] for a in added}
        assert len(sids) == 1
        sid = sids.pop()
        # CNN is from 2016-02-10 and NPR from 2016-02-11: since the 11th, CNN was read.
        r = client.get(f"/api/stories/{sid}/brief", params={"since": "2016-02-11T00:00:00Z"})
        assert r.status_code == 200, r.text
        assert [a.id for a in builder.focus[-1]["background"]] == ["cnn"]  # type: ignore[attr-defined]
        r = client.get(f"/api/stories/{sid}/brief", params={"since": "2030-01-01"})
        assert r.status_code == 422 and "nothing new" in r.json()["error"]


def test_page_has_a_question_box_and_whats_new(client):
    page = client.get("/").text
    assert 'id="query"' in page and 'id="story-since"' in page
