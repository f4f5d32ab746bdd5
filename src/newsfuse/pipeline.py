"""From articles to the shared working set every analysis reads: sentences, a cheap sketch vector
for each, and real embeddings computed only for the sentences that need them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

import numpy as np

from newsfuse.embed import Embedder, Vectors, default_embedder, sketcher_for
from newsfuse.models import Sentence, Story
from newsfuse.text.sentences import split_article


@dataclass(frozen=True, slots=True, eq=False)
class Prepared:
    """A story split into sentences.

    ``sentences[i]`` has the sketch vector ``sketch[i]`` (for ranking and screening) and the
    embedding ``embed([i])[0]`` (for decisions: citations, redundancy). Embeddings are computed
    on demand, once each; ``vectors`` embeds every sentence. ``by_article[aid]`` lists the
    positions in ``sentences`` of that article's sentences, in text order.
    """

    story: Story
    sentences: tuple[Sentence, ...]
    sketch: Vectors
    embedder: Embedder
    by_article: dict[str, list[int]] = field(default_factory=dict)
    _by_text: dict[str, Vectors] = field(default_factory=dict, repr=False)

    def position(self, article_id: str, index: int) -> int:
        """Row of sentence ``index`` of ``article_id`` in ``sentences``."""
        return self.by_article[article_id][index]

    def is_embedded(self, row: int) -> bool:
        return self.sentences[row].text in self._by_text

    def embed(self, rows: Iterable[int]) -> Vectors:
        """Embeddings of ``rows`` (in that order), computing the missing ones in one batch.

        Vectors are kept by text, so syndicated copies of a sentence are embedded once."""
        texts = [self.sentences[r].text for r in rows]
        missing = [t for t in dict.fromkeys(texts) if t not in self._by_text]
        if missing:
            for text, vec in zip(missing, self.embedder.embed(missing), strict=True):
                self._by_text[text] = vec
        if not texts:
            return np.zeros((0, self.embedder.dim), dtype=np.float32)
        return np.stack([self._by_text[t] for t in texts])

    @property
    def vectors(self) -> Vectors:
        """Every sentence's embedding; row ``i`` belongs to ``sentences[i]``."""
        return self.embed(range(len(self.sentences)))


def prepare(
    story: Story,
    embedder: Embedder | None = None,
    sketcher: Embedder | Literal["auto"] | None = "auto",
) -> Prepared:
    """Split every article of the story into sentences and sketch them.

    ``embedder`` defaults to ``embed.default_embedder()``. With a sketcher (``"auto"``:
    ``embed.sketcher_for(embedder)``, the static MiniLM table), sketches are its vectors centered
    on the story and the embedder runs only for the sentences a decision needs. With ``None`` (or
    when the embedder has no sketch), every sentence is embedded now and the sketch is the
    embedding itself: exact, and slower.
    """
    embedder = embedder if embedder is not None else default_embedder()
    if sketcher == "auto":
        sketcher = sketcher_for(embedder)
    sentences: list[Sentence] = []
    by_article: dict[str, list[int]] = {}
    for article in story.articles:
        rows = by_article.setdefault(article.id, [])
        for s in split_article(article):
            rows.append(len(sentences))
            sentences.append(s)
    texts = [s.text for s in sentences]
    if sketcher is None:
        vectors = embedder.embed(texts) if texts else np.zeros((0, embedder.dim), np.float32)
        known = dict(zip(texts, vectors, strict=True))
        return Prepared(story, tuple(sentences), vectors, embedder, by_article, known)
    return Prepared(story, tuple(sentences), centered(sketcher.embed(texts)), embedder, by_article)


def centered(vectors: Vectors) -> Vectors:
    """Vectors minus their mean, renormalized: cosines then measure what sets a sentence apart
    from the rest of its story rather than what every sentence of it shares."""
    if len(vectors) < 2:
        return vectors
    shifted = vectors - vectors.mean(axis=0)
    result: Vectors = shifted / np.maximum(np.linalg.norm(shifted, axis=1, keepdims=True), 1e-12)
    return result.astype(np.float32)
