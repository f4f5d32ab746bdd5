"""The reference clusterers the benchmark compares against."""

from __future__ import annotations

import numpy as np

from newsfuse.stories.baselines import agglomerative, hdbscan, single_pass_tfidf


def test_single_pass_tfidf_groups_shared_words_at_a_threshold() -> None:
    docs = [
        {"quake": 2, "nepal": 1},
        {"quake": 1, "nepal": 2},
        {"vote": 1, "ballot": 1},
        {"vote": 2, "runoff": 1},
        {"quake": 1, "vote": 1},
    ]
    # The last one shares a word with each; "vote" is rarer in the stream so far than "quake".
    assert single_pass_tfidf(docs, 0.3) == [0, 0, 1, 1, 1]
    assert single_pass_tfidf(docs, 0.99) == [0, 1, 2, 3, 4]
    assert single_pass_tfidf(docs, 0.0) == [0] * 5


def test_embedding_baselines_split_two_blobs() -> None:
    rng = np.random.default_rng(0)
    a = rng.normal([5, 0, 0], 0.1, (6, 3))
    b = rng.normal([0, 5, 0], 0.1, (6, 3))
    vecs = np.vstack([a, b]).astype(np.float32)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    labels = agglomerative(vecs, 0.3)
    assert len(set(labels[:6])) == 1 and len(set(labels[6:])) == 1
    assert labels[0] != labels[6]
    dense = hdbscan(vecs, 2)  # may split a blob, never mixes the two
    assert not set(dense[:6]) & set(dense[6:])
    assert len(set(dense)) < len(dense)
    assert agglomerative(vecs[:1], 0.3) == [0]
