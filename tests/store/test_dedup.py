"""Duplicate keys: URL normalization, text hashes and MinHash near-duplicates."""

from __future__ import annotations

import random

import numpy as np

from newsfuse.store.dedup import BANDS, NEAR_JACCARD, band_keys, jaccard, minhash, text_key, url_key

WORDS = [
    "the",
    "minister",
    "said",
    "on",
    "tuesday",
    "that",
    "talks",
    "with",
    "the",
    "union",
    "over",
    "pay",
    "and",
    "pensions",
    "would",
    "resume",
    "next",
    "week",
    "after",
    "a",
    "strike",
    "closed",
    "schools",
    "hospitals",
    "and",
    "railway",
    "stations",
    "across",
    "the",
    "country",
    "while",
    "opposition",
    "leaders",
    "called",
    "for",
    "an",
    "inquiry",
    "into",
    "how",
    "the",
    "dispute",
    "had",
    "been",
    "handled",
]


def _text(seed: int, n: int = 300) -> str:
    rng = random.Random(seed)
    return " ".join(rng.choice(WORDS) for _ in range(n))


def test_url_key_ignores_scheme_www_fragment_tracking_and_trailing_slash() -> None:
    a = url_key("https://www.Example.com/news/story-1/?utm_source=x&id=5#top")
    b = url_key("http://example.com/news/story-1?id=5")
    assert a == b == "example.com/news/story-1?id=5"
    assert url_key("https://example.com/news/story-2") != a
    assert url_key("") is None
    assert url_key("file:///tmp/a.html") is None


def test_text_key_ignores_case_spacing_and_punctuation_only() -> None:
    assert text_key("Hello,  World!\nAgain.") == text_key("hello world again")
    assert text_key("hello world again") != text_key("hello world, again and again")


def test_minhash_finds_edited_copies_and_not_other_texts() -> None:
    base = _text(1)
    words = base.split()
    # A syndicated copy: another first line, a trimmed ending, a footer.
    edited = " ".join(["By", "Staff", "Reports", *words[3:280], "Follow", "us", "online"])
    a, b, c = minhash(base), minhash(edited), minhash(_text(2))
    assert a is not None and b is not None and c is not None
    assert jaccard(a, b) >= NEAR_JACCARD
    assert jaccard(a, c) < 0.3
    assert set(band_keys(a)) & set(band_keys(b))  # LSH makes them candidates
    assert len(band_keys(a)) == BANDS


def test_signatures_are_stable_across_calls() -> None:
    a, b = minhash(_text(5)), minhash(_text(5))
    assert a is not None and b is not None
    assert np.array_equal(a, b) and band_keys(a) == band_keys(b)


def test_short_texts_get_no_signature() -> None:
    assert minhash("Too short to fingerprint.") is None
