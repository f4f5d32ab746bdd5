"""Conflicts: two articles that state the same fact differently.

Quantity and date conflicts are not limited to aligned claims: the facts that disagree are often
in sentences that say other things too ("... the bloody five-year civil war" in a long sentence
about airstrikes vs "The four-year-old civil war could be ..."). Every pair of values from
different articles is scored on whether it is *about the same thing*:

- what is counted must match ("nation" ~ "country", "people" ~ "civilians"), or the thing the
  compound describes ("five-year civil war" ~ "four-year-old civil war");
- the words around the two values must overlap, weighted by how rare they are in the story, so
  the topic word every sentence shares ("Aleppo") counts for little;
- the two sentences' embedding similarity, and being in one aligned claim, add evidence.

A pair is reported only when it is each value's best match in the other article (mutual best),
and the values cannot both be true (disjoint intervals for quantities, different days for
dates). Entity and polarity conflicts need a parse and live in ``compare/roles.py``; they are
only looked for inside aligned claims, where the two sentences are known to report one event.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

import numpy as np

from newsfuse.compare import lexicon as lx
from newsfuse.compare.dates import DateMention
from newsfuse.compare.features import SentenceFeatures, content_words, norm_word, sentence_features
from newsfuse.compare.quantities import Quantity, conflicting
from newsfuse.models import Claim, Conflict, ConflictKind, Sentence
from newsfuse.pipeline import Prepared
from newsfuse.settings import Settings

T = TypeVar("T", Quantity, DateMention)


@dataclass(frozen=True, slots=True)
class ConflictParams:
    """Thresholds of conflict detection (candidates for ``Settings`` fields)."""

    quantity_threshold: float = 0.9
    """Minimum aboutness score for two quantities whose counted nouns match."""
    unknown_noun_penalty: float = 0.25
    """Extra score needed when one quantity has no counted noun ("50,000 trying to escape")."""
    date_threshold: float = 1.0
    """Minimum aboutness score for two dates to be dates of the same event."""
    window: int = 8
    """Words on each side of a value that describe what it is about."""
    local_weight: float = 0.8
    head_bonus: float = 0.25
    claim_bonus: float = 0.15


PARAMS = ConflictParams()

_DEFINITE = frozenset({"the", "its", "his", "her", "their", "this", "that", "our", "whose"})
_REPORTING = frozenset({"said", "says", "told", "reported", "added", "wrote", "say"})


def find_conflicts(
    prepared: Prepared, claims: Sequence[Claim], settings: Settings
) -> list[Conflict]:
    """Every conflict between articles of the story, strongest evidence first."""
    feats = sentence_features(prepared)
    return conflicts_from_features(prepared, feats, claims, settings)


def conflicts_from_features(
    prepared: Prepared,
    feats: Sequence[SentenceFeatures],
    claims: Sequence[Claim],
    settings: Settings,
    params: ConflictParams = PARAMS,
) -> list[Conflict]:
    claim_of = _claim_index(prepared, claims)
    scored: list[tuple[float, Conflict]] = []
    scored += _quantity_conflicts(prepared, feats, claim_of, params)
    scored += _date_conflicts(prepared, feats, claim_of, params)
    from newsfuse.compare.roles import role_conflicts

    scored += role_conflicts(prepared, feats, claims, settings)
    scored.sort(key=lambda c: -c[0])
    return [c for _, c in scored]


def _claim_index(prepared: Prepared, claims: Sequence[Claim]) -> dict[int, int]:
    out: dict[int, int] = {}
    for k, claim in enumerate(claims):
        if len(claim.sentences) < 2:
            continue
        for s in claim.sentences:
            out[prepared.position(s.article_id, s.index)] = k
    return out


@dataclass(frozen=True, slots=True)
class _Candidate(Generic[T]):
    row: int
    value: T
    window: frozenset[str]


def _quantity_conflicts(
    prepared: Prepared,
    feats: Sequence[SentenceFeatures],
    claim_of: dict[int, int],
    params: ConflictParams,
) -> list[tuple[float, Conflict]]:
    cands = [
        _Candidate(row, q, _window(f, q.start, q.end, params.window))
        for row, f in enumerate(feats)
        for q in f.quantities
        if q.comparable
    ]

    def score(a: _Candidate[Quantity], b: _Candidate[Quantity]) -> float:
        if (a.value.kind == "age") != (b.value.kind == "age") and not (
            a.value.head and b.value.head
        ):
            return -math.inf  # "45 years old" vs "five years": an age and a span, unrelated
        if _dim(a.value) != _dim(b.value):
            return -math.inf
        relation = _noun_relation(a.value, b.value)
        if relation == "different":
            return -math.inf
        s = _aboutness(prepared, feats, claim_of, a, b, params)
        if _heads_match(feats, a, b):
            s += params.head_bonus
        return s - (params.unknown_noun_penalty if relation == "unknown" else 0.0)

    out: list[tuple[float, Conflict]] = []
    for a, b, s in _mutual_best(prepared, cands, score):
        if s < params.quantity_threshold or not conflicting(a.value, b.value):
            continue
        out.append((s, _conflict("quantity", prepared, a, b, _qvalue)))
    return out


def _date_conflicts(
    prepared: Prepared,
    feats: Sequence[SentenceFeatures],
    claim_of: dict[int, int],
    params: ConflictParams,
) -> list[tuple[float, Conflict]]:
    cands = [
        _Candidate(row, d, _window(f, d.start, d.end, params.window))
        for row, f in enumerate(feats)
        for d in f.dates
        if d.key and not _after_reporting_verb(f.sentence.text, d.start, d.end)
    ]

    def score(a: _Candidate[DateMention], b: _Candidate[DateMention]) -> float:
        if _date_type(a.value) != _date_type(b.value):
            return -math.inf
        return _aboutness(prepared, feats, claim_of, a, b, params)

    out: list[tuple[float, Conflict]] = []
    for a, b, s in _mutual_best(prepared, cands, score):
        if s < params.date_threshold or a.value.key == b.value.key:
            continue
        da, db = a.value.value, b.value.value
        # A weekday read a week off is the likeliest misreading, not a disagreement.
        relative = a.value.relative or b.value.relative
        if da is not None and db is not None and relative and abs((da - db).days) == 7:
            continue
        out.append((s, _conflict("date", prepared, a, b, lambda d: d.key)))
    return out


def _mutual_best(
    prepared: Prepared,
    cands: Sequence[_Candidate[T]],
    score: Callable[[_Candidate[T], _Candidate[T]], float],
) -> list[tuple[_Candidate[T], _Candidate[T], float]]:
    """Pairs (one value per article) that are each other's best match in the other article."""
    article = [s.article_id for s in prepared.sentences]
    best: dict[tuple[int, str], tuple[float, int]] = {}
    pair_score: dict[tuple[int, int], float] = {}
    for i, a in enumerate(cands):
        for j in range(i + 1, len(cands)):
            b = cands[j]
            if article[a.row] == article[b.row]:
                continue
            s = score(a, b)
            if s == -math.inf:
                continue
            pair_score[i, j] = s
            for x, y in ((i, j), (j, i)):
                key = (x, article[cands[y].row])
                if key not in best or s > best[key][0]:
                    best[key] = (s, y)
    out = []
    for (i, j), s in pair_score.items():
        if best[i, article[cands[j].row]][1] == j and best[j, article[cands[i].row]][1] == i:
            out.append((cands[i], cands[j], s))
    return out


