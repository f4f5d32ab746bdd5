"""REST API: briefs from JSON and from uploads, the store endpoints, errors, OpenAPI."""

from __future__ import annotations

from web_fakes import FakeStore, brief_of

from newsfuse.models import Story

ARTICLES = [
    {
        "text": "Officials said 17 nations met in Munich on Thursday. Talks went on late.",
        "source": "Alpha",
        "published": "2016-02-11",
    },
    {"text": "Some 20 countries gathered in Munich. Diplomats said little.", "source": "Beta"},
]


def test_brief_from_json_round_trips_as_a_brief(client, builder):
    r = client.post("/api/brief", json={"articles": ARTICLES, "title": "Munich talks"})
    assert r.status_code == 200, r.text
    brief = brief_of(r)
    assert brief.story.title == "Munich talks"
    assert [a.source for a in brief.story.articles] == ["Alpha", "Beta"]
    assert [a.id for a in brief.story.articles] == ["a1", "a2"]
    assert brief.summary.sentences[0].citations[0].article_id == "a1"
    assert brief.conflicts[0].value_a == "17" and brief.conflicts[0].value_b == "20"
    assert builder.calls == 1


def test_brief_runs_off_the_event_loop_thread(client, builder):
    import threading

    client.post("/api/brief", json={"articles": ARTICLES})
    assert builder.threads and threading.get_ident() not in builder.threads


def test_words_is_passed_to_the_builder(client):
    r = client.post("/api/brief", json={"articles": ARTICLES, "words": 12})
    assert r.status_code == 200
    assert r.json()["summary"]["budget"] == 12


def test_brief_from_uploaded_files_and_pasted_text(client, munich):
    files = [("files", (name, data, "text/plain")) for name, data in munich]
    r = client.post(
        "/api/brief",
        files=files,
        data={"text": "Pasted: 300,000 people are at risk in Aleppo.", "words": "80"},
    )
    assert r.status_code == 200, r.text
    brief = brief_of(r)
    assert [a.id for a in brief.story.articles] == ["cnn", "npr", "pasted-1"]
    # The temporary directory the uploads went through never leaks into the answer.
    assert [a.origin for a in brief.story.articles] == ["cnn.txt", "npr.txt", "pasted-1.txt"]
    assert "Kerry" in brief.story.article("cnn").text
    assert brief.summary.budget == 80


def test_uploads_with_the_same_name_get_distinct_ids(client):
    files = [
        ("files", ("../../etc/a.txt", b"First article about Munich talks.", "text/plain")),
        ("files", ("a.txt", b"Second article about Munich talks.", "text/plain")),
    ]
    r = client.post("/api/brief", files=files)
    assert r.status_code == 200, r.text
    assert [a["id"] for a in r.json()["story"]["articles"]] == ["a", "a-2"]


def test_article_text_is_returned_verbatim_not_escaped_or_interpreted(client):
    text = 'Breaking: <script>alert(1)</script> and <img src=x onerror="alert(2)"> seen.'
    r = client.post("/api/brief", json={"articles": [{"text": text}]})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/json")
    assert r.json()["story"]["articles"][0]["text"] == text


def test_stories_empty_then_after_adding_articles(client, store):
    assert client.get("/api/stories").json() == {"store": True, "stories": []}
    r = client.post("/api/articles", json={"articles": [ARTICLES[0], {**ARTICLES[1], "id": "b"}]})
    assert r.status_code == 201, r.text
    added = r.json()["added"]
    # Without an id, one derived from the text (stable across requests); else the given one.
    assert added[0]["article_id"].startswith("a") and len(added[0]["article_id"]) == 11
    assert added[1] == {"article_id": "b", "story_id": "inbox"}
    again = client.post("/api/articles", json={"articles": [ARTICLES[0]]}).json()["added"]
    assert again[0]["article_id"] == added[0]["article_id"]
    assert store.added[0].source == "Alpha"
    stories = client.get("/api/stories").json()["stories"]
    assert stories == [{"id": "inbox", "title": "Inbox", "size": 3}]
    story = Story.from_dict(client.get("/api/stories/inbox").json())
    assert story.articles[0].text.startswith("Officials said 17 nations")


def test_story_brief_is_built_once_and_cached_per_word_budget(client, builder, store):
    client.post("/api/articles", json={"articles": ARTICLES})
    first = client.get("/api/stories/inbox/brief")
    second = client.get("/api/stories/inbox/brief")
    assert first.status_code == second.status_code == 200
    assert first.json() == second.json()
    assert builder.calls == 1 and list(store.briefs) == [("inbox", "newsfuse:120")]
    # Another word budget is built and cached on its own, next to the default one.
    third = client.get("/api/stories/inbox/brief", params={"words": 10})
    assert third.json()["summary"]["budget"] == 10 and builder.calls == 2
    client.get("/api/stories/inbox/brief", params={"words": 10})
    assert builder.calls == 2 and len(store.briefs) == 2


def test_unknown_story_is_404_with_a_message(client):
    for url in ("/api/stories/nope", "/api/stories/nope/brief"):
        r = client.get(url)
        assert r.status_code == 404
        assert "no story 'nope'" in r.json()["error"]


