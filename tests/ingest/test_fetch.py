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


# --- no DNS-rebinding window ------------------------------------------------------------------


class Resolver:
    """Answers from a table and counts the lookups (a rebinding DNS answers differently the
    second time: the table can change between calls)."""

    def __init__(self, table: dict[str, list[list[str]]]) -> None:
        self.table = {h: list(answers) for h, answers in table.items()}
        self.calls: list[str] = []

    def __call__(self, host: str, port: int) -> list[str]:
        self.calls.append(host)
        answers = self.table[host]
        return answers.pop(0) if len(answers) > 1 else answers[0]


def recording(responses: dict[str, httpx.Response]) -> tuple[httpx.MockTransport, list]:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return responses.get(request.url.path, httpx.Response(404))

    return httpx.MockTransport(handler), seen


def test_connects_to_the_checked_address_with_the_original_host_and_sni():
    resolve = Resolver({"news.example.com": [["93.184.216.34"], ["127.0.0.1"]]})
    transport, seen = recording({"/feed": httpx.Response(200, content=b"ok")})
    got = fetch("https://news.example.com/feed", transport=transport, resolve=resolve)
    assert resolve.calls == ["news.example.com"]  # one lookup: nothing resolves it again
    (req,) = seen
    assert req.url.host == "93.184.216.34" and req.url.scheme == "https"
    assert req.headers["host"] == "news.example.com"
    assert req.extensions["sni_hostname"] == "news.example.com"
    assert got.url == "https://news.example.com/feed"


def test_ipv6_addresses_are_bracketed_and_ports_kept():
    resolve = Resolver({"v6.example.com": [["2606:2800:220:1:248:1893:25c8:1946"]]})
    transport, seen = recording({"/a": httpx.Response(200, content=b"ok")})
    fetch("http://v6.example.com:8080/a?x=1", transport=transport, resolve=resolve)
    (req,) = seen
    assert req.url.host == "2606:2800:220:1:248:1893:25c8:1946" and req.url.port == 8080
    assert req.headers["host"] == "v6.example.com:8080" and req.url.query == b"x=1"


def test_every_redirect_hop_is_resolved_checked_and_pinned():
    resolve = Resolver({"a.example.com": [["93.184.216.34"]], "b.example.com": [["10.1.2.3"]]})
    transport, seen = recording(
        {"/r": httpx.Response(302, headers={"location": "http://b.example.com/x"})}
    )
    with pytest.raises(FetchError, match=r"b\.example\.com \(10\.1\.2\.3\)"):
        fetch("http://a.example.com/r", transport=transport, resolve=resolve)
    assert resolve.calls == ["a.example.com", "b.example.com"] and len(seen) == 1


@pytest.mark.parametrize(
    "address",
    [
        "10.0.0.1",
        "172.16.5.4",
        "192.168.0.1",
        "127.0.0.1",
        "169.254.169.254",  # cloud metadata
        "224.0.0.1",  # multicast
        "240.0.0.1",  # reserved
        "0.0.0.0",
        "::1",
        "fe80::1",
        "fc00::1",
        "ff02::1",
        "::ffff:127.0.0.1",  # IPv4-mapped loopback
        "::ffff:10.0.0.1",
    ],
)
def test_every_kind_of_non_public_address_is_refused(address):
    resolve = Resolver({"evil.example.com": [[address]]})
    with pytest.raises(FetchError, match="private or local address"):
        check_address("http://evil.example.com/", resolve=resolve)


def test_one_private_address_among_public_ones_is_refused():
    resolve = Resolver({"mixed.example.com": [["93.184.216.34", "10.0.0.1"]]})
    with pytest.raises(FetchError, match=r"10\.0\.0\.1"):
        check_address("http://mixed.example.com/", resolve=resolve)
