"""Value alignment: which number (or date) in one article is about the same thing as which in
another.

Every value gets a *window*: the normalized content words near it (and names close by). Two
values are scored by

    aboutness = cosine(sentences) + LOCAL_WEIGHT * local overlap + bonuses

where the local overlap weighs shared window words by their rarity in the story, so the topic
word every sentence has ("Aleppo") counts for little and the event word ("displaced") for much.
``value_pairs`` records, for each disagreeing pair, whether each value is the other's best match
in the other article (mutual best) and how close the best *compatible* alternative comes, which
explains a pair away when the other article has a compatible value scoring nearly as well: a report
that gives "395,000 euro raised" and "150,000 euro pledged" in one sentence must not be read as
contradicting itself.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

import numpy as np

from newsfuse.budget import checkpoint
from newsfuse.compare.features import SentenceFeatures, content_words, weighted_sets
from newsfuse.compare.values.dates import DateMention
from newsfuse.compare.values.quantities import Quantity
from newsfuse.embed.neighbors import BLOCK
from newsfuse.models import Claim
from newsfuse.pipeline import Prepared

T = TypeVar("T", Quantity, DateMention)


@dataclass(frozen=True, slots=True)
class Candidate(Generic[T]):
    """A value in a sentence (``row`` of ``Prepared.sentences``) and the words around it."""

    row: int
    value: T
    window: frozenset[str]


def window(f: SentenceFeatures, start: int, end: int, size: int) -> frozenset[str]:
    """Content words within ``size`` words of ``[start, end)`` and names within 60 chars."""
    text = f.sentence.text
    before = content_words(text[:start])[-size:]
    after = content_words(text[end:])[:size]
    near = text[max(0, start - 60) : end + 60].lower()
    return frozenset(before + after) | {n for n in f.names if n in near}


def claim_index(prepared: Prepared, claims: Sequence[Claim]) -> dict[int, int]:
    """Row -> claim number, for the sentences of multi-source claims."""
    out: dict[int, int] = {}
    for k, claim in enumerate(claims):
        if len(claim.sentences) < 2:
            continue
        for s in claim.sentences:
            out[prepared.position(s.article_id, s.index)] = k
    return out


@dataclass(frozen=True, slots=True)
class Evidence:
    """The parts of an aboutness score, kept apart so benchmarks can show them."""

    cosine: float
    local: float
    same_claim: bool

    def score(self, local_weight: float, claim_bonus: float) -> float:
        return self.cosine + local_weight * self.local + (claim_bonus if self.same_claim else 0.0)


def evidence(
    prepared: Prepared,
    feats: Sequence[SentenceFeatures],
    claim_of: dict[int, int],
    a: Candidate[T],
    b: Candidate[T],
) -> Evidence:
    cos = float(np.dot(prepared.vectors[a.row], prepared.vectors[b.row]))
    fa = feats[a.row]
    num = sum(fa.weight(w) for w in a.window & b.window)
    den = math.sqrt(sum(fa.weight(w) for w in a.window) * sum(fa.weight(w) for w in b.window))
    same_claim = a.row in claim_of and claim_of.get(a.row) == claim_of.get(b.row)
    return Evidence(cos, num / den if den else 0.0, same_claim)


Scorer = Callable[[Candidate[T], Candidate[T]], float]
"""Aboutness of two candidates, ``-inf`` when they cannot be about the same thing."""


@dataclass(frozen=True, slots=True)
class Pair(Generic[T]):
    """Two disagreeing values of different articles and how they rank among the alternatives."""

    a: Candidate[T]
    b: Candidate[T]
    score: float
    best: int
    """How many of the two values have the other as their best match in its article (0-2)."""
    rival: float
    """Score of the best *agreeing* alternative in the other article minus ``score`` (either
    direction; ``-inf`` when there is none). Near zero, the pair is explained away: a report that
    gives "395,000 raised" and "150,000 pledged" does not contradict itself."""


SHORTLIST = 32
"""Values of each other article a value is scored against: its closest by ``prescore``. A value
with at most this many same-kind values in an article is scored against all of them (so a
normal story is searched exhaustively); in a story of thousands of figures each is scored
against its closest few, and the work grows with the story, not with its square."""


CROWDED = 600
"""Values of one kind in a story beyond which each is scored against fewer per article..."""
SHORTLIST_CROWDED = 8
"""... this many: a story of thousands of figures (a table, a list of results) needs each
figure's closest few, and the work stays near-linear."""


