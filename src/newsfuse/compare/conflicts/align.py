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

from newsfuse.compare.features import SentenceFeatures, content_words
from newsfuse.compare.values.dates import DateMention
from newsfuse.compare.values.quantities import Quantity
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


def value_pairs(
    prepared: Prepared,
    cands: Sequence[Candidate[T]],
    score: Scorer[T],
    agree: Callable[[T, T], bool],
) -> list[Pair[T]]:
    """Every disagreeing pair of values from different articles that can be about one thing."""
    article = [s.article_id for s in prepared.sentences]
    scores: dict[int, dict[int, float]] = {i: {} for i in range(len(cands))}
    for i, a in enumerate(cands):
        for j in range(i + 1, len(cands)):
            b = cands[j]
            if article[a.row] == article[b.row]:
                continue
            s = score(a, b)
            if s > -math.inf:
                scores[i][j] = scores[j][i] = s
    out = []
    for i, row in scores.items():
        for j, s in row.items():
            if j < i or agree(cands[i].value, cands[j].value):
                continue
            best = int(_best(scores, cands, article, i, j)) + int(
                _best(scores, cands, article, j, i)
            )
            rival = max(
                _rival(scores, cands, article, i, j, agree),
                _rival(scores, cands, article, j, i, agree),
            )
            out.append(Pair(cands[i], cands[j], s, best, rival - s))
    return out


def _best(
    scores: dict[int, dict[int, float]],
    cands: Sequence[Candidate[T]],
    article: list[str],
    i: int,
    j: int,
) -> bool:
    target = article[cands[j].row]
    s = scores[i][j]
    return all(v <= s for k, v in scores[i].items() if article[cands[k].row] == target)


def _rival(
    scores: dict[int, dict[int, float]],
    cands: Sequence[Candidate[T]],
    article: list[str],
    i: int,
    j: int,
    agree: Callable[[T, T], bool],
) -> float:
    """Best score of a value in ``j``'s article that agrees with ``i``."""
    target = article[cands[j].row]
    return max(
        (
            v
            for k, v in scores[i].items()
            if article[cands[k].row] == target and agree(cands[i].value, cands[k].value)
        ),
        default=-math.inf,
    )
