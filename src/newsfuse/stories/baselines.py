"""Reference clusterers that story detection is measured against (``benchmarks/clustering.py``).

* ``single_pass_tfidf``: the classic online baseline (Allan et al., TDT 1998): each article
  joins the story whose TF-IDF centroid is most similar when the cosine clears a fixed
  threshold, else starts one. Same stems and incremental IDF as ours, but no embeddings, names,
  titles or time, and every story is compared.
* ``single_pass_embedding``: the same single pass over the article embeddings (cosine with
  each story's mean vector, one fixed threshold).
* ``agglomerative``: average-linkage clustering of the article embeddings (cosine), cut at a
  distance threshold; a batch method that sees all articles at once.
* ``hdbscan``: HDBSCAN on the article embeddings; noise points become singleton stories.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from newsfuse.embed import Vectors
from newsfuse.stories.features import TermStats

__all__ = ["agglomerative", "hdbscan", "single_pass_embedding", "single_pass_tfidf"]


def single_pass_tfidf(docs: Sequence[Mapping[str, int]], threshold: float) -> list[int]:
    """Story number of each document (term counts), in input order.

    Exact, not indexed: all article-article dot products come from one sparse product, so a
    centroid's dot with an article is a sum over its members (O(n^2) memory; for benchmarks).
    """
    # scipy ships no type information (and pyproject's untyped-module list is not ours).
    from scipy.sparse import csr_matrix  # type: ignore[import-untyped]

    stats = TermStats()
    vocab: dict[str, int] = {}
    data: list[float] = []
    cols: list[int] = []
    indptr = [0]
    for terms in docs:
        stats.observe(terms)
        for t, w in stats.weigh(terms, keep=len(terms)).items():
            cols.append(vocab.setdefault(t, len(vocab)))
            data.append(w)
        indptr.append(len(cols))
    x = csr_matrix((data, cols, indptr), shape=(len(docs), max(1, len(vocab))))
    sims = np.asarray((x @ x.T).todense())
    labels = np.zeros(len(docs), dtype=np.int64)
    norms2: list[float] = []
    for i in range(len(docs)):
        if norms2:
            dots = np.bincount(labels[:i], weights=sims[i, :i], minlength=len(norms2))
            cos = dots / np.sqrt(np.maximum(norms2, 1e-12))
            best = int(np.argmax(cos))
            if cos[best] >= threshold:
                labels[i] = best
                norms2[best] += 2 * dots[best] + sims[i, i]
                continue
        labels[i] = len(norms2)
        norms2.append(float(sims[i, i]))
    return [int(x) for x in labels]


def single_pass_embedding(vectors: Vectors, threshold: float) -> list[int]:
    """Story number of each L2-normalized vector, in input order: join the story whose summed
    vector is closest in cosine when it clears ``threshold``, else start one."""
    sums = np.zeros((0, vectors.shape[1] if len(vectors) else 0))
    labels: list[int] = []
    for v in np.asarray(vectors, dtype=np.float64):
        if len(sums):
            norms = np.linalg.norm(sums, axis=1)
            cos = (sums @ v) / np.maximum(norms, 1e-12)
            best = int(np.argmax(cos))
            if cos[best] >= threshold:
                sums[best] += v
                labels.append(best)
                continue
        labels.append(len(sums))
        sums = np.vstack([sums, v[None, :]])
    return labels


def agglomerative(vectors: Vectors, distance: float) -> list[int]:
    """Average-linkage clusters of L2-normalized vectors, merged while cosine distance is below
    ``distance``."""
    if len(vectors) < 2:
        return list(range(len(vectors)))
    from sklearn.cluster import AgglomerativeClustering

    model = AgglomerativeClustering(
        n_clusters=None, distance_threshold=distance, metric="cosine", linkage="average"
    )
    return [int(x) for x in model.fit_predict(vectors)]


def hdbscan(vectors: Vectors, min_cluster_size: int = 2) -> list[int]:
    """HDBSCAN clusters (Euclidean on unit vectors, i.e. monotone in cosine); each noise point
    is its own story."""
    if len(vectors) < 2:
        return list(range(len(vectors)))
    from sklearn.cluster import HDBSCAN

    labels = HDBSCAN(min_cluster_size=min_cluster_size, copy=True).fit_predict(
        np.asarray(vectors, dtype=np.float64)
    )
    top = int(labels.max()) + 1 if len(labels) else 0
    return [int(x) if x >= 0 else top + i for i, x in enumerate(labels)]
