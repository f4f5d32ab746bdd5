"""From articles to the shared working set every analysis reads: sentences, a cheap sketch vector
for each, and real embeddings computed only for the sentences that need them."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

import numpy as np
import numpy.typing as npt

from newsfuse.budget import checkpoint, step
from newsfuse.embed import Embedder, Vectors, default_embedder, sketcher_for
from newsfuse.models import Article, Sentence, Story
from newsfuse.text.sentences import split_article

if TYPE_CHECKING:  # scipy is heavy to import: commands that never compare sentences skip it
    from scipy import sparse  # type: ignore[import-untyped]  # scipy ships no type information

EMBED_BATCH = 256
"""Sentences embedded in one call: about half a second of the ONNX model on two cores, the
longest a time limit or a cancel waits to be noticed while a story is embedded."""


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
    query: str = ""
    """The reader's question; empty for a generic summary."""
    query_sketch: Vectors | None = None
    """The query's sketch vector, centered like ``sketch`` (``None`` without a query)."""
    background: frozenset[str] = frozenset()
    """Ids of the story's articles the reader has already read: they are compared against but
    never summarized (an update summary covers what the other articles add)."""
    _derived: dict[object, object] = field(default_factory=dict, repr=False)
    """What is computed once from the sentences: the stacked embeddings, neighbour graphs."""

    def is_background(self, row: int) -> bool:
        return self.sentences[row].article_id in self.background

    @property
    def new_articles(self) -> dict[str, list[int]]:
        """``by_article`` without the background articles."""
        return {a: r for a, r in self.by_article.items() if a not in self.background}

    def position(self, article_id: str, index: int) -> int:
        """Row of sentence ``index`` of ``article_id`` in ``sentences``."""
        return self.by_article[article_id][index]

    def article_codes(self) -> npt.NDArray[np.intp]:
        """Per row, its article's position in the story; -1 for rows of background articles."""
        codes = self._derived.get("article_codes")
        if codes is None:
            codes = self._derived["article_codes"] = np.array(
                [
                    -1 if s.article_id in self.background else self.story.order(s.article_id)
                    for s in self.sentences
                ],
                dtype=np.intp,
            )
        return codes  # type: ignore[return-value]

    def is_embedded(self, row: int) -> bool:
        return self.sentences[row].text in self._by_text

    def embed(self, rows: Iterable[int]) -> Vectors:
        """Embeddings of ``rows`` (in that order), computing the missing ones in one batch.

        Vectors are kept by text, so syndicated copies of a sentence are embedded once."""
        texts = [self.sentences[r].text for r in rows]
        missing = [t for t in dict.fromkeys(texts) if t not in self._by_text]
        if missing:
            for text, vec in zip(missing, embed_batched(self.embedder, missing), strict=True):
                self._by_text[text] = vec
        if not texts:
            return np.zeros((0, self.embedder.dim), dtype=np.float32)
        return np.stack([self._by_text[t] for t in texts])

    @property
    def vectors(self) -> Vectors:
        """Every sentence's embedding; row ``i`` belongs to ``sentences[i]`` (computed once)."""
        full = self._derived.get("vectors")
        if full is None:
            full = self._derived["vectors"] = self.embed(range(len(self.sentences)))
        return full  # type: ignore[return-value]

    def neighbors(self, k: int, floor: float) -> sparse.csr_matrix:
        """Embedding similarities of each sentence's ``k`` nearest sentences of *other* articles
        at or above ``floor`` (``embed.neighbors``; computed once per ``k`` and ``floor``): the
        pairs worth comparing."""
        key = ("neighbors", k, floor)
        graph = self._derived.get(key)
        if graph is None:
            from newsfuse.embed.neighbors import neighbors

            articles = [s.article_id for s in self.sentences]
            graph = self._derived[key] = neighbors(self.vectors, k, floor, articles)
        return graph


def embed_batched(embedder: Embedder, texts: Sequence[str]) -> Vectors:
    """``embedder.embed(texts)`` in ``EMBED_BATCH`` pieces, a checkpoint before each, so a time
    limit or a cancel is noticed while a story is embedded."""
    parts = [np.zeros((0, embedder.dim), np.float32)]
    for start in range(0, len(texts), EMBED_BATCH):
        checkpoint()
        parts.append(embedder.embed(texts[start : start + EMBED_BATCH]))
    return np.concatenate(parts)


def prepare(
    story: Story,
    embedder: Embedder | None = None,
    sketcher: Embedder | Literal["auto"] | None = "auto",
    *,
    query: str = "",
    background: Iterable[str] = (),
) -> Prepared:
    """Split every article of the story into sentences and sketch them.

    ``embedder`` defaults to ``embed.default_embedder()``. With a sketcher (``"auto"``:
    ``embed.sketcher_for(embedder)``, the static MiniLM table), sketches are its vectors centered
    on the story and the embedder runs only for the sentences a decision needs. With ``None`` (or
    when the embedder has no sketch), every sentence is embedded now and the sketch is the
    embedding itself: exact, and slower.

    ``query`` focuses summaries on the reader's question; ``background`` names articles of the
    story the reader has already read (see ``Prepared``).
    """
    step("splitting sentences")
    embedder = embedder if embedder is not None else default_embedder()
    if sketcher == "auto":
        sketcher = sketcher_for(embedder)
    sentences: list[Sentence] = []
    by_article: dict[str, list[int]] = {}
    for article in story.articles:
        checkpoint()
        rows = by_article.setdefault(article.id, [])
        for s in split_article(article):
            rows.append(len(sentences))
            sentences.append(s)
    texts = [s.text for s in sentences]
    query = " ".join(query.split())
    read = frozenset(background) & by_article.keys()
    if sketcher is None:
        vectors = embed_batched(embedder, texts)
        known = dict(zip(texts, vectors, strict=True))
        q = embedder.embed([query]) if query else None
        return Prepared(
            story, tuple(sentences), vectors, embedder, by_article, known, query, q, read
        )
    raw = sketcher.embed([*texts, query] if query else texts)
    n = len(texts)
    sketch = centered(raw[:n])
    mean = raw[:n].mean(axis=0) if n >= 2 else np.zeros(raw.shape[1], np.float32)
    q = centered(raw[n:], mean=mean) if query else None
    return Prepared(story, tuple(sentences), sketch, embedder, by_article, {}, query, q, read)


def with_background(story: Story, background: Sequence[Article]) -> tuple[Story, frozenset[str]]:
    """``story`` with the articles the reader has already read put first, and their ids. A
    read article whose id a new one also uses is renamed ``<id>~read``."""
    if not background:
        return story, frozenset()
    taken = {a.id for a in story.articles}
    read: list[Article] = []
    for a in background:
        aid = a.id
        while aid in taken:
            aid += "~read"
        taken.add(aid)
        read.append(a if aid == a.id else dataclasses.replace(a, id=aid))
    merged = dataclasses.replace(story, articles=(*read, *story.articles))
    return merged, frozenset(a.id for a in read)


def centered(vectors: Vectors, mean: Vectors | None = None) -> Vectors:
    """Vectors minus their mean (or ``mean``), renormalized: cosines then measure what sets a
    sentence apart from the rest of its story rather than what every sentence of it shares."""
    if mean is None:
        if len(vectors) < 2:
            return vectors
        mean = vectors.mean(axis=0)
    shifted = vectors - mean
    result: Vectors = shifted / np.maximum(np.linalg.norm(shifted, axis=1, keepdims=True), 1e-12)
    return result.astype(np.float32)
