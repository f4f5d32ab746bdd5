"""From articles to the shared working set every analysis reads: sentences and their vectors."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from newsfuse.embed import Embedder, Vectors
from newsfuse.models import Sentence, Story
from newsfuse.text.sentences import split_article


@dataclass(frozen=True, slots=True, eq=False)
class Prepared:
    """A story split into sentences, with one embedding row per sentence.

    ``sentences[i]`` has vector ``vectors[i]``; ``by_article[aid]`` lists the positions in
    ``sentences`` of that article's sentences, in text order.
    """

    story: Story
    sentences: tuple[Sentence, ...]
    vectors: Vectors
    by_article: dict[str, list[int]] = field(default_factory=dict)

    def position(self, article_id: str, index: int) -> int:
        """Row of sentence ``index`` of ``article_id`` in ``sentences``."""
        return self.by_article[article_id][index]


def prepare(story: Story, embedder: Embedder) -> Prepared:
    """Split every article of the story into sentences and embed them all in one batch."""
    sentences: list[Sentence] = []
    by_article: dict[str, list[int]] = {}
    for article in story.articles:
        rows = by_article.setdefault(article.id, [])
        for s in split_article(article):
            rows.append(len(sentences))
            sentences.append(s)
    vectors = (
        embedder.embed([s.text for s in sentences])
        if sentences
        else np.zeros((0, embedder.dim), dtype=np.float32)
    )
    return Prepared(story, tuple(sentences), vectors, by_article)
