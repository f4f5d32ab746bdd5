"""Reading articles: files, directories, stdin, JSON/JSONL, HTML, feeds, and cluster batches."""

from newsfuse.ingest.clusters import Cluster, iter_clusters, read_clusters
from newsfuse.ingest.files import Loaded, iter_articles, load_paths

__all__ = ["Cluster", "Loaded", "iter_articles", "iter_clusters", "load_paths", "read_clusters"]
