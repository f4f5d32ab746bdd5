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
only looked for between near-paraphrases. Thresholds were measured with benchmarks/conflicts.py
(planted conflicts for recall, BASIL and unaltered clusters for false alarms).
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from newsfuse.compare.conflicts.align import (
    Candidate,
    T,
    claim_index,
    evidence,
    mutual_best,
    window,
)
from newsfuse.compare.conflicts.roles import role_conflicts
from newsfuse.compare.features import (
    RARE_NAME_IDF,
    SentenceFeatures,
    content_words,
    norm_word,
    sentence_features,
)
from newsfuse.compare.values import lexicon as lx
from newsfuse.compare.values.dates import DateMention
from newsfuse.compare.values.quantities import Quantity, conflicting
from newsfuse.models import Claim, Conflict, ConflictKind, Sentence
from newsfuse.pipeline import Prepared
from newsfuse.settings import Settings


@dataclass(frozen=True, slots=True)
class ConflictParams:
    """Thresholds of conflict detection (candidates for ``Settings`` fields); measured with
    benchmarks/conflicts.py."""

    quantity_threshold: float = 1.1
    """Minimum aboutness for two quantities whose counted nouns match."""
    unknown_noun_penalty: float = 0.25
    """Extra aboutness needed when a quantity has no counted noun ("50,000 trying to flee")."""
    date_threshold: float = 1.1
    """Minimum aboutness for two dates to be dates of the same event."""
    year_extra: float = 0.2
    """Years need more evidence: one year often dates several events ("invaded in 1975",
    "annexed in 1976")."""
    relative_extra: float = 0.2
    """So do weekdays and "yesterday": outlets date an event by when they heard of it, and a
    bare weekday is resolved by a tense guess."""
    date_min_local: float = 0.2
    """Dates also need this much overlap of the words right around them (the event)."""
    relative_max_days: int = 3
    """Relative dates ("today", "Thursday") are compared only between articles published at
    most this many days apart; further apart, each "today" is its own news cycle."""
    window: int = 6
    """Words on each side of a value that say what it is about."""
    local_weight: float = 0.8
    head_bonus: float = 0.25
    """Added when both values are attributes of the same named thing (``_heads_match``)."""
    claim_bonus: float = 0.15
    margin: float = 0.15
    """A compatible value scoring within this of the conflicting one explains the pair away."""


PARAMS = ConflictParams()

_DEFINITE = frozenset({"the", "its", "his", "her", "their", "this", "that", "our", "whose"})
_REPORTING = frozenset({"said", "says", "told", "reported", "added", "wrote", "say"})
_QUARTER = re.compile(r"\b(first|second|third|fourth|1st|2nd|3rd|4th)[- ]quarter", re.I)
_QUARTERS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3}
_QUARTERS |= {"fourth": 4, "4th": 4}
_NAMED_DAY = re.compile(r"\s+(?:[a-z]{3,}s|attacks?|terror|commission|parade|holiday|fireworks)\b")
_DATELINE_END = re.compile(r"^\s*(?:\(|--|_|—|–)")


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
    claim_of = claim_index(prepared, claims)
    scored: list[tuple[float, Conflict]] = []
    scored += quantity_conflicts(prepared, feats, claim_of, params)
    scored += date_conflicts(prepared, feats, claim_of, params)
    scored += role_conflicts(prepared)
    scored.sort(key=lambda c: -c[0])
    # Ten reports of one story give many pairs stating the same disagreement; show it once.
    seen: set[tuple[str, frozenset[str]]] = set()
    out = []
    for _, c in scored:
        key = (c.kind, frozenset((c.value_a, c.value_b)))
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out


