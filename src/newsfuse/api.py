"""The Python API: the functions the CLI, the web app and users' own code call."""

from __future__ import annotations

import hashlib
import warnings
from collections.abc import Iterable, Sequence
from pathlib import Path

from newsfuse.embed import Embedder, default_embedder
from newsfuse.errors import InputError, SkippedArticleWarning
from newsfuse.ingest import load_paths
from newsfuse.models import Article, Story, Summary
from newsfuse.pipeline import Prepared, prepare, with_background
from newsfuse.settings import DEFAULT, Settings


def load(paths: Iterable[str | Path], settings: Settings = DEFAULT) -> list[Article]:
    """Read articles from files, directories or ``-`` (stdin).

    Unreadable articles are skipped with a warning unless ``settings.strict`` is set, in which
    case the first one raises its ``ArticleError``.
    """
    loaded = load_paths(paths, settings)
    for err in loaded.errors:
        warnings.warn(f"skipped {err}", SkippedArticleWarning, stacklevel=2)
    return loaded.articles


def make_story(articles: Sequence[Article], story_id: str = "", title: str = "") -> Story:
    """Wrap articles in a ``Story`` (id derived from the article ids when not given)."""
    if not articles:
        raise InputError("no articles to work on; pass at least one readable article")
    ids = [a.id for a in articles]
    if len(set(ids)) != len(ids):
        raise InputError(
            f"duplicate article ids {sorted({i for i in ids if ids.count(i) > 1})}; "
            "give every article a distinct id"
        )
    sid = story_id or "s" + hashlib.sha1("\x00".join(ids).encode()).hexdigest()[:10]
    return Story(sid, tuple(articles), title or articles[0].title)


def summarize(
    articles: Sequence[Article] | Story,
    words: int | None = None,
    method: str | None = None,
    settings: Settings = DEFAULT,
    embedder: Embedder | None = None,
    *,
    query: str = "",
    background: Sequence[Article] = (),
) -> Summary:
    """A cited extractive summary of the articles within ``words`` words.

    ``query`` focuses it on the reader's question; ``background`` lists articles the reader has
    already read, and the summary then says only what the given articles add to them."""
    from newsfuse.summarize import SUMMARIZERS

    settings = settings.with_(
        words=words if words is not None else settings.words,
        method=method or settings.method,
    )
    if settings.method not in SUMMARIZERS:
        raise InputError(
            f"unknown method {settings.method!r}; choose one of {', '.join(SUMMARIZERS)}"
        )
    if settings.words < 1:
        raise InputError(f"word budget must be positive, got {settings.words}")
    story = articles if isinstance(articles, Story) else make_story(articles)
    prepared = prepare_focused(story, embedder or default_embedder(), query, background)
    return summarize_prepared(prepared, settings)


def prepare_focused(
    story: Story, embedder: Embedder, query: str = "", background: Sequence[Article] = ()
) -> Prepared:
    """``prepare`` the story with the reader's question and what they have already read."""
    if not isinstance(query, str):
        raise InputError(f"query must be text, got {type(query).__name__}")
    merged, read = with_background(story, background)
    return prepare(merged, embedder, query=query, background=read)


def summarize_prepared(prepared: Prepared, settings: Settings) -> Summary:
    """Summarize an already prepared story (lets callers reuse sentences and vectors)."""
    from newsfuse.summarize import SUMMARIZERS

    return SUMMARIZERS[settings.method](prepared, settings)