def test_without_a_store_stories_are_empty_and_story_calls_say_why(builder):
    from fastapi.testclient import TestClient

    from newsfuse.embed import HashingEmbedder
    from newsfuse.web import create_app

    app = create_app(brief_builder=builder, embedder=HashingEmbedder())
    with TestClient(app) as c:
        assert c.get("/api/stories").json() == {"store": False, "stories": []}
        r = c.get("/api/stories/x")
        assert r.status_code == 404 and "no story store" in r.json()["error"]
        r = c.post("/api/articles", json={"articles": ARTICLES})
        assert r.status_code == 404 and "no story store" in r.json()["error"]


def test_store_fixture_is_isolated(store):
    assert isinstance(store, FakeStore) and store.stories == {}


def test_openapi_schema_documents_every_endpoint_and_both_bodies(client):
    schema = client.get("/api/openapi.json").json()
    paths = schema["paths"]
    assert {
        "/api/brief",
        "/api/stories",
        "/api/stories/{story_id}",
        "/api/stories/{story_id}/brief",
        "/api/articles",
    } <= set(paths)
    body = paths["/api/brief"]["post"]["requestBody"]["content"]
    assert set(body) == {"application/json", "multipart/form-data"}
    brief_request = schema["components"]["schemas"]["BriefRequest"]
    assert brief_request["required"] == ["articles"]
    assert "ArticleIn" in schema["components"]["schemas"]
    # No pages that pull their scripts from a CDN.
    assert client.get("/docs").status_code == 404


def test_page_and_assets_are_served_locally_with_a_strict_policy(client):
    page = client.get("/")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "object-src 'none'" in csp
    assert page.headers["x-content-type-options"] == "nosniff"
    for asset in ("/static/app.js", "/static/app.css"):
        assert client.get(asset).status_code == 200
    # Every script and stylesheet the page references is one of ours.
    import re

    refs = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert refs and all(r.startswith("/static/") or r == "data:," for r in refs)


def test_page_scripts_never_use_html_sinks(client):
    for name in ("app.js", "render.js"):
        js = client.get(f"/static/{name}").text
        assert "textContent" in js or "import" in js
        for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
            assert sink not in js, f"{name} uses {sink}"


def test_startup_loads_the_embedder_once_and_warms_up_the_builder():
    from fastapi.testclient import TestClient
    from web_fakes import CountingBuilder

    from newsfuse.embed import HashingEmbedder
    from newsfuse.web import create_app

    loads = []

    def factory():
        loads.append(1)
        return HashingEmbedder()

    builder = CountingBuilder()
    app = create_app(brief_builder=builder, embedder_factory=factory)
    assert loads == [] and builder.calls == 0  # nothing heavy at import or creation time
    with TestClient(app) as c:
        assert loads == [1] and builder.calls == 1  # at startup, before any request
        for _ in range(3):
            assert c.post("/api/brief", json={"articles": ARTICLES}).status_code == 200
        assert loads == [1] and builder.calls == 4


def test_a_broken_install_fails_at_startup_not_on_the_first_request():
    import pytest
    from fastapi.testclient import TestClient

    from newsfuse.embed import HashingEmbedder
    from newsfuse.errors import ModelError
    from newsfuse.web import create_app

    def broken(story, settings, embedder):
        raise ModelError("spaCy model missing; reinstall")

    app = create_app(brief_builder=broken, embedder=HashingEmbedder())
    with pytest.raises(ModelError, match="spaCy model missing"), TestClient(app):
        pass


def test_store_path_is_opened_used_and_closed_on_one_thread(monkeypatch, tmp_path):
    """SQLite connections may only be used by the thread that made them."""
    import sys
    import threading
    import types

    from fastapi.testclient import TestClient
    from web_fakes import CountingBuilder

    from newsfuse.embed import HashingEmbedder
    from newsfuse.web import create_app

    threads: list[tuple[str, int]] = []

    class ThreadBoundStore(FakeStore):
        def __init__(self, path, embedder=None):
            super().__init__()
            self.path, self.embedder = path, embedder
            threads.append(("open", threading.get_ident()))

        def list_stories(self, since=None):
            threads.append(("list", threading.get_ident()))
            return super().list_stories(since)

        def add_article(self, article):
            threads.append(("add", threading.get_ident()))
            return super().add_article(article)

        def close(self):
            threads.append(("close", threading.get_ident()))

    fake = types.ModuleType("newsfuse.store")
    fake.open_store = ThreadBoundStore
    monkeypatch.setitem(sys.modules, "newsfuse.store", fake)
    db = tmp_path / "news.db"
    embedder = HashingEmbedder()
    app = create_app(brief_builder=CountingBuilder(), embedder=embedder, store_path=db)
    assert app.state.runtime.store.path == db
    assert app.state.runtime.store.embedder is embedder  # articles embedded like briefs are
    with TestClient(app) as c:
        assert c.get("/api/stories").json() == {"store": True, "stories": []}
        assert c.post("/api/articles", json={"articles": ARTICLES[:1]}).status_code == 201
        assert len(c.get("/api/stories").json()["stories"]) == 1
    assert [name for name, _ in threads] == ["open", "list", "add", "list", "close"]
    assert len({ident for _, ident in threads}) == 1
    assert threads[0][1] != threading.get_ident()


def test_store_path_without_a_store_module_is_a_clear_error(monkeypatch, tmp_path):
    import sys

    import pytest

    from newsfuse.embed import HashingEmbedder
    from newsfuse.errors import StoreError
    from newsfuse.web import create_app

    monkeypatch.setitem(sys.modules, "newsfuse.store", None)  # import fails
    with pytest.raises(StoreError, match="no article store"):
        create_app(embedder=HashingEmbedder(), store_path=tmp_path / "x.db")
