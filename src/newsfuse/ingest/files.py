"""Placeholder loader (.txt only); the ingest work replaces it with every format."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from newsfuse.errors import ArticleError
from newsfuse.models import Article
from newsfuse.settings import DEFAULT, Settings
from newsfuse.text.clean import clean_text


@dataclass(slots=True)
class Loaded:
    """Articles read, the per-article errors skipped, and what cleaning removed (by article id)."""

    articles: list[Article] = field(default_factory=list)
    errors: list[ArticleError] = field(default_factory=list)
    removed: dict[str, tuple[str, ...]] = field(default_factory=dict)


def load_paths(paths: Iterable[str | Path], settings: Settings = DEFAULT) -> Loaded:
    out = Loaded()
    for p in paths:
        path = Path(p)
        files = sorted(path.glob("*.txt")) if path.is_dir() else [path]
        for f in files:
            cleaned = clean_text(f.read_text(encoding=settings.encoding))
            out.articles.append(Article(id=f.stem, text=cleaned.text, origin=str(f)))
    return out
