"""The whole briefing of a story: summary, claims, conflicts, coverage grid, quotes, entities and
timeline.

The story is split and embedded once (``prepare``) and parsed by spaCy once (``parse_articles``);
every analysis reads those.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from typing import Any

from newsfuse import api
from newsfuse.budget import bind, checkpoint, step
from newsfuse.compare.brief.coverage import coverage_grid
from newsfuse.compare.claims.link import claims_from_scores, pair_scores
from newsfuse.compare.conflicts import DETECTORS, find_conflicts
from newsfuse.compare.features import sentence_features
from newsfuse.compare.mentions.entities import Doc, find_entities, parse_articles
from newsfuse.compare.mentions.quotes import find_quotes
from newsfuse.compare.mentions.timeline import build_timeline
from newsfuse.embed import Embedder, default_embedder
from newsfuse.errors import InputError
from newsfuse.models import Article, Brief, Claim, Conflict, Sentence, Story
from newsfuse.pipeline import Prepared
from newsfuse.settings import DEFAULT, Settings


def build_brief(
    story: Story | Sequence[Article],
    settings: Settings = DEFAULT,
    embedder: Embedder | None = None,
    *,
    query: str = "",
    background: Sequence[Article] = (),
) -> Brief:
    """The cited briefing of ``story`` (or of a list of articles, wrapped in a story).

    The summary follows ``settings.words`` and ``settings.method``; ``embedder`` defaults to the
    bundled MiniLM model. ``query`` focuses the summary on the reader's question;
    ``background`` are articles the reader has already read: the summary then covers what the
    others add, and a value that changed since is listed as an update.
    """
    check_settings(settings)
    if not isinstance(story, Story):
        story = api.make_story(story)
    elif not story.articles:
        raise InputError("no articles to work on; pass at least one readable article")
    embedder = embedder if embedder is not None else default_embedder()
    prepared = api.prepare_focused(story, embedder, query, background)
    step("parsing articles")
    # The embedding model and the spaCy parse are the two big costs and need nothing from each
    # other: the model (which releases the GIL) runs beside the parse.
    with ThreadPoolExecutor(1, thread_name_prefix="newsfuse-embed") as pool:
        vectors = pool.submit(bind(lambda: prepared.vectors))
        docs = parse_articles(prepared.story.articles)
        vectors.result()
    return brief_prepared(prepared, settings, docs)


def brief_prepared(
    prepared: Prepared, settings: Settings = DEFAULT, docs: Mapping[str, Doc] | None = None
) -> Brief:
    """The briefing of an already prepared story; ``docs`` are its spaCy parses, if at hand."""
    story = prepared.story
    docs = docs if docs is not None else parse_articles(story.articles)
    claims, conflicts = claims_and_conflicts(prepared, settings, docs)
    # Claims embed every sentence: screening citations would save nothing, and checking them all
    # keeps the summary's citations in step with the claims the brief lists as shared.
    exhaustive = settings.with_(citation_screen=0)
    # Each section starts with a step (a checkpoint too; summarize_prepared has its own), so a
    # time limit stops a brief within one section, and progress lines say which.
    summary = api.summarize_prepared(prepared, exhaustive)
    step("finding quotes")
    quotes = find_quotes(prepared, docs)
    step("listing entities")
    entities = find_entities(story, docs)
    step("building the timeline")
    timeline = build_timeline(prepared, settings, docs)
    brief = Brief(
        story=story,
        summary=summary,
        claims=tuple(claims),
        conflicts=tuple(conflicts),
        quotes=tuple(quotes),
        entities=tuple(entities),
        timeline=tuple(timeline),
        sentences=prepared.sentences,
        query=prepared.query,
        background=tuple(a.id for a in story.articles if a.id in prepared.background),
    )
    return replace(brief, coverage=coverage_grid(brief))


def claims_and_conflicts(
    prepared: Prepared, settings: Settings = DEFAULT, docs: Mapping[str, Doc] | None = None
) -> tuple[list[Claim], list[Conflict]]:
    """The story's claims and conflicts. Conflicts read a first alignment (sharing a claim is
    evidence of one fact); the claims returned are aligned again with every conflicting pair
    kept apart, because one fact stated with two values is a conflict, not a shared fact."""
    if not prepared.sentences:
        return [], []
    step("embedding sentences")
    feats = sentence_features(prepared)
    scores = pair_scores(prepared, feats)
    step("linking claims")
    first = claims_from_scores(prepared, feats, scores, settings)
    step("finding conflicts")
    conflicts = as_updates(prepared, find_conflicts(prepared, first, settings, docs))
    checkpoint()
    if not conflicts:
        return first, conflicts
    apart = [
        (prepared.position(c.a.article_id, c.a.index), prepared.position(c.b.article_id, c.b.index))
        for c in conflicts
    ]
    return claims_from_scores(prepared, feats, scores, settings, apart), conflicts


def as_updates(prepared: Prepared, conflicts: Sequence[Conflict]) -> list[Conflict]:
    """Conflicts between an article the reader has read and a newer one become updates, old
    value first; conflicts within either group stay as they are."""
    out = []
    for c in conflicts:
        old_a, old_b = (s.article_id in prepared.background for s in (c.a, c.b))
        if old_a == old_b:
            out.append(c)
        elif old_a:
            out.append(replace(c, update=True))
        else:
            out.append(
                replace(
                    c,
                    a=c.b,
                    b=c.a,
                    value_a=c.value_b,
                    value_b=c.value_a,
                    span_a=c.span_b,
                    span_b=c.span_a,
                    update=True,
                )
            )
    return out


def check_settings(settings: Settings) -> None:
    """Raise ``InputError`` for a word budget or method the summarizers cannot use."""
    from newsfuse.summarize import SUMMARIZERS

    if settings.method not in SUMMARIZERS:
        raise InputError(
            f"unknown method {settings.method!r}; choose one of {', '.join(SUMMARIZERS)}"
        )
    if settings.conflicts not in DETECTORS:
        raise InputError(
            f"unknown conflict detector {settings.conflicts!r}; "
            f"choose one of {', '.join(DETECTORS)}"
        )
    if settings.words < 1:
        raise InputError(f"word budget must be positive, got {settings.words}")


def compare_record(
    prepared: Prepared, settings: Settings = DEFAULT, docs: Mapping[str, Doc] | None = None
) -> dict[str, Any]:
    """One output line of ``newsfuse compare``: the story's conflicts, claims and quotes, with
    documents named by article id and sentences by their exact text."""
    story = prepared.story
    docs = docs if docs is not None else parse_articles(story.articles)
    claims, conflicts = claims_and_conflicts(prepared, settings, docs)
    quotes = find_quotes(prepared, docs)
    return {
        "id": story.id,
        "conflicts": [
            {
                "doc_a": c.a.article_id,
                "sent_a": c.a.text,
                "doc_b": c.b.article_id,
                "sent_b": c.b.text,
                "kind": c.kind,
                "value_a": c.value_a,
                "value_b": c.value_b,
                "confidence": c.confidence,
                "reason": c.reason,
                **({"update": True} if c.update else {}),
            }
            for c in conflicts
        ],
        "claims": [
            {
                "coverage": c.coverage,
                "docs": list(c.sources),
                "sentences": _cited(c.sentences, c.copies),
            }
            for c in claims
        ],
        "quotes": [
            {
                "text": q.text,
                "speaker": q.speaker,
                "docs": list(q.sources),
                "sentences": _cited(q.sentences),
            }
            for q in quotes
        ],
    }


def _cited(sentences: Sequence[Sentence], copies: Sequence[str] = ()) -> list[dict[str, Any]]:
    return [
        {"doc": s.article_id, "sent": s.text, **({"copy": True} if s.article_id in copies else {})}
        for s in sentences
    ]
