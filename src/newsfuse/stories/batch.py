"""Batch story detection without a store: a JSONL file of articles in, one story per article out.

Input lines are ``{"article_id", "text", "title"?, "date"?}`` (``source``, ``url`` and
``published`` are read too); ``cluster_id`` (gold) and ``story_id`` (a prediction) are kept for
scoring. The articles are featurized in chunks (one embedding batch per chunk) and assigned in
input order by the same ``StoryDetector`` the store uses, with closed stories in memory; a
batch can then afford a second look (``stories.refine``).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tqdm import tqdm

from newsfuse.embed import Embedder, Vectors
from newsfuse.errors import EmptyArticleError, FormatError, NotFoundError
from newsfuse.ingest.decoding import loads_json
from newsfuse.ingest.records import draft_from_record, finish
from newsfuse.models import Article
from newsfuse.settings import DEFAULT, Settings
from newsfuse.stories.features import ArticleFeatures, article_terms, days, embed_leads
from newsfuse.stories.online import StoryDetector
from newsfuse.stories.params import DEFAULT_PARAMS, StoryParams
from newsfuse.stories.refine import refine
from newsfuse.text.sentences import split_spans

__all__ = [
    "LabeledArticle",
    "cluster_articles",
    "featurize",
    "labeled",
    "read_assignments",
    "read_labeled",
    "write_assignments",
]

CHUNK = 128
"""Articles featurized (and embedded) together."""

EmbedFn = Callable[[Sequence[str]], Vectors]


@dataclass(frozen=True, slots=True)
class LabeledArticle:
    """One input line: the article, its gold story (``cluster_id``) and any predicted one."""

    article: Article
    gold: str | None = None
    predicted: str | None = None


def read_labeled(
    path: str | Path, settings: Settings = DEFAULT, *, duplicates: list[str] | None = None
) -> Iterator[LabeledArticle]:
    """Read a clustering JSONL file. A malformed line raises ``FormatError`` naming the file and
    line; an article left empty by cleaning keeps its raw text (every line must get a story).
    A repeated ``article_id`` keeps its first line; the later ones' origins go to
    ``duplicates``."""
    p = Path(path)
    if not p.exists():
        raise NotFoundError(f"{p}: no such file; check the path")
    seen: set[str] = set()
    with p.open(encoding=settings.encoding) as fh:
        for lineno, raw in enumerate(fh, 1):
            if not raw.strip():
                continue
            origin = f"{p}:{lineno}"
            try:
                rec = loads_json(raw)
            except json.JSONDecodeError as exc:
                raise FormatError(
                    origin, f"not valid JSON ({exc.msg})", "each line must be one JSON object"
                ) from exc
            if not isinstance(rec, dict) or not isinstance(rec.get("article_id"), str | int):
                raise FormatError(
                    origin, 'no "article_id"', 'each line needs {"article_id": ..., "text": ...}'
                )
            aid = str(rec["article_id"])
            if aid in seen:
                # Gold files can list an article under two stories; scoring needs one label.
                if duplicates is not None:
                    duplicates.append(f"{aid} (line {lineno})")
                continue
            seen.add(aid)
            yield labeled(rec, origin)


def labeled(rec: dict[str, Any], origin: str) -> LabeledArticle:
    """One input record (``article_id`` present) as a ``LabeledArticle``; ``origin`` names it in
    errors."""
    aid = str(rec["article_id"])
    return LabeledArticle(
        _article(rec, aid, origin), _opt(rec, "cluster_id"), _opt(rec, "story_id")
    )


def _opt(rec: dict[str, Any], key: str) -> str | None:
    value = rec.get(key)
    return None if value is None else str(value)


def _article(rec: dict[str, Any], aid: str, origin: str) -> Article:
    draft = draft_from_record({**rec, "id": aid}, origin)
    try:
        return finish(draft, aid)[0]
    except EmptyArticleError:
        return Article(
            aid,
            draft.text.strip(),
            draft.title,
            draft.source,
            draft.url,
            draft.published,
            draft.author,
            origin,
        )


def featurize(
    articles: Iterable[Article], embed: EmbedFn, dim: int, params: StoryParams = DEFAULT_PARAMS
) -> Iterator[ArticleFeatures]:
    """Features of each article, in order, embedding ``CHUNK`` articles' leads at a time."""
    chunk: list[Article] = []
    for article in articles:
        chunk.append(article)
        if len(chunk) >= CHUNK:
            yield from _featurize_chunk(chunk, embed, dim, params)
            chunk = []
    if chunk:
        yield from _featurize_chunk(chunk, embed, dim, params)


