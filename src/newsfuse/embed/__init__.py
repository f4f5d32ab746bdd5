"""Sentence embeddings behind a small Protocol, so tests can swap in a deterministic fake."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import numpy as np
import numpy.typing as npt

__all__ = [
    "Embedder",
    "HashingEmbedder",
    "MiniLMEmbedder",
    "OnnxMiniLMEmbedder",
    "StaticMiniLM",
    "Vectors",
    "default_embedder",
    "sketcher_for",
]

Vectors = npt.NDArray[np.float32]
"""Row ``i`` is the L2-normalized embedding of text ``i``; dot products are cosines."""


class Embedder(Protocol):
    """Turns texts into L2-normalized vectors."""

    name: str
    dim: int

    def embed(self, texts: Sequence[str]) -> Vectors: ...


from newsfuse.embed.fake import HashingEmbedder  # noqa: E402
from newsfuse.embed.minilm import MiniLMEmbedder, default_embedder, sketcher_for  # noqa: E402
from newsfuse.embed.onnx import OnnxMiniLMEmbedder  # noqa: E402
from newsfuse.embed.static import StaticMiniLM  # noqa: E402
