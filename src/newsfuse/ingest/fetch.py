"""Fetching a URL safely: time-limited, size-limited, and never into the caller's own network.

A URL given to newsfuse may come from someone else (the web app, a feed list), so by default a
host that resolves to a loopback, private, link-local or otherwise non-public address is refused
(server-side request forgery). The host is resolved once per hop and the connection is made to
the very address that was checked (the request keeps its ``Host`` header and, for https, its
SNI name and certificate check), so a DNS answer that changes between check and connect
(rebinding) cannot redirect the fetch. Every redirect hop is checked again.
``allow_private=True`` lifts the check for your own intranet feeds.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx

from newsfuse.errors import FetchError

TIMEOUT_SECONDS = 15.0
"""Connect, read and write timeout of each request."""
MAX_BYTES = 10 * 1024 * 1024
"""Largest response body read; a feed or article page is far smaller."""
MAX_REDIRECTS = 5
USER_AGENT = "newsfuse/0.1 (+https://pypi.org/project/newsfuse/)"

Resolver = Callable[[str, int], list[str]]
"""``(host, port) -> IP addresses``; a seam so tests need no DNS."""


@dataclass(frozen=True, slots=True)
class Fetched:
    """A fetched response body and where it finally came from (after redirects)."""

    url: str
    content_type: str
    body: bytes
    status: int = 200
    """304 (with an empty body) when a conditional request found nothing new."""
    etag: str = ""
    last_modified: str = ""
    """The validators to send next time (``If-None-Match``, ``If-Modified-Since``)."""

    @property
    def charset(self) -> str:
        for part in self.content_type.split(";")[1:]:
            key, _, value = part.strip().partition("=")
            if key.lower() == "charset":
                return value.strip("\"' ")
        return ""


def is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]+):(//)?")
_KNOWN_SCHEMES = {"file", "ftp", "ftps", "sftp", "data", "mailto", "javascript", "gopher"}


def other_scheme(source: str) -> str:
    """The scheme of a URL newsfuse cannot fetch (``ftp``, ``file``, ...), else ``""``."""
    m = _SCHEME.match(source)
    if not m or is_url(source):
        return ""
    scheme = m.group(1).lower()
    return scheme if m.group(2) or scheme in _KNOWN_SCHEMES else ""


def fetch(
    url: str,
    *,
    transport: httpx.BaseTransport | None = None,
    allow_private: bool = False,
    timeout: float = TIMEOUT_SECONDS,
    max_bytes: int = MAX_BYTES,
    resolve: Resolver | None = None,
    headers: Mapping[str, str] | None = None,
) -> Fetched:
    """GET ``url`` and return its body; any failure is a ``FetchError`` saying what to do.

    ``headers`` are sent with every hop (``newsfuse watch`` sends its conditional ones); a 304
    answer is returned as ``Fetched(status=304)`` with an empty body."""
    resolver = resolve or _resolve
    current = url
    with httpx.Client(
        transport=transport,
        timeout=timeout,
        follow_redirects=False,
        headers={"User-Agent": USER_AGENT},
    ) as client:
        for _ in range(MAX_REDIRECTS + 1):
            address = check_address(current, allow_private=allow_private, resolve=resolver)
            target, pinned, extensions = _pinned(current, address)
            sent = {**(headers or {}), **pinned}
            try:
                with client.stream("GET", target, headers=sent, extensions=extensions) as resp:
                    if resp.is_redirect and "location" in resp.headers:
                        current = urljoin(current, resp.headers["location"])
                        continue
                    if resp.status_code >= 400:
                        raise _error(
                            url, f"the server answered HTTP {resp.status_code}", "check the URL"
                        )
                    kind = resp.headers.get("content-type", "")
                    etag = resp.headers.get("etag", "")
                    modified = resp.headers.get("last-modified", "")
                    if resp.status_code == 304:
                        return Fetched(current, kind, b"", 304, etag, modified)
                    body = _read_limited(resp, url, max_bytes)
                    return Fetched(current, kind, body, resp.status_code, etag, modified)
            except httpx.TimeoutException as exc:
                raise _error(
                    url, f"no answer within {timeout:g} s", "try again later or check the URL"
                ) from exc
            except httpx.HTTPError as exc:
                raise _error(
                    url, f"could not fetch it ({exc})", "check the URL and your network"
                ) from exc
    raise _error(url, f"more than {MAX_REDIRECTS} redirects", "give the final URL instead")


def check_address(
    url: str, *, allow_private: bool = False, resolve: Resolver | None = None
) -> str | None:
    """Refuse non-http(s) URLs and, unless ``allow_private``, hosts with non-public addresses
    (every address the host has must be public). Returns the address to connect to (``None``
    with ``allow_private``: the HTTP client resolves it itself)."""
    try:
        parts = urlsplit(url)
        port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
    except ValueError as exc:  # "http://[::1" (unclosed IPv6 bracket), port 99999
        raise _error(url, f"not a valid URL ({exc})", "check the brackets and the port") from None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise _error(url, "not an http(s) URL", "give a URL like https://example.com/feed.xml")
    if allow_private:
        return None
    try:
        addresses = (resolve or _resolve)(parts.hostname, port)
    except (OSError, UnicodeError) as exc:
        raise _error(url, f"cannot resolve host {parts.hostname}", "check the URL") from exc
    if not addresses:
        raise _error(url, f"cannot resolve host {parts.hostname}", "check the URL")
    for addr in addresses:
        ip = ipaddress.ip_address(addr.split("%")[0])
        if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
            ip = ip.ipv4_mapped
        if not ip.is_global or ip.is_multicast or ip.is_reserved:
            raise _error(
                url,
                f"refusing to fetch from {parts.hostname} ({ip}), a private or local address",
                "allow private addresses (--allow-private, or allow_private=True in Python) to "
                "read feeds from your own network",
            )
    return addresses[0]


def _pinned(url: str, address: str | None) -> tuple[str, dict[str, str], dict[str, object]]:
    """The request for ``url`` sent to ``address``: the URL with the host replaced by the
    address, the original ``Host`` header, and for https the SNI name (httpcore verifies the
    certificate against it, not against the address)."""
    if address is None:
        return url, {}, {}
    parts = urlsplit(url)
    host = parts.hostname or ""
    ip = ipaddress.ip_address(address.split("%")[0])
    if str(ip) == host.strip("[]"):
        return url, {}, {}  # an address literal: nothing to pin
    literal = f"[{ip}]" if ip.version == 6 else str(ip)
    netloc = literal + (f":{parts.port}" if parts.port else "")
    target = urlunsplit((parts.scheme, netloc, parts.path or "/", parts.query, ""))
    headers = {"Host": host + (f":{parts.port}" if parts.port else "")}
    extensions: dict[str, object] = {}
    if parts.scheme.lower() == "https":
        extensions["sni_hostname"] = host
    return target, headers, extensions


def _resolve(host: str, port: int) -> list[str]:
    try:
        return [str(ipaddress.ip_address(host))]
    except ValueError:
        pass
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return sorted({str(info[4][0]) for info in infos})


def _read_limited(resp: httpx.Response, url: str, max_bytes: int) -> bytes:
    """Read the body, stopping as soon as it passes ``max_bytes`` (never trusting the header)."""
    declared = resp.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise _too_big(url, max_bytes)
    buf = bytearray()
    for chunk in resp.iter_bytes():
        buf += chunk
        if len(buf) > max_bytes:
            raise _too_big(url, max_bytes)
    return bytes(buf)


def _too_big(url: str, max_bytes: int) -> FetchError:
    return _error(
        url, f"the response is larger than {max_bytes:,} bytes", "download it and pass the file"
    )


def _error(url: str, problem: str, fix: str) -> FetchError:
    return FetchError(f"{url}: {problem}; {fix}")
