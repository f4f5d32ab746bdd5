"""Prepared stories: sketches for all, embeddings only on demand, each text embedded once."""

from __future__ import annotations

import numpy as np

from newsfuse.embed import HashingEmbedder
from newsfuse.models import Article, Story
from newsfuse.pipeline import centered, prepare

STORY = Story(
    "s",
    (
        Article(
            id="a0",
            text="Rescue teams reached the flooded valley on Sunday after two days of rain.\n"
            "Hundreds of homes were damaged and the main bridge was closed.",
        ),
        Article(
            id="a1",
            text="Rescue teams reached the flooded valley on Sunday after two days of rain.\n"
            "The regional government promised emergency funds for the families.\n"
            "Schools will stay shut until Wednesday, officials said.",
        ),
    ),
)


def test_with_a_sketcher_nothing_is_embedded_until_asked(recording_embedder) -> None:  # type: ignore[no-untyped-def]
    model = recording_embedder
    p = prepare(STORY, model, sketcher=HashingEmbedder())
    assert model.seen == []
    assert p.sketch.shape == (5, 256)
    first = p.embed([0, 3])
    assert model.seen == [p.sentences[0].text, p.sentences[3].text]
    assert np.array_equal(
        first, HashingEmbedder().embed([p.sentences[0].text, p.sentences[3].text])
    )
    p.embed([3, 0])
    assert len(model.seen) == 2, "embedded rows are kept"


def test_identical_sentences_are_embedded_once(recording_embedder) -> None:  # type: ignore[no-untyped-def]
    model = recording_embedder
    p = prepare(STORY, model, sketcher=HashingEmbedder())
    twin = p.position("a1", 0)
    vectors = p.embed([0, twin])
    assert model.seen == [p.sentences[0].text]
    assert np.array_equal(vectors[0], vectors[1])
    assert p.is_embedded(twin)


def test_vectors_embed_every_sentence_in_order(recording_embedder) -> None:  # type: ignore[no-untyped-def]
    model = recording_embedder
    p = prepare(STORY, model, sketcher=HashingEmbedder())
    expected = HashingEmbedder().embed([s.text for s in p.sentences])
    assert np.array_equal(p.vectors, expected)
    assert len(model.seen) == len(p.sentences) - 1  # the syndicated copy is reused


def test_without_a_sketcher_the_sketch_is_the_exact_embedding(recording_embedder) -> None:  # type: ignore[no-untyped-def]
    model = recording_embedder
    p = prepare(STORY, model, sketcher=None)
    assert len(model.seen) == len(p.sentences)
    assert np.array_equal(p.sketch, p.vectors)
    assert all(p.is_embedded(i) for i in range(len(p.sentences)))


def test_auto_uses_no_sketch_for_an_embedder_that_has_none() -> None:
    p = prepare(STORY, HashingEmbedder())
    assert np.array_equal(p.sketch, p.vectors)


def test_centered_sketches_have_zero_mean_and_unit_length() -> None:
    v = HashingEmbedder().embed([s.text for s in prepare(STORY, HashingEmbedder()).sentences])
    c = centered(v)
    assert np.allclose(np.linalg.norm(c, axis=1), 1.0, atol=1e-5)
    assert np.linalg.norm(c.sum(axis=0)) < np.linalg.norm(v.sum(axis=0))
    one = v[:1]
    assert np.array_equal(centered(one), one), "one sentence has nothing to center on"
