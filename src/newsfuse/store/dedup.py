"""Keys that find the same article twice: a normalized URL, a hash of the normalized text, and a
SimHash of word 3-shingles for near-identical copies (a syndicated story with another byline or
a trailing "Follow us" line).

Two texts are near-duplicates when their 64-bit SimHashes differ in at most ``NEAR_BITS`` bits
(Manku et al., WWW 2007, use 3 for web pages). Splitting the hash in ``NEAR_BITS + 1`` bands
guarantees that such a pair agrees on at least one whole band, so an index on the bands finds
every candidate without comparing against every stored article.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import numpy as np

__all__ = [
    "BANDS",
    "NEAR_BITS",
    "bands",
    "hamming",
    "simhash",
    "text_key",
    "url_key",
]

NEAR_BITS = 3
BANDS = NEAR_BITS + 1
_BAND_BITS = 64 // BANDS

_TRACKING = re.compile(r"^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|ocid|cmpid|smid|ref|src)$", re.I)
_WORD = re.compile(r"\w+")
_MIN_SHINGLES = 8
"""Texts shorter than this many shingles get no near-duplicate check (too easy to collide)."""


def url_key(url: str) -> str | None:
    """The URL without scheme, ``www.``, fragment, tracking parameters or trailing slash, so
    the same page fetched two ways compares equal; None when there is no http(s) URL."""
    url = url.strip()
    if not url:
        return None
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.lower().removeprefix("www.")
    port = f":{parts.port}" if parts.port and parts.port not in (80, 443) else ""
    query = urlencode(
        sorted(
            (k, v)
            for k, v in parse_qsl(parts.query, keep_blank_values=True)
            if not _TRACKING.match(k)
        )
    )
    path = parts.path.rstrip("/") or "/"
    return urlunsplit(("", host + port, path, query, ""))[2:]


def _normalized_words(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKC", text).casefold()
    return _WORD.findall(folded)


def text_key(text: str) -> str:
    """Hash of the text's words, case-folded: equal for copies that differ only in spacing,
    punctuation or case."""
    words = _normalized_words(text)
    return hashlib.blake2b(" ".join(words).encode(), digest_size=16).hexdigest()


def simhash(text: str) -> int:
    """64-bit SimHash of the word 3-shingles, as a signed integer (SQLite's INTEGER); 0 for
    texts too short to fingerprint."""
    words = _normalized_words(text)
    shingles = {" ".join(words[i : i + 3]) for i in range(max(0, len(words) - 2))}
    if len(shingles) < _MIN_SHINGLES:
        return 0
    digests = b"".join(
        hashlib.blake2b(s.encode(), digest_size=8).digest() for s in sorted(shingles)
    )
    hashes = np.frombuffer(digests, dtype=">u8")
    bits = np.unpackbits(hashes.view(np.uint8).reshape(-1, 8), axis=1)  # (n, 64), MSB first
    votes = bits.sum(axis=0, dtype=np.int64) * 2 - len(hashes)
    value = 0
    for bit in votes > 0:
        value = (value << 1) | int(bit)
    return value - (1 << 64) if value >= 1 << 63 else value


def bands(value: int) -> list[int]:
    """The ``BANDS`` 16-bit pieces of a SimHash, most significant first."""
    unsigned = value & ((1 << 64) - 1)
    mask = (1 << _BAND_BITS) - 1
    return [(unsigned >> (64 - _BAND_BITS * (i + 1))) & mask for i in range(BANDS)]


def hamming(a: int, b: int) -> int:
    """Number of differing bits of two 64-bit hashes."""
    return ((a ^ b) & ((1 << 64) - 1)).bit_count()
