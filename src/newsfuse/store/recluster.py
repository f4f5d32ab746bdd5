"""Re-running story detection over a time window of a store.

Every story with an article published in the window (stored in it, for undated articles) is
dissolved and its articles, whole stories included so none is left half-done, are detected
again in publication order with today's term statistics (early articles were weighed with the
few documents seen then), then refined as a batch (``stories.refine``: each article may move to
the story whose final centroid suits it). The new stories get fresh numbers; stories outside
the window keep theirs. Everything is replaced in one transaction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from newsfuse.store.db import f32_vector, f64_blob, now_days, now_iso, transaction
from newsfuse.store.reads import story_id
from newsfuse.store.state import save_position
from newsfuse.store.store import Store
from newsfuse.stories.features import (
    ArticleFeatures,
    TermStats,
    article_terms,
    days,
    story_title,
)
from newsfuse.stories.online import StoryDetector, StoryState
from newsfuse.stories.refine import refine

__all__ = ["ReclusterReport", "recluster"]


@dataclass(frozen=True, slots=True)
class ReclusterReport:
    """What a re-clustering changed."""

    articles: int
    stories_before: int
    stories_after: int
    story_ids: tuple[str, ...]
    """Ids of the new stories."""


def recluster(
    store: Store,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
    *,
    rounds: int = 2,
) -> ReclusterReport:
    """Detect the stories of the window ``[since, until)`` again (see the module docstring);
    ``rounds`` of ``stories.refine`` follow the online pass."""
    conn = store.conn
    lo = days(since) if since is not None else float("-inf")
    hi = days(until) if until is not None else float("inf")
    main = store.detector()
    with transaction(conn, store.name):
        old = [
            seq
            for (seq,) in conn.execute(
                "SELECT DISTINCT sa.story_seq FROM story_articles sa JOIN articles a "
                "ON a.seq = sa.article_seq WHERE coalesce(a.published_days, "
                "julianday(a.added) - 2440587.5) >= ? AND coalesce(a.published_days, "
                "julianday(a.added) - 2440587.5) < ? ORDER BY sa.story_seq",
                (lo, hi),
            )
        ]
        marks = ",".join("?" * len(old))
        rows = conn.execute(
            "SELECT a.seq, a.id, a.title, a.source, a.text, a.published_days, a.vector "
            f"FROM story_articles sa JOIN articles a ON a.seq = sa.article_seq "
            f"WHERE sa.story_seq IN ({marks}) "
            "ORDER BY a.published_days IS NULL, a.published_days, a.seq",
            old,
        ).fetchall()
        stats = TermStats(main.stats.n_docs, main.stats.df, frozen=True)
        features: list[ArticleFeatures] = []
        for _, aid, title, source, text, published, blob in rows:
            vector = f32_vector(blob) if blob else np.zeros(main.dim, np.float32)
            terms = article_terms(title, text, store.params)
            features.append(
                ArticleFeatures(aid, terms, vector, published, story_title(title, text), source)
            )
        # An online pass in publication order, the batch's second look, then a replay of the
        # final grouping to build each story's state.
        first = StoryDetector(main.dim, store.params, stats=stats, next_seq=main.next_seq)
        labels = [first.add(f).story for f in features]
        labels = refine(features, labels, stats, store.params, rounds)
        detector = StoryDetector(main.dim, store.params, stats=stats, next_seq=main.next_seq)
        members: dict[int, list[tuple[int, float | None]]] = {}
        for row, f, label in zip(rows, features, labels, strict=True):
            a = detector.add(f, into=main.next_seq + label - 1)
            members.setdefault(a.story, []).append((row[0], None if a.new else a.score))
        states = {s.seq: s for s in [*detector.states(), *_archived(detector)]}
        conn.execute(f"DELETE FROM story_articles WHERE story_seq IN ({marks})", old)
        conn.execute(f"DELETE FROM stories WHERE seq IN ({marks})", old)
        horizon = (main.clock - store.params.quiet_days) if main.clock is not None else None
        now = now_days()
        for seq in sorted(members):
            state = states[seq]
            is_open = state.is_open and (
                horizon is None or state.last is None or state.last >= horizon
            )
            conn.execute(
                "INSERT INTO stories (seq, title, opened, closed, first_published, "
                "last_published, updated, size, state, centroid) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    seq,
                    state.title,
                    now_iso(),
                    None if is_open else now_iso(),
                    state.first,
                    state.last,
                    now,
                    state.size,
                    state.to_json(),
                    f64_blob(state.vector_sum),
                ),
            )
            conn.executemany(
                "INSERT INTO story_articles (article_seq, story_seq, score) VALUES (?, ?, ?)",
                [(a, seq, score) for a, score in members[seq]],
            )
        main.next_seq = detector.next_seq
        save_position(conn, main)
    store.forget_detector()
    return ReclusterReport(
        len(rows), len(old), len(members), tuple(story_id(s) for s in sorted(members))
    )


def _archived(detector: StoryDetector) -> list[StoryState]:
    archive = detector.archive
    return list(archive.around(float("-inf"), float("inf")))
