"""Real clients over a real socket read the 413/415/422 of a body they sent in full.

urllib writes the whole body before it reads anything; if the server answered and closed without
reading the rest, the kernel would reset the connection and the client would see an error, not
the answer. ``BodyLimitMiddleware`` drains the unread body first.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from web_fakes import CountingBuilder

from newsfuse.embed import HashingEmbedder
from newsfuse.web import create_app
from newsfuse.web.server import running_server

BIG = 15 * 1024 * 1024  # over the default 8 MiB limit


@pytest.fixture(scope="module")
def url() -> Iterator[str]:
    app = create_app(brief_builder=CountingBuilder(), embedder=HashingEmbedder(), warm_up=False)
    with running_server(app) as base:
        yield base


def _urllib(url: str, body: bytes, media: str) -> tuple[int, dict]:
    req = urllib.request.Request(url, data=body, headers={"content-type": media}, method="POST")
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


@pytest.mark.parametrize(
    ("size", "media", "status"),
    [
        (BIG, "application/json", 413),
        (2_000_000, "text/plain", 415),
        (2_000_000, "application/json", 422),
    ],
)
def test_urllib_reads_the_answer(url: str, size: int, media: str, status: int) -> None:
    code, body = _urllib(url + "/api/brief", b"x" * size, media)
    assert code == status and body["error"]


def test_requests_reads_the_413(url: str) -> None:
    requests = pytest.importorskip("requests")
    r = requests.post(
        url + "/api/brief",
        data=b"x" * BIG,
        headers={"content-type": "application/json"},
        timeout=60,
    )
    assert r.status_code == 413 and "byte limit" in r.json()["error"]


def test_httpx_reads_the_413(url: str) -> None:
    import httpx

    r = httpx.post(
        url + "/api/brief",
        content=b"x" * BIG,
        headers={"content-type": "application/json"},
        timeout=60,
    )
    assert r.status_code == 413 and "byte limit" in r.json()["error"]


@pytest.mark.skipif(shutil.which("curl") is None, reason="no curl here")
@pytest.mark.parametrize("expect", [None, ""], ids=["expect-100", "no-expect"])
def test_curl_reads_the_413(url: str, tmp_path: Path, expect: str | None) -> None:
    body = tmp_path / "big.json"
    body.write_bytes(b"x" * BIG)
    cmd = ["curl", "-sS", "-H", "content-type: application/json", "--data-binary", f"@{body}"]
    if expect is not None:
        cmd += ["-H", "Expect:"]  # send the body at once, no 100-continue
    cmd += ["-w", "\n%{http_code}", url + "/api/brief"]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=60, check=True).stdout
    text, _, code = out.rpartition("\n")
    assert code == "413" and "byte limit" in json.loads(text)["error"]