def quantity_conflicts(
    prepared: Prepared,
    feats: Sequence[SentenceFeatures],
    claim_of: dict[int, int],
    params: ConflictParams = PARAMS,
) -> list[tuple[float, Conflict]]:
    """Scored quantity conflicts."""
    cands = [
        Candidate(row, q, window(f, q.start, q.end, params.window))
        for row, f in enumerate(feats)
        for q in f.quantities
        if q.comparable
    ]
    periods = [_periods(f) for f in feats]

    def score(a: Candidate[Quantity], b: Candidate[Quantity]) -> float:
        qa, qb = a.value, b.value
        if _dim(qa) != _dim(qb):
            return -math.inf
        if (qa.kind == "age") != (qb.kind == "age") and not (qa.head and qb.head):
            return -math.inf  # "aged 45" vs "five years in prison": an age and a span
        pa, pb = periods[a.row], periods[b.row]
        if pa and pb and not pa & pb:
            return -math.inf  # figures for different years or quarters
        relation = _noun_relation(qa, qb)
        if relation == "different":
            return -math.inf
        ev = evidence(prepared, feats, claim_of, a, b)
        if _heads_match(feats, a, b):
            # Attributes of one named thing: the head phrase ("civil war"), not the rest of
            # two long sentences, says what the values are about.
            heads = evidence(prepared, feats, claim_of, _head_window(a), _head_window(b))
            ev = dataclasses.replace(ev, local=max(ev.local, heads.local))
            bonus = params.head_bonus
        else:
            bonus = 0.0
        s = ev.score(params.local_weight, params.claim_bonus) + bonus
        return s - (params.unknown_noun_penalty if relation == "unknown" else 0.0)

    def agree(x: Quantity, y: Quantity) -> bool:
        return not conflicting(x, y)

    out: list[tuple[float, Conflict]] = []
    for a, b, s in mutual_best(prepared, cands, score, agree, params.margin):
        if s >= params.quantity_threshold:
            out.append((s, _conflict("quantity", prepared, a, b, _qvalue)))
    return out


def date_conflicts(
    prepared: Prepared,
    feats: Sequence[SentenceFeatures],
    claim_of: dict[int, int],
    params: ConflictParams = PARAMS,
) -> list[tuple[float, Conflict]]:
    """Scored date conflicts."""
    cands = [
        Candidate(row, d, window(f, d.start, d.end, params.window))
        for row, f in enumerate(feats)
        for d in f.dates
        if _comparable_date(f, d)
    ]
    published = {a.id: a.published for a in prepared.story.articles}

    def score(a: Candidate[DateMention], b: Candidate[DateMention]) -> float:
        da, db = a.value, b.value
        if _date_type(da) != _date_type(db):
            return -math.inf
        if da.relative or db.relative:
            pa = published[prepared.sentences[a.row].article_id]
            pb = published[prepared.sentences[b.row].article_id]
            if pa is None or pb is None or abs((pa - pb).days) > params.relative_max_days:
                return -math.inf
        ev = evidence(prepared, feats, claim_of, a, b)
        if ev.local < params.date_min_local and not ev.same_claim:
            return -math.inf
        return ev.score(params.local_weight, params.claim_bonus)

    def agree(x: DateMention, y: DateMention) -> bool:
        if x.key == y.key:
            return True
        if x.relative and y.relative and x.text.lower() == y.text.lower():
            return True  # one quote or wire paragraph reprinted on another day
        # A weekday read a week off is the likeliest misreading, not a disagreement.
        if x.value is not None and y.value is not None and (x.relative or y.relative):
            return abs((x.value - y.value).days) == 7
        return False

    out: list[tuple[float, Conflict]] = []
    for a, b, s in mutual_best(prepared, cands, score, agree, params.margin):
        extra = params.year_extra if a.value.granularity == "year" else 0.0
        if a.value.relative or b.value.relative:
            extra += params.relative_extra
        if s >= params.date_threshold + extra:
            out.append((s, _conflict("date", prepared, a, b, lambda d: d.key)))
    return out


