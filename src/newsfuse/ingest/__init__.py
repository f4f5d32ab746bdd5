"""Reading articles: files, directories, stdin, JSON/JSONL, HTML, feeds, and cluster batches."""

from newsfuse.ingest.clusters import Cluster, iter_clusters, read_clusters
from newsfuse.ingest.files import Loaded, iter_articles, load_paths

__all__ = ["Cluster", "iter_clusters", "Loaded", "iter_articles", "load_paths", "read_clusters"]
