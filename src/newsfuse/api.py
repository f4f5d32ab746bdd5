"""The Python API: the functions the CLI, the web app and users' own code call."""

from __future__ import annotations

import hashlib
import os
import warnings
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from newsfuse.budget import step
from newsfuse.errors import InputError, SkippedArticleWarning
from newsfuse.models import Article, Brief, Story, Summary
from newsfuse.settings import DEFAULT, Settings

if TYPE_CHECKING:  # the heavy parts load when a function first needs them
    from newsfuse.embed import Embedder
    from newsfuse.pipeline import Prepared

PathArg = str | os.PathLike[str]


def load(paths: PathArg | Iterable[PathArg], settings: Settings = DEFAULT) -> list[Article]:
    """Read articles from a file, a directory, ``-`` (stdin), or a list of them.

    Unreadable articles are skipped with a warning unless ``settings.strict`` is set, in which
    case the first one raises its ``ArticleError``.
    """
    from newsfuse.ingest import load_paths

    _check_settings(settings)
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    elif isinstance(paths, bytes) or not isinstance(paths, Iterable):
        raise InputError(
            f"load() takes a path or a list of paths, got {type(paths).__name__}; "
            'pass e.g. "articles/" or ["a.txt", "b.html"]'
        )
    paths = list(paths)
    for p in paths:
        if not isinstance(p, str | os.PathLike):
            raise InputError(
                f"load() takes paths (str or pathlib.Path), got {type(p).__name__} {p!r}"
            )
    loaded = load_paths([os.fspath(p) for p in paths], settings)
    for err in loaded.errors:
        warnings.warn(f"skipped {err}", SkippedArticleWarning, stacklevel=2)
    return loaded.articles


def make_story(articles: Sequence[Article], story_id: str = "", title: str = "") -> Story:
    """Wrap articles in a ``Story`` (id derived from the article ids when not given)."""
    articles = _check_articles(articles)
    if not isinstance(story_id, str) or not isinstance(title, str):
        raise InputError("story_id and title must be strings")
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
    from newsfuse.embed import default_embedder

    settings = _summary_settings(settings, words, method)
    story = _story(articles)
    prepared = prepare_focused(
        story, embedder or default_embedder(), query, _check_background(background)
    )
    return summarize_prepared(prepared, settings)


def prepare_focused(
    story: Story, embedder: Embedder, query: str = "", background: Sequence[Article] = ()
) -> Prepared:
    """``prepare`` the story with the reader's question and what they have already read."""
    from newsfuse.pipeline import prepare, with_background

    if not isinstance(query, str):
        raise InputError(f"query must be text, got {type(query).__name__}")
    merged, read = with_background(story, background)
    return prepare(merged, embedder, query=query, background=read)


def brief(
    articles: Sequence[Article] | Story,
    words: int | None = None,
    method: str | None = None,
    settings: Settings = DEFAULT,
    embedder: Embedder | None = None,
    *,
    query: str = "",
    background: Sequence[Article] = (),
) -> Brief:
    """The cited briefing of the articles: summary (within ``words`` words, by ``method``,
    focused by ``query`` and ``background`` as in ``summarize``), shared facts, conflicts (a
    value changed since the background is an update), quotes, entities and timeline."""
    from newsfuse.compare.brief.build import build_brief

    settings = _summary_settings(settings, words, method)
    return build_brief(
        _story(articles), settings, embedder, query=query, background=_check_background(background)
    )


def _check_background(background: object) -> list[Article]:
    return _check_articles(background) if background else []


def _summary_settings(settings: Settings, words: int | None, method: str | None) -> Settings:
    _check_settings(settings)
    changes: dict[str, object] = {}
    if words is not None:
        changes["words"] = words
    if method is not None:
        changes["method"] = method
    return settings.with_(**changes) if changes else settings  # with_ validates them


def _story(articles: Sequence[Article] | Story) -> Story:
    if isinstance(articles, Story):
        if not articles.articles:
            raise InputError("the story has no articles; pass at least one readable article")
        return articles
    return make_story(articles)


def _check_articles(articles: object) -> list[Article]:
    if isinstance(articles, str | bytes | Article) or not isinstance(articles, Iterable):
        raise InputError(
            f"expected a list of newsfuse.Article, got {type(articles).__name__}; read files "
            "with newsfuse.load(...) or build Article(id, text)"
        )
    out = list(articles)
    for a in out:
        if not isinstance(a, Article):
            raise InputError(
                f"expected newsfuse.Article items, got {type(a).__name__} {str(a)[:40]!r}; read "
                "files with newsfuse.load(...) or build Article(id, text)"
            )
    return out


def _check_settings(settings: object) -> None:
    if not isinstance(settings, Settings):
        raise InputError(f"settings must be a newsfuse.Settings, got {type(settings).__name__}")


def summarize_prepared(prepared: Prepared, settings: Settings) -> Summary:
    """Summarize an already prepared story (lets callers reuse sentences and vectors)."""
    from newsfuse.summarize import SUMMARIZERS

    step("summarizing")
    return SUMMARIZERS[settings.method](prepared, settings)
