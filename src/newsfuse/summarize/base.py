"""What every summarizer shares: candidate filtering, greedy selection under a word budget with
redundancy removal, a readable order, and citations of every supporting source sentence."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Protocol

import numpy as np
import numpy.typing as npt

from newsfuse.budget import checkpoint
from newsfuse.compare.values.agreement import states_otherwise
from newsfuse.models import Citation, CitedSentence, Summary
from newsfuse.pipeline import Prepared
from newsfuse.settings import Settings
from newsfuse.summarize.standalone import (
    complete,
    inside_quotation,
    leans_back,
    names_speaker,
    stands_alone,
)
from newsfuse.text.tokens import word_count

Rows = npt.NDArray[np.intp]


class Objective(Protocol):
    """Marginal value of adding a sentence to what is already chosen."""

    def gains(self, rows: Rows, costs: Rows) -> npt.NDArray[np.float64]:
        """Value of adding each candidate ``rows[k]`` (``costs[k]`` words) now; higher is
        better."""

    def add(self, i: int) -> None:
        """Record that row ``i`` was chosen."""


class StaticScores:
    """An objective whose gains never change: a score per sentence."""

    def __init__(self, scores: npt.NDArray[np.float64]) -> None:
        self.scores = scores

    def gains(self, rows: Rows, costs: Rows) -> npt.NDArray[np.float64]:
        return self.scores[rows]

    def add(self, i: int) -> None:
        pass


# Gains are compared at this many decimals: a tie must stay a tie whatever the BLAS threads (a
# Ray worker runs one, the local engine several), so every engine picks the earliest row.
GAIN_DECIMALS = 9


def candidates(prepared: Prepared, settings: Settings) -> list[int]:
    """Rows of sentences that may stand alone in a summary (``standalone.stands_alone``),
    unless that would leave nothing (a one-line note still gets a summary). Sentences of
    background articles (already read) are never candidates."""
    new = [i for i in range(len(prepared.sentences)) if not prepared.is_background(i)]
    strict = [
        i
        for i in new
        if stands_alone(prepared.sentences[i].text, settings) and not quoted(prepared, i)
    ]
    if strict:
        return strict
    return [i for i in new if any(c.isalnum() for c in prepared.sentences[i].text)]


def quoted(prepared: Prepared, row: int) -> bool:
    """Does sentence ``row`` start inside a quotation an earlier sentence of its paragraph
    opened (``standalone.inside_quotation``)?"""
    s = prepared.sentences[row]
    text = prepared.story.article(s.article_id).text
    return inside_quotation(text[text.rfind("\n", 0, s.start) + 1 : s.start])


def followers(prepared: Prepared, settings: Settings, pool: Sequence[int]) -> dict[int, int]:
    """Sentences that are whole but lean on the one before them, each mapped to that sentence,
    when it is in ``pool`` or itself such a follower: a pronoun opening ("He said ..."), a
    quotation whose speaker only the sentence before names (``standalone.leans_back``), or the
    rest of a quotation an earlier sentence opened (``quoted``). Such a sentence may join a
    summary right after the one before it, never alone, so a quotation is read from its
    opening."""
    allowed = set(pool)
    out: dict[int, int] = {}
    sents = prepared.sentences
    for i in range(1, len(sents)):
        s, before = sents[i], sents[i - 1]
        if (
            i - 1 in allowed
            and i not in allowed
            and before.article_id == s.article_id
            and before.index == s.index - 1
            and complete(s.text, settings)
            and (
                quoted(prepared, i)
                or (need := leans_back(s.text)) == "antecedent"
                or (need == "speaker" and names_speaker(before.text))
            )
        ):
            out[i] = i - 1
            allowed.add(i)
    return out


def select(
    prepared: Prepared,
    make_objective: Callable[[], Objective],
    settings: Settings,
    pool: Sequence[int] | None = None,
    companions: Callable[[Sequence[int]], Iterable[int]] | None = None,
) -> list[int]:
    """Greedy selection: repeatedly add the candidate with the best gain that fits the budget and
    is not a near-duplicate (by embedding) of a chosen sentence. Returns rows in the order chosen.

    The greedy runs first without embeddings; the chosen sentences are then embedded together (one
    batch: the cheap way) and checked. The first one that repeats an earlier pick is banned and
    the greedy resumed from the picks before it (which banning it cannot change), which
    reproduces exactly what checking at every step would choose.
    ``companions(chosen)`` names rows that will be needed with the chosen ones (what citing them
    takes): they join the same batch."""
    pool = list(candidates(prepared, settings) if pool is None else pool)
    after = followers(prepared, settings, pool)
    pool += after
    costs = {i: word_count(prepared.sentences[i].text) for i in pool}
    banned: set[int] = set()
    kept: list[int] = []

    def repeats(row: int, chosen: Sequence[int]) -> bool:
        """Known already to repeat a pick (both embedded by an earlier round): skipped on the
        spot, no re-run needed. Repeats of picks not embedded yet are caught after the round."""
        known = [c for c in chosen if prepared.is_embedded(c)]
        if not known or not prepared.is_embedded(row):
            return False
        sims = prepared.embed(known) @ prepared.embed([row])[0]
        return float(np.max(sims)) >= settings.redundancy_threshold

    while True:
        allowed = [i for i in pool if i not in banned]
        chosen = _greedy(make_objective(), allowed, costs, settings, kept, repeats, after)
        extra = companions(chosen) if companions is not None else ()
        prepared.embed([*chosen, *extra])
        vectors = prepared.embed(chosen)
        for k in range(1, len(chosen)):
            if float(np.max(vectors[:k] @ vectors[k])) >= settings.redundancy_threshold:
                banned.add(chosen[k])
                kept = chosen[:k]
                break
        else:
            return chosen


def _greedy(
    objective: Objective,
    pool: list[int],
    costs: dict[int, int],
    settings: Settings,
    start: Sequence[int] = (),
    repeats: Callable[[int, Sequence[int]], bool] | None = None,
    after: dict[int, int] | None = None,
) -> list[int]:
    """The greedy picks, continuing from the picks ``start`` (already known to come first);
    a best candidate that ``repeats`` the picks so far is dropped and the next best taken.
    A candidate in ``after`` waits until the sentence it follows is picked."""
    after = after or {}
    chosen = list(start)
    for i in chosen:
        objective.add(i)
    used = sum(costs[i] for i in chosen)
    rows = np.array(sorted(set(pool) - set(chosen)), dtype=np.intp)
    cost = np.array([costs[i] for i in rows], dtype=np.intp)
    # the row each candidate still waits for (-1: none)
    wait = np.array([after.get(int(i), -1) for i in rows], dtype=np.intp)
    wait[np.isin(wait, chosen)] = -1
    while rows.size:
        checkpoint()
        fits = cost <= settings.words - used
        rows, cost, wait = rows[fits], cost[fits], wait[fits]
        if not rows.size:
            break
        gains = np.where(wait < 0, np.round(objective.gains(rows, cost), GAIN_DECIMALS), -np.inf)
        k = int(np.argmax(gains))  # ties: the earliest row
        best, gain = int(rows[k]), float(gains[k])
        if gain == -np.inf:
            break
        rows, cost, wait = np.delete(rows, k), np.delete(cost, k), np.delete(wait, k)
        if gain <= 0 and chosen:
            break
        if repeats is not None and repeats(best, chosen):
            continue
        chosen.append(best)
        objective.add(best)
        used += costs[best]
        wait[wait == best] = -1
    return chosen


def reading_order(prepared: Prepared, rows: Sequence[int]) -> list[int]:
    """Order chosen sentences for reading: by relative position in their article (leads first),
    then by the article's publication time, then by story order. Consecutive sentences of one
    article stay together, in their order (a sentence that leans on the one before it follows
    it)."""
    rank = {a.id: k for k, a in enumerate(prepared.story.articles)}
    length = {aid: len(r) for aid, r in prepared.by_article.items()}
    chosen = set(rows)
    sents = prepared.sentences

    def joined(i: int) -> bool:
        return (
            i - 1 in chosen
            and sents[i - 1].article_id == sents[i].article_id
            and sents[i - 1].index == sents[i].index - 1
        )

    def key(i: int) -> tuple[float, int, int]:
        depth = 0
        while joined(i):
            i, depth = i - 1, depth + 1
        s = sents[i]
        return (s.index / max(length[s.article_id], 1), rank[s.article_id], depth)

    return sorted(rows, key=key)


SCREEN_ARTICLES = 40
"""Other articles screened per summary sentence at most: those with the most similar sentence
(all of them on a normal story; a story of thousands cites its closest few dozen)."""


def screen(prepared: Prepared, row: int, settings: Settings) -> dict[str, list[int]]:
    """For every other article, the rows worth embedding to find what supports ``row``: its
    ``settings.citation_screen`` sentences most like it by sketch, leaving out those whose sketch
    similarity is below ``settings.screen_floor``; at most ``SCREEN_ARTICLES`` articles, the
    closest, in story order. ``citation_screen`` 0 screens every sentence of every article."""
    k = settings.citation_screen
    if k == 0:
        article = prepared.sentences[row].article_id
        return {a: rows for a, rows in prepared.new_articles.items() if a != article and rows}
    sims = prepared.sketch @ prepared.sketch[row]
    owner = prepared.article_codes()
    near = np.flatnonzero((sims >= settings.screen_floor) & (owner != owner[row]) & (owner >= 0))
    near = near[np.lexsort((-sims[near], owner[near]))]  # by article, closest first
    firsts = np.flatnonzero(np.r_[True, owner[near][1:] != owner[near][:-1]]) if near.size else near
    ends = np.r_[firsts[1:], near.size]
    closest = np.argsort(-sims[near[firsts]], kind="stable")[:SCREEN_ARTICLES]
    out: dict[str, list[int]] = {}
    for g in np.sort(closest):  # story order
        rows = near[firsts[g] : min(ends[g], firsts[g] + k)]
        out[prepared.sentences[int(rows[0])].article_id] = [int(j) for j in rows]
    return out


def cite(
    prepared: Prepared, row: int, settings: Settings, screened: dict[str, list[int]] | None = None
) -> tuple[Citation, ...]:
    """The sentence itself plus, in every other article, its most similar screened sentence when
    their embeddings' similarity reaches ``settings.support_threshold`` and it does not give
    another value, name or polarity for what the sentence states (a conflict, not support)."""
    s = prepared.sentences[row]
    out = [Citation(s.article_id, s.index, 1.0)]
    vector = prepared.embed([row])[0]
    if screened is None:
        screened = screen(prepared, row, settings)
    published = prepared.story.article(s.article_id).published
    for aid, rows in screened.items():
        sims = prepared.embed(rows) @ vector
        best = int(np.argmax(sims))
        cited = prepared.sentences[rows[best]]
        if sims[best] >= settings.support_threshold and not states_otherwise(
            s.text, cited.text, published, prepared.story.article(aid).published
        ):
            out.append(Citation(aid, cited.index, round(float(sims[best]), 4)))
    return tuple(out)


def build(prepared: Prepared, chosen: Sequence[int], settings: Settings, method: str) -> Summary:
    """Turn chosen rows into a ``Summary`` in reading order with citations."""
    ordered = reading_order(prepared, chosen)
    screened = {row: screen(prepared, row, settings) for row in ordered}
    prepared.embed([*ordered, *_screened_rows(screened.values())])
    return Summary(
        story_id=prepared.story.id,
        method=method,
        budget=settings.words,
        sentences=tuple(
            CitedSentence(prepared.sentences[i], cite(prepared, i, settings, screened[i]))
            for i in ordered
        ),
    )


def _screened_rows(screens: Iterable[dict[str, list[int]]]) -> list[int]:
    return [r for by in screens for rows in by.values() for r in rows]


def summarize_with(
    prepared: Prepared,
    make_objective: Callable[[], Objective],
    settings: Settings,
    method: str,
    pool: Sequence[int] | None = None,
) -> Summary:
    """Select with objectives from ``make_objective`` and build the cited summary."""

    def citing(rows: Sequence[int]) -> list[int]:
        return _screened_rows(screen(prepared, r, settings) for r in rows)

    chosen = select(prepared, make_objective, settings, pool, companions=citing)
    return build(prepared, chosen, settings, method)