class _Fn:
    """Adapts a bare function to the ``Embedder`` protocol ``embed_leads`` takes."""

    name = "fn"

    def __init__(self, embed: EmbedFn, dim: int) -> None:
        self.embed = embed
        self.dim = dim


def _featurize_chunk(
    chunk: Sequence[Article], embed: EmbedFn, dim: int, params: StoryParams
) -> list[ArticleFeatures]:
    leads = [(a.title, [a.text[s:e] for s, e in _lead_spans(a.text, params)]) for a in chunk]
    vectors = embed_leads(leads, _Fn(embed, dim), params)
    return [
        ArticleFeatures(
            a.id, article_terms(a.title, a.text, params), v, days(a.published), a.title, a.source
        )
        for a, v in zip(chunk, vectors, strict=True)
    ]


def _lead_spans(text: str, params: StoryParams) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for span in split_spans(text):
        spans.append(span)
        if len(spans) >= params.lead_sentences:
            break
    return spans


def cluster_articles(
    articles: Sequence[Article],
    embedder: Embedder,
    params: StoryParams = DEFAULT_PARAMS,
    *,
    refine_rounds: int = 2,
    progress: bool = False,
    embed: EmbedFn | None = None,
) -> dict[str, str]:
    """Article id -> story id (``s1``, ``s2``, ... by first appearance), detecting stories in
    input order, then (``refine_rounds`` > 0) letting every article move to the story whose
    final centroid suits it best (``stories.refine``). ``embed`` replaces ``embedder.embed``
    (e.g. a store's embedding cache)."""
    detector = StoryDetector(embedder.dim, params)
    features: list[ArticleFeatures] = []
    labels: list[int] = []
    bar = tqdm(
        total=len(articles),
        desc="cluster",
        unit="article",
        file=sys.stderr,
        disable=None if progress else True,
    )
    with bar:
        for f in featurize(articles, embed or embedder.embed, embedder.dim, params):
            features.append(f)
            labels.append(detector.add(f).story)
            bar.update(1)
    if refine_rounds > 0:
        labels = refine(features, labels, detector.stats, params, refine_rounds)
    else:
        first: dict[int, int] = {}
        labels = [first.setdefault(x, len(first) + 1) for x in labels]
    return {f.article_id: f"s{x}" for f, x in zip(features, labels, strict=True)}


def write_assignments(assignments: dict[str, str], path: str | Path | None) -> None:
    """``{"article_id", "story_id"}`` lines to ``path`` (stdout for None or ``-``)."""
    lines = [
        json.dumps({"article_id": a, "story_id": s}, ensure_ascii=False)
        for a, s in assignments.items()
    ]
    text = "\n".join(lines) + ("\n" if lines else "")
    if path is None or str(path) == "-":
        sys.stdout.write(text)
    else:
        Path(path).write_text(text, encoding="utf-8")


def read_assignments(path: str | Path) -> dict[str, str]:
    """Article id -> story id from a ``newsfuse cluster`` output file."""
    p = Path(path)
    if not p.exists():
        raise NotFoundError(f"{p}: no such file; pass the output of `newsfuse cluster`")
    out: dict[str, str] = {}
    with p.open(encoding="utf-8") as fh:
        for lineno, raw in enumerate(fh, 1):
            if not raw.strip():
                continue
            try:
                rec = loads_json(raw)
                out[str(rec["article_id"])] = str(rec["story_id"])
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                raise FormatError(
                    f"{p}:{lineno}",
                    "not an assignment line",
                    'each line must be {"article_id": ..., "story_id": ...}',
                ) from exc
    return out
