"""The persistent article and story store: one SQLite file (WAL) with versioned migrations.

Where: ``open_store(path)``; the CLI uses ``--db``, else ``NEWSFUSE_DB``, else ``newsfuse.db``
in the current directory (``default_db_path()``). ``":memory:"`` gives a private store.

What other stages use (stable API):

* ``Store.add_article(article) -> AddResult``: dedup (URL, text, near-identical text), split,
  embed, assign to a story, all committed in one transaction.
* ``Store.get_story(story_id) -> Story`` (``NotFoundError`` for an unknown id),
  ``Store.list_stories(since=None) -> list[StoryInfo]``.
* ``Store.get_brief(story_id) -> Brief | None`` / ``Store.put_brief(story_id, brief)``: a cache
  that forgets a brief once its story gains articles.
* ``Store.caching(embedder) -> Embedder``: sentence embeddings through the store's cache.
* ``check_store(store.conn) -> list[str]``: consistency problems (empty when all is well).
"""

from newsfuse.store.check import check_store
from newsfuse.store.db import default_db_path
from newsfuse.store.schema import SCHEMA_VERSION
from newsfuse.store.store import AddResult, Store, StoryInfo, open_store

__all__ = [
    "SCHEMA_VERSION",
    "AddResult",
    "Store",
    "StoryInfo",
    "check_store",
    "default_db_path",
    "open_store",
]
