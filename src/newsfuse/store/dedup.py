"""Keys that find the same article twice: a normalized URL, a hash of the normalized text, and a
MinHash signature of word 3-shingles for near-identical copies (a syndicated wire story with
another byline, a trimmed ending or a "Follow us" line).

Two texts are near-duplicates when the Jaccard similarity of their shingle sets, estimated from
``PERMUTATIONS`` min-hashes, is at least ``NEAR_JACCARD``. Locality-sensitive hashing finds the
candidates without comparing against every stored article: the signature is cut into ``BANDS``
bands of ``ROWS`` rows, and only articles that agree on a whole band are compared. A pair at
Jaccard 0.8 shares a band with probability 1 - (1 - 0.8^6)^20 = 0.998; unrelated news
(Jaccard < 0.05) practically never does.
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import numpy as np
import numpy.typing as npt

from newsfuse.text.tokens import folded_words, shingles

__all__ = [
    "BANDS",
    "NEAR_JACCARD",
    "band_keys",
    "jaccard",
    "minhash",
    "text_key",
    "url_key",
]

NEAR_JACCARD = 0.8
BANDS = 20
ROWS = 6
PERMUTATIONS = BANDS * ROWS
MIN_SHINGLES = 8
"""Texts with fewer shingles get no near-duplicate check (too easy to collide)."""

Signature = npt.NDArray[np.uint32]

# Multiply-shift hashing: h_i(x) = ((x ^ salt_i) * odd_i mod 2^64) >> 32. Fixed seeds, so the
# signatures stored in a database stay comparable across runs and machines.
_RNG = np.random.default_rng(20261121)
_SALT = _RNG.integers(0, 2**63, PERMUTATIONS, dtype=np.uint64)
_ODD = _RNG.integers(0, 2**63, PERMUTATIONS, dtype=np.uint64) * np.uint64(2) + np.uint64(1)

_TRACKING = re.compile(r"^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|ocid|cmpid|smid|ref|src)$", re.I)
_WORD = re.compile(r"\w+")


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
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    query = urlencode(sorted((k, v) for k, v in pairs if not _TRACKING.match(k)))
    path = parts.path.rstrip("/") or "/"
    return urlunsplit(("", host + port, path, query, ""))[2:]


def text_key(text: str) -> str:
    """Hash of the text's words, case-folded: equal for copies that differ only in spacing,
    punctuation or case."""
    words = folded_words(text)
    return hashlib.blake2b(" ".join(words).encode(), digest_size=16).hexdigest()


def minhash(text: str) -> Signature | None:
    """MinHash signature of the word 3-shingles, or None for texts too short to fingerprint."""
    grams = shingles(text, 3)
    if len(grams) < MIN_SHINGLES:
        return None
    digests = b"".join(hashlib.blake2b(s.encode(), digest_size=8).digest() for s in grams)
    x = np.frombuffer(digests, dtype="<u8")
    mixed = ((x[:, None] ^ _SALT[None, :]) * _ODD[None, :]) >> np.uint64(32)
    signature: Signature = mixed.min(axis=0).astype(np.uint32)
    return signature


def band_keys(signature: Signature) -> list[int]:
    """One signed 64-bit key per band (SQLite INTEGER), equal when the band's rows are equal."""
    keys = []
    for b in range(BANDS):
        digest = hashlib.blake2b(
            signature[b * ROWS : (b + 1) * ROWS].astype("<u4").tobytes(),
            digest_size=8,
            person=b.to_bytes(2, "little"),
        ).digest()
        keys.append(int.from_bytes(digest, "little", signed=True))
    return keys


def jaccard(a: Signature, b: Signature) -> float:
    """Estimated Jaccard similarity of the shingle sets behind two signatures."""
    return float(np.mean(a == b))
