"""A deterministic, dependency-free embedder for unit tests: hashed word unigrams and bigrams."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from itertools import pairwise

import numpy as np

from newsfuse.embed import Vectors

_WORD = re.compile(r"\w+")


class HashingEmbedder:
    """Bag of hashed lowercase words and bigrams. Texts sharing words get high cosine; unrelated
    texts get near zero. Stable across runs and machines (no Python ``hash``)."""

    name = "hashing"

    def __init__(self, dim: int = 256) -> None:
        self.dim = dim

    def embed(self, texts: Sequence[str]) -> Vectors:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            words = _WORD.findall(text.lower())
            for feat in [*words, *(f"{a} {b}" for a, b in pairwise(words))]:
                h = int.from_bytes(hashlib.blake2b(feat.encode(), digest_size=8).digest(), "big")
                out[i, h % self.dim] += 1.0 if (h >> 32) & 1 else -1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        result: Vectors = (out / norms).astype(np.float32)
        return result
