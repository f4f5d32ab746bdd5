"""Limits and malformed requests: 413 and 422 with a clear message, and the server keeps serving."""

from __future__ import annotations

import pytest

GOOD = {"articles": [{"text": "Diplomats met in Munich on Thursday to discuss a truce."}]}


def _still_serving(client):
    r = client.post("/api/brief", json=GOOD)
    assert r.status_code == 200, r.text


def test_declared_oversized_body_is_413_before_reading(client, limits):
    big = b"x" * (limits.max_body_bytes + 1)
    r = client.post("/api/brief", content=big, headers={"content-type": "application/json"})
    assert r.status_code == 413
    assert "byte limit" in r.json()["error"]
    assert r.headers["content-security-policy"]
    _still_serving(client)


def test_streamed_oversized_body_is_413(client, limits):
    def chunks():
        for _ in range(100):
            yield b"x" * 4096  # no Content-Length: the only way to know is to count

    r = client.post("/api/brief", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413
    assert "byte limit" in r.json()["error"]
    _still_serving(client)


def test_oversized_multipart_upload_is_413(client, limits):
    data = b"word " * (limits.max_body_bytes // 5 + 10)
    r = client.post("/api/brief", files=[("files", ("big.txt", data, "text/plain"))])
    assert r.status_code == 413
    _still_serving(client)


def test_oversized_body_on_the_articles_endpoint_is_413(client, limits):
    text = "y" * (limits.max_body_bytes + 10)
    r = client.post("/api/articles", json={"articles": [{"text": text}]})
    assert r.status_code == 413
    _still_serving(client)


def test_too_many_articles_is_413(client, limits):
    body = {
        "articles": [{"text": f"Article {i} about talks."} for i in range(limits.max_articles + 1)]
    }
    r = client.post("/api/brief", json=body)
    assert r.status_code == 413
    assert f"limit is {limits.max_articles}" in r.json()["error"]


def test_too_many_uploaded_files_is_413(client, limits):
    files = [
        ("files", (f"f{i}.txt", b"Some text about talks.", "text/plain"))
        for i in range(limits.max_articles + 1)
    ]
    r = client.post("/api/brief", files=files)
    assert r.status_code == 413
    assert "Too many files" in r.json()["error"]
    _still_serving(client)


def test_too_long_article_is_413(client, limits):
    body = {"articles": [{"text": "z" * (limits.max_article_chars + 1)}]}
    r = client.post("/api/brief", json=body)
    assert r.status_code == 413
    assert "articles[0]" in r.json()["error"] and "characters" in r.json()["error"]


def test_too_long_uploaded_article_is_413(client, limits):
    data = ("word " * (limits.max_article_chars // 5 + 100)).encode()
    r = client.post("/api/brief", files=[("files", ("long.txt", data, "text/plain"))])
    assert r.status_code == 413
    assert "long.txt" in r.json()["error"]


@pytest.mark.parametrize(
    ("body", "expect"),
    [
        (b"{not json", "JSON"),
        (b'{"articles": []}', "no articles"),
        (b'{"articles": [{"title": "no text"}]}', "articles.0.text"),
        (b'{"articles": [{"text": 5}]}', "articles.0.text"),
        (b'{"articles": [{"text": "ok text here", "colour": "red"}]}', "colour"),
        (b'{"articles": [{"text": "   "}]}', "articles[0]"),
        (b'{"articles": [{"text": "Some text.", "published": "yesterday"}]}', "ISO 8601"),
        (
            b'{"articles": [{"text": "One.", "id": "x"}, {"text": "Two.", "id": "x"}]}',
            "duplicate article ids",
        ),
        (b'{"articles": [{"text": "Some text."}], "words": 0}', "words"),
        (b'{"articles": [{"text": "Some text."}], "words": 100000}', "words"),
        (b"[1, 2]", "body"),
    ],
)
def test_malformed_json_is_422_with_a_message(client, body, expect):
    r = client.post("/api/brief", content=body, headers={"content-type": "application/json"})
    assert r.status_code == 422, r.text
    assert expect in r.json()["error"]
    _still_serving(client)


def test_malformed_form_fields_are_422(client):
    r = client.post("/api/brief", data={"text": "Some text about talks.", "words": "many"})
    assert r.status_code == 422 and "words" in r.json()["error"]
    r = client.post("/api/brief", data={"text": "   "})
    assert r.status_code == 422 and "no articles" in r.json()["error"]
    r = client.post("/api/brief", data={"files": "not a file"})
    assert r.status_code == 422 and "uploaded files" in r.json()["error"]


def test_broken_multipart_is_422(client):
    r = client.post(
        "/api/brief",
        content=b"--xyz\r\nnonsense",
        headers={"content-type": "multipart/form-data; boundary=xyz"},
    )
    assert r.status_code == 422, r.text
    assert r.json()["error"]
    _still_serving(client)


def test_unsupported_media_type_is_415(client):
    r = client.post("/api/brief", content=b"text", headers={"content-type": "text/plain"})
    assert r.status_code == 415 and "application/json" in r.json()["error"]


def test_articles_endpoint_validates_like_brief(client):
    r = client.post("/api/articles", json={"articles": [{"source": "X"}]})
    assert r.status_code == 422 and "articles.0.text" in r.json()["error"]


def test_library_errors_map_to_statuses():
    from newsfuse.errors import (
        EmptyArticleError,
        LimitError,
        ModelError,
        NotFoundError,
        StoreError,
    )
    from newsfuse.web.app import error_status

    assert error_status(LimitError("x")) == 413
    assert error_status(NotFoundError("x")) == 404
    assert error_status(EmptyArticleError("o", "p")) == 422
    assert error_status(StoreError("x")) == 503
    assert error_status(ModelError("x")) == 500