def shortlist(
    prepared: Prepared,
    feats: Sequence[SentenceFeatures],
    cands: Sequence[Candidate[T]],
    kind: Callable[[T], object],
    local_weight: float,
    k: int | None = None,
) -> list[tuple[int, int]]:
    """Pairs ``(i, j)``, ``i < j``, of candidates of one ``kind`` from different articles where
    either is among the other's ``k`` best in its article by cosine of the sentences plus
    ``local_weight`` times the rarity-weighted overlap of the windows (the parts of ``evidence``
    that need no parse). Blocked: memory is ``BLOCK`` rows times the candidates of a kind."""
    article = [prepared.sentences[c.row].article_id for c in cands]
    by_kind: dict[object, list[int]] = {}
    for i, c in enumerate(cands):
        by_kind.setdefault(kind(c.value), []).append(i)
    found: set[tuple[int, int]] = set()
    for members in by_kind.values():
        if len(set(article[i] for i in members)) < 2:
            continue
        idx = np.array(members)
        top = (SHORTLIST if len(members) <= CROWDED else SHORTLIST_CROWDED) if k is None else k
        vectors = prepared.vectors[[cands[i].row for i in members]]
        weights = weighted_sets([cands[i].window for i in members], feats[0].weight)
        present = (weights > 0).astype(np.float32).T.tocsr()
        size = np.asarray(weights.sum(axis=1)).ravel()
        groups = np.array([article[i] for i in members])
        columns = {g: np.flatnonzero(groups == g) for g in dict.fromkeys(groups.tolist())}
        for start in range(0, len(members), BLOCK):
            checkpoint()
            stop = min(start + BLOCK, len(members))
            pre = vectors[start:stop] @ vectors.T
            num = np.asarray((weights[start:stop] @ present).todense())
            den = np.sqrt(size[start:stop, None] * size[None, :])
            pre += local_weight * np.divide(num, den, out=np.zeros_like(num), where=den > 0)
            for r in range(stop - start):
                own, a = groups[start + r], int(idx[start + r])
                for g, cols in columns.items():
                    if g == own:
                        continue
                    if len(cols) > top:
                        cols = cols[np.argpartition(-pre[r, cols], top - 1)[:top]]
                    found.update((min(a, int(b)), max(a, int(b))) for b in idx[cols])
    return sorted(found)


def value_pairs(
    prepared: Prepared,
    cands: Sequence[Candidate[T]],
    score: Scorer[T],
    agree: Callable[[T, T], bool],
    pairs: Sequence[tuple[int, int]],
) -> list[Pair[T]]:
    """The disagreeing pairs among ``pairs`` (of ``cands`` indices, from ``shortlist``) that can
    be about one thing, each ranked against the other pairs its values are in."""
    article = [prepared.sentences[c.row].article_id for c in cands]
    scores: dict[tuple[int, int], float] = {}
    # per (value, other article): the best score, and the best score of an agreeing value
    best: dict[tuple[int, str], float] = {}
    rival: dict[tuple[int, str], float] = {}
    for i, j in pairs:
        checkpoint()
        s = score(cands[i], cands[j])
        if s == -math.inf:
            continue
        scores[i, j] = s
        agreed = agree(cands[i].value, cands[j].value)
        for x, y in ((i, j), (j, i)):
            key = (x, article[y])
            best[key] = max(best.get(key, -math.inf), s)
            if agreed:
                rival[key] = max(rival.get(key, -math.inf), s)
    out = []
    for (i, j), s in scores.items():
        checkpoint()
        if agree(cands[i].value, cands[j].value):
            continue
        ki, kj = (i, article[j]), (j, article[i])
        n_best = int(s >= best[ki]) + int(s >= best[kj])
        r = max(rival.get(ki, -math.inf), rival.get(kj, -math.inf))
        out.append(Pair(cands[i], cands[j], s, n_best, r - s))
    return out
