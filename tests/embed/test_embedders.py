"""Embedders: the fake is deterministic, the switch is checked, int8 ONNX stays close to torch."""

from __future__ import annotations

import numpy as np
import pytest

from newsfuse.embed import HashingEmbedder, minilm
from newsfuse.errors import ModelError

SENTENCES = [
    "Secretary of State John Kerry hopes to secure a cease-fire in Syria.",
    "Kerry wants a ceasefire in Syria and aid for civilians.",
    "The weather in Munich was cold and wet all week.",
]


def test_hashing_embedder_is_normalized_and_deterministic() -> None:
    a = HashingEmbedder().embed(SENTENCES)
    b = HashingEmbedder().embed(SENTENCES)
    assert a.dtype == np.float32 and a.shape == (3, 256)
    assert np.array_equal(a, b)
    assert np.allclose(np.linalg.norm(a, axis=1), 1.0)
    assert a[0] @ a[1] > a[0] @ a[2]


def test_unknown_embedder_choice_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(minilm, "_DEFAULT", None)
    monkeypatch.setenv("NEWSFUSE_EMBEDDER", "bert-huge")
    with pytest.raises(ModelError, match="NEWSFUSE_EMBEDDER='bert-huge'"):
        minilm.default_embedder()


def test_hashing_choice_gives_the_fake(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(minilm, "_DEFAULT", None)
    monkeypatch.setenv("NEWSFUSE_EMBEDDER", "hashing")
    assert isinstance(minilm.default_embedder(), HashingEmbedder)


@pytest.mark.slow
def test_int8_onnx_stays_close_to_the_float_model() -> None:
    from newsfuse.embed import MiniLMEmbedder, OnnxMiniLMEmbedder

    onnx = OnnxMiniLMEmbedder().embed(SENTENCES)
    torch = MiniLMEmbedder().embed(SENTENCES)
    assert np.all((onnx * torch).sum(axis=1) > 0.97)
    # The similarity structure the thresholds rely on survives quantization.
    assert abs(float(onnx[0] @ onnx[1]) - float(torch[0] @ torch[1])) < 0.03
    assert onnx[0] @ onnx[1] > 0.7 > onnx[0] @ onnx[2]
