"""Reading articles: files, directories, stdin, JSON/JSONL, HTML, feeds, and cluster batches."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from newsfuse.ingest.clusters import Cluster, iter_clusters, read_clusters

if TYPE_CHECKING:
    from newsfuse.ingest.files import Loaded, iter_articles, load_paths

__all__ = ["Cluster", "Loaded", "iter_articles", "iter_clusters", "load_paths", "read_clusters"]

_FILES = {"Loaded", "iter_articles", "load_paths"}


def __getattr__(name: str) -> Any:
    # Files, HTML and feeds (trafilatura, feedparser: 0.3 s to import) load on first use, so
    # reading batch files, as every Ray worker does, does not pay for them.
    if name in _FILES:
        from newsfuse.ingest import files

        return getattr(files, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
