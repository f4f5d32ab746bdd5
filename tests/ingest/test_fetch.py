"""URL fetching, always through httpx.MockTransport: these tests never touch the network."""

from __future__ import annotations

import httpx
import pytest

from newsfuse.errors import ArticleError, FetchError
from newsfuse.ingest import iter_articles, load_paths
from newsfuse.ingest.fetch import check_address, fetch
from newsfuse.models import Article
from newsfuse.settings import DEFAULT

# A public address literal: no DNS lookup is needed to check it.
PUBLIC = "http://93.184.216.34"


def serve(routes: dict[str, httpx.Response]) -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        return routes.get(request.url.path, httpx.Response(404))

    return httpx.MockTransport(handler)


def test_fetch_returns_body_and_type():
    got = fetch(
        f"{PUBLIC}/a",
        transport=serve(
            {
                "/a": httpx.Response(
                    200, content=b"hello", headers={"content-type": "text/plain; charset=latin-1"}
                )
            }
        ),
    )
    assert got.body == b"hello"
    assert got.charset == "latin-1"


def test_feed_url_yields_its_entries(data):
    transport = serve(
        {
            "/feed": httpx.Response(
                200,
                content=(data / "feed.rss").read_bytes(),
                headers={"content-type": "application/rss+xml"},
            )
        }
    )
    items = list(iter_articles([f"{PUBLIC}/feed"], transport=transport))
    articles = [a for a in items if isinstance(a, Article)]
    assert [a.title for a in articles] == [
        "Powers agree to Syria truce plan",
        "Aid convoys reach Madaya",
    ]
    assert articles[0].origin == f"{PUBLIC}/feed"
    assert articles[0].source == "Daily Ledger - World"
    assert [type(e) for e in items if isinstance(e, ArticleError)] != []  # the empty entry


def test_html_url_is_read_as_an_article(data):
    transport = serve(
        {
            "/world/syria-truce": httpx.Response(
                200,
                content=(data / "page.html").read_bytes(),
                headers={"content-type": "text/html; charset=utf-8"},
            )
        }
    )
    (article,) = list(iter_articles([f"{PUBLIC}/world/syria-truce"], transport=transport))
    assert isinstance(article, Article)
    assert article.id == "syria-truce"
    assert article.title == "Powers agree to Syria truce plan"
    assert article.url == "https://ledger.example.com/world/2016/02/12/syria-truce"  # canonical


def test_size_limit_from_header():
    transport = serve({"/big": httpx.Response(200, content=b"x" * 2000)})
    with pytest.raises(FetchError, match="larger than 1,000 bytes"):
        fetch(f"{PUBLIC}/big", transport=transport, max_bytes=1000)


def test_size_limit_while_streaming_without_length():
    chunks_sent = []

    def body():
        for _ in range(100):
            chunks_sent.append(1)
            yield b"x" * 500

    transport = serve({"/big": httpx.Response(200, content=body())})
    with pytest.raises(FetchError, match="larger than"):
        fetch(f"{PUBLIC}/big", transport=transport, max_bytes=1000)
    assert len(chunks_sent) < 10  # stopped reading early


def test_timeout_is_a_fetch_error():
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("timed out", request=request)

    with pytest.raises(FetchError, match="no answer within 2 s"):
        fetch(f"{PUBLIC}/slow", transport=httpx.MockTransport(handler), timeout=2)


def test_http_error_status():
    with pytest.raises(FetchError, match="HTTP 404"):
        fetch(f"{PUBLIC}/missing", transport=serve({}))


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/feed",
        "http://localhost:8080/feed",
        "http://[::1]/feed",
        "http://169.254.169.254/latest/meta-data",
        "http://10.1.2.3/x",
        "http://192.168.0.1/",
    ],
)
def test_private_addresses_are_refused(url):
    calls = []
    transport = httpx.MockTransport(lambda r: calls.append(r) or httpx.Response(200))
    with pytest.raises(FetchError, match=r"private or local address.*allow_private=True"):
        fetch(url, transport=transport)
    assert calls == []  # refused before any request


def test_hostname_resolving_to_private_address_is_refused():
    with pytest.raises(FetchError, match=r"refusing to fetch from news\.example\.com"):
        check_address("https://news.example.com/feed", resolve=lambda host, port: ["10.0.0.5"])
    check_address("https://news.example.com/feed", resolve=lambda host, port: ["93.184.216.34"])


def test_allow_private():
    transport = serve({"/a": httpx.Response(200, content=b"ok")})
    assert fetch("http://127.0.0.1/a", transport=transport, allow_private=True).body == b"ok"


def test_redirect_to_private_address_is_refused():
    transport = serve({"/r": httpx.Response(302, headers={"location": "http://127.0.0.1/admin"})})
    with pytest.raises(FetchError, match=r"127\.0\.0\.1"):
        fetch(f"{PUBLIC}/r", transport=transport)


def test_redirect_is_followed():
    transport = serve(
        {
            "/old": httpx.Response(301, headers={"location": "/new"}),
            "/new": httpx.Response(200, content=b"moved"),
        }
    )
    got = fetch(f"{PUBLIC}/old", transport=transport)
    assert (got.body, got.url) == (b"moved", f"{PUBLIC}/new")


def test_not_http():
    with pytest.raises(FetchError, match="not an http"):
        check_address("file:///etc/passwd")


def test_failed_fetch_in_a_batch_is_reported_and_skipped(data):
    transport = serve({})
    loaded = load_paths([f"{PUBLIC}/gone", str(data / "single.json")], transport=transport)
    assert [a.id for a in loaded.articles] == ["single"]
    (err,) = loaded.errors
    assert err.origin == f"{PUBLIC}/gone"
    assert "HTTP 404" in str(err)


def test_failed_fetch_in_strict_mode_raises_the_fetch_error():
    with pytest.raises(FetchError, match="private or local"):
        load_paths(["http://127.0.0.1/feed"], DEFAULT.with_(strict=True), transport=serve({}))
