"""Hostile input and bugs over HTTP: a clear 4xx, or a logged JSON 500 with a request id."""

from __future__ import annotations

import logging

import pytest
from fastapi.testclient import TestClient

from newsfuse.embed import HashingEmbedder
from newsfuse.web import create_app

DEEP = b"[" * 20_000 + b"]" * 20_000  # under the test body limit, far past any parser's depth
GOOD = "Diplomats met in Munich on Thursday to discuss a truce in the region."


@pytest.mark.parametrize("path", ["/api/brief", "/api/articles"])
def test_deeply_nested_json_body_is_422(client, path: str) -> None:
    body = b'{"articles": ' + DEEP + b"}"
    r = client.post(path, content=body, headers={"content-type": "application/json"})
    assert r.status_code == 422, r.text
    assert "recursion limit" in r.json()["error"]
    assert r.headers["x-content-type-options"] == "nosniff"


def test_deeply_nested_uploaded_json_is_named(client) -> None:
    files = [("files", ("deep.json", DEEP, "application/json"))]
    r = client.post("/api/brief", files=files)
    assert r.status_code == 422, r.text
    assert r.json()["error"].startswith("deep.json: not valid JSON (nested too deeply")


@pytest.mark.parametrize("path", ["/api/brief", "/api/articles"])
def test_a_body_that_is_not_json_is_415_on_both_endpoints(client, path: str) -> None:
    r = client.post(path, content=b"hello", headers={"content-type": "text/plain"})
    assert r.status_code == 415, r.text
    assert "application/json" in r.json()["error"]


def test_an_unreadable_article_is_skipped_and_reported(client, builder) -> None:
    body = {"articles": [{"text": GOOD, "id": "ok"}, {"text": "   ", "id": "blank"}]}
    r = client.post("/api/brief", json=body)
    assert r.status_code == 200, r.text
    assert [a["id"] for a in r.json()["story"]["articles"]] == ["ok"]
    (skipped,) = r.json()["skipped"]
    assert skipped.startswith("articles[1]")


def test_an_unreadable_upload_is_skipped_and_reported(client) -> None:
    files = [
        ("files", ("good.txt", GOOD.encode(), "text/plain")),
        ("files", ("bad.json", b"{not json", "application/json")),
    ]
    r = client.post("/api/brief", files=files)
    assert r.status_code == 200, r.text
    (skipped,) = r.json()["skipped"]
    assert skipped.startswith("bad.json: not valid JSON")
    assert "/tmp" not in skipped


def test_nothing_readable_is_still_422(client) -> None:
    r = client.post("/api/brief", json={"articles": [{"text": "  "}, {"text": ""}]})
    assert r.status_code == 422
    assert "articles[0]" in r.json()["error"]


def test_the_articles_endpoint_skips_and_reports_too(client) -> None:
    body = {"articles": [{"text": GOOD, "id": "ok"}, {"text": " ", "id": "blank"}]}
    r = client.post("/api/articles", json=body)
    assert r.status_code == 201, r.text
    assert len(r.json()["added"]) == 1
    assert r.json()["skipped"][0].startswith("articles[1]")


def test_a_bug_is_a_logged_json_500_with_a_request_id_and_the_headers(caplog) -> None:
    def broken(story, settings, embedder):
        raise RuntimeError("boom in the builder")

    app = create_app(brief_builder=broken, embedder=HashingEmbedder(), warm_up=False)
    with (
        TestClient(app, raise_server_exceptions=False) as c,
        caplog.at_level(logging.ERROR, logger="newsfuse.web"),
    ):
        r = c.post("/api/brief", json={"articles": [{"text": GOOD}]})
    assert r.status_code == 500
    rid = r.json()["request_id"]
    assert rid in r.json()["error"] and r.headers["x-request-id"] == rid
    assert "boom" not in r.text  # internals stay in the log
    assert r.headers["content-security-policy"] and r.headers["x-frame-options"] == "DENY"
    (record,) = [rec for rec in caplog.records if rid in rec.getMessage()]
    assert record.exc_info and "boom in the builder" in str(record.exc_info[1])


@pytest.mark.slow
@pytest.mark.parametrize("published", ["9999-12-31", "0001-01-01"])
def test_odd_published_dates_and_huge_numbers_brief_fine(published: str) -> None:
    from newsfuse.compare.brief.build import build_brief

    texts = [
        f"Ministers met last Monday; {'9' * 5000} people came and a truce starts next year.",
        "The ministers said last Monday that a truce would start next year, with 300 people.",
    ]
    app = create_app(brief_builder=build_brief, embedder=HashingEmbedder(), warm_up=False)
    with TestClient(app, raise_server_exceptions=False) as c:
        arts = [
            {"text": t, "published": published, "source": s}
            for t, s in zip(texts, "AB", strict=True)
        ]
        r = c.post("/api/brief", json={"articles": arts})
    assert r.status_code == 200, r.text


def test_errors_over_http_name_no_command_line_flags(client) -> None:
    r = client.post("/api/brief", json={"articles": [{"text": "   "}]})
    assert r.status_code == 422
    assert "--" not in r.json()["error"]
    latin = "Le ministre a parlé à Munich jeudi d'une trêve pour la région.".encode("latin-1")
    r = client.post("/api/brief", files=[("files", ("fr.txt", latin, "text/plain"))])
    assert r.status_code == 422
    assert "--" not in r.json()["error"] and "convert it to UTF-8" in r.json()["error"]


def test_a_read_only_store_is_served_and_refuses_writes_with_503(tmp_path, monkeypatch) -> None:
    from newsfuse.models import Article
    from newsfuse.store import open_store

    db = tmp_path / "s.db"
    with open_store(db, embedder=HashingEmbedder()) as store:
        store.add_article(Article("a", GOOD, source="A"))
    monkeypatch.setattr("newsfuse.web.app.os.access", lambda *a: False)
    app = create_app(embedder=HashingEmbedder(), store_path=db, warm_up=False)
    with TestClient(app) as c:
        assert len(c.get("/api/stories").json()["stories"]) == 1
        r = c.post("/api/articles", json={"articles": [{"text": GOOD.replace("Munich", "Rome")}]})
    assert r.status_code == 503 and "read-only" in r.json()["error"]