def _aboutness(
    prepared: Prepared,
    feats: Sequence[SentenceFeatures],
    claim_of: dict[int, int],
    a: _Candidate[T],
    b: _Candidate[T],
    params: ConflictParams,
) -> float:
    cos = float(np.dot(prepared.vectors[a.row], prepared.vectors[b.row]))
    fa = feats[a.row]
    shared = a.window & b.window
    num = sum(fa.weight(w) for w in shared)
    den = math.sqrt(sum(fa.weight(w) for w in a.window) * sum(fa.weight(w) for w in b.window))
    local = num / den if den else 0.0
    same_claim = a.row in claim_of and claim_of.get(a.row) == claim_of.get(b.row)
    return cos + params.local_weight * local + (params.claim_bonus if same_claim else 0.0)


def _window(f: SentenceFeatures, start: int, end: int, size: int) -> frozenset[str]:
    text = f.sentence.text
    before = content_words(text[:start])[-size:]
    after = content_words(text[end:])[:size]
    names = {n for n in f.names if n in text[max(0, start - 80) : end + 80].lower()}
    return frozenset(before + after) | frozenset(names)


def _dim(q: Quantity) -> tuple[str, str]:
    return ("duration" if q.kind == "age" else q.kind), q.unit


def _subject(q: Quantity) -> set[str]:
    words = q.noun or q.head
    return {norm_word(w) for w in words if w not in lx.PHRASE_STOP}