def _comparable_date(f: SentenceFeatures, d: DateMention) -> bool:
    text = f.sentence.text
    if not d.key or (d.relative and d.granularity != "day"):
        return False  # "this month", "last year": the period of the report, not of an event
    if _after_reporting_verb(text, d.start, d.end):
        return False  # "said Tuesday" dates the statement; outlets quote on different days
    if d.start < 40 and _DATELINE_END.match(text[d.end :]):
        return False  # "WUHAN, July 31 (Xinhua) --" is when the report was filed
    if d.granularity == "day" and not d.relative and _NAMED_DAY.match(text[d.end :]):
        return False  # "Sept. 11 victims", "the July 4 parade": a date used as a name
    return len(content_words(text[: d.start] + text[d.end :])) >= 3


def _periods(f: SentenceFeatures) -> set[str]:
    years = {f"y{d.value.year}" for d in f.dates if d.value is not None and not d.relative}
    years |= {f"m{d.month}" for d in f.dates if d.granularity == "month" and d.month}
    quarters = {f"q{_QUARTERS[m.group(1).lower()]}" for m in _QUARTER.finditer(f.sentence.text)}
    return years | quarters


def _dim(q: Quantity) -> tuple[str, str]:
    return ("duration" if q.kind == "age" else q.kind), q.unit


def _subject(q: Quantity) -> set[str]:
    words = q.noun or q.head
    return {norm_word(w) for w in words if w not in lx.PHRASE_STOP}


def _person(q: Quantity) -> str:
    """ "generic" ("people", "others"), "specific" ("troops", "Syrians") or "" (not people)."""
    for w in q.noun:
        one = lx.singular(w)
        if one in lx.GENERIC_PERSON_NOUNS:
            return "generic"
        demonym = w.endswith(("ians", "eans", "ese", "is")) and not w.endswith("sis")
        if one in lx.PERSON_NOUNS or demonym:
            return "specific"
    return ""


def _noun_relation(a: Quantity, b: Quantity) -> str:
    """ "same" when both count the same kind of thing, "different" when they clearly do not,
    "unknown" when a counted noun is missing or both count different groups of people."""
    if a.kind != "count":
        # Money, percents and spans have their unit; what they measure is in the context.
        return "same" if _nouns_match(_subject(a), _subject(b)) else "unknown"
    if not a.noun or not b.noun:
        return "unknown"
    if _nouns_match(_subject(a), _subject(b)):
        return "same"
    pa, pb = _person(a), _person(b)
    if pa and pb:
        # "50,000 people" ~ "tens of thousands of civilians"; "2,000 troops" vs "800 students"
        # may still be one group described two ways, but needs more evidence.
        return "same" if "generic" in (pa, pb) else "unknown"
    return "different"


def _nouns_match(sa: set[str], sb: set[str]) -> bool:
    # Compounds count the same thing as their head: "newspapers" ~ "papers".
    return bool(sa & sb) or any(
        len(x) >= 4 and len(y) >= 4 and (x.endswith(y) or y.endswith(x)) for x in sa for y in sb
    )


def _heads_match(feats: Sequence[SentenceFeatures], a: Candidate[T], b: Candidate[T]) -> bool:
    """Both values are attributes of one named thing: "the five-year civil war" and "the
    four-year-old civil war" (same definite head), or "the 17-nation International Syria Support
    Group" and "The ISSG is a group of about 20 countries" (same head word, same rare name)."""
    qa, qb = a.value, b.value
    if not isinstance(qa, Quantity) or not isinstance(qb, Quantity):
        return False
    ha = {norm_word(w) for w in qa.head}
    hb = {norm_word(w) for w in qb.head}
    if not ha & hb:
        return False
    ta, tb = feats[a.row].sentence.text, feats[b.row].sentence.text
    if _definite(ta, qa.start) and _definite(tb, qb.start):
        return True
    fa = feats[a.row]
    return any(fa.weight(n) >= RARE_NAME_IDF for n in feats[a.row].names & feats[b.row].names)


def _head_window(c: Candidate[Quantity]) -> Candidate[Quantity]:
    return dataclasses.replace(c, window=frozenset(norm_word(w) for w in c.value.head))


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
    a: Candidate[T],
    b: Candidate[T],
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
