"""``newsfuse ingest --engine ray``: the costly per-article work of adding to the store (dedup
keys, sentence splitting, lead embeddings: ``store.prepare_batch``) on the Ray engine's actor
pool, results in input order for the one writer that assigns stories (``store.ingest``)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from newsfuse.embed import default_embedder
from newsfuse.models import Article
from newsfuse.store.store import Prepared, prepare_batch
from newsfuse.stories.params import StoryParams


class ArticleWorker:
    """Loads the embedder once, then prepares batches of articles."""

    def __init__(self, params: StoryParams) -> None:
        self.params = params
        self.embedder = default_embedder()

    def run(self, articles: Sequence[Article]) -> list[Prepared | None]:
        return prepare_batch(articles, self.params, self.embedder)


def prepare_on_ray(
    batches: Iterable[Sequence[Article]],
    params: StoryParams,
    workers: int | None = None,
    address: str | None = None,
) -> Iterator[list[Prepared | None]]:
    """``prepare_batch`` of every batch, on Ray (see ``engine.ray.pool``), in input order."""
    from newsfuse.engine import ray

    yield from ray.pool(ArticleWorker, (params,), batches, workers, address)