def _is_person(q: Quantity) -> bool:
    return any(
        lx.singular(w) in lx.PERSON_NOUNS or w.endswith(("ians", "eans", "ese")) for w in q.noun
    )


def _noun_relation(a: Quantity, b: Quantity) -> str:
    if a.kind != "count":
        # Money, percents and spans have their unit; what they measure is in the context.
        sa, sb = _subject(a), _subject(b)
        return "same" if sa & sb else "unknown"
    if not a.noun or not b.noun:
        return "unknown"
    if _subject(a) & _subject(b) or (_is_person(a) and _is_person(b)):
        return "same"
    return "different"


def _heads_match(feats: Sequence[SentenceFeatures], a: _Candidate[T], b: _Candidate[T]) -> bool:
    """Both values describe a definite thing of the same name ("the five-year civil war")."""
    qa, qb = a.value, b.value
    if not isinstance(qa, Quantity) or not isinstance(qb, Quantity):
        return False
    ha = {norm_word(w) for w in qa.head}
    hb = {norm_word(w) for w in qb.head}
    if not ha & hb:
        return False
    return _definite(feats[a.row].sentence.text, qa.start) and _definite(
        feats[b.row].sentence.text, qb.start
    )


def _definite(text: str, start: int) -> bool:
    before = text[:start].split()[-2:]
    return any(w.lower() in _DEFINITE or w.endswith(("'s", "’s")) for w in before)


def _date_type(d: DateMention) -> str:
    if d.value is not None:
        return d.granularity
    return "monthday" if d.month and d.day else "weekday"


def _after_reporting_verb(text: str, start: int, end: int) -> bool:
    before = text[:start].split()[-2:]
    after = text[end:].split()[:1]
    return any(w.lower().strip(",") in _REPORTING for w in before + after)


def _qvalue(q: Quantity) -> str:
    unit = {"%": "%", "pp": " points"}.get(q.unit, f" {q.unit}" if q.kind == "money" else "")
    if q.kind in ("duration", "age"):
        years = q.value / lx.TIME_UNITS["year"]
        span = f"{years:.3g} years" if years >= 1 else f"{q.value:.3g} days"
        return f"{'~' if q.hedge else ''}{span}{' old' if q.kind == 'age' else ''}"
    return q.normalized() + unit


def _conflict(
    kind: ConflictKind,
    prepared: Prepared,
    a: _Candidate[T],
    b: _Candidate[T],
    value: Callable[[T], str],
) -> Conflict:
    sa: Sentence = prepared.sentences[a.row]
    sb: Sentence = prepared.sentences[b.row]
    if (prepared_order(prepared, sa), sa.index) > (prepared_order(prepared, sb), sb.index):
        a, b, sa, sb = b, a, sb, sa
    la = prepared.story.article(sa.article_id).label
    lb = prepared.story.article(sb.article_id).label
    return Conflict(
        kind=kind,
        a=sa,
        b=sb,
        value_a=value(a.value),
        value_b=value(b.value),
        span_a=a.value.text,
        span_b=b.value.text,
        explanation=f"{la} says “{a.value.text}”, {lb} says “{b.value.text}”",
    )


def prepared_order(prepared: Prepared, s: Sentence) -> int:
    for k, art in enumerate(prepared.story.articles):
        if art.id == s.article_id:
            return k
    return len(prepared.story.articles)
