"""Quantity and date conflict candidates: every pair of values from different articles that
disagree (disjoint intervals, different days) and may be about the same thing.

Quantity and date conflicts are not limited to aligned claims: the facts that disagree are often
in sentences that say other things too ("... the bloody five-year civil war" in a long sentence
about airstrikes vs "The four-year-old civil war could be ..."). Every pair of values from
different articles is scored on whether it is *about the same thing*:

- what is counted must match ("nation" ~ "country", "people" ~ "civilians"), or the thing the
  compound describes ("five-year civil war" ~ "four-year-old civil war");
- the words around the two values must overlap, weighted by how rare they are in the story, so
  the topic word every sentence shares ("Aleppo") counts for little;
- the two sentences' embedding similarity, and being in one aligned claim, add evidence.

Each candidate keeps that evidence and how it ranks (each value's best match in the other
article, an agreeing alternative nearly as close); ``conflicts.detect`` lets the learned model
decide, and ``rule`` records what the hand-set thresholds of earlier versions decided.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from newsfuse.budget import checkpoint
from newsfuse.compare.conflicts.align import (
    Candidate,
    Evidence,
    Pair,
    T,
    evidence,
    shortlist,
    value_pairs,
    window,
)
from newsfuse.compare.conflicts.finding import Finding
from newsfuse.compare.features import (
    RARE_NAME_IDF,
    SentenceFeatures,
    content_words,
    norm_word,
)
from newsfuse.compare.values import lexicon as lx
from newsfuse.compare.values.dates import DateMention
from newsfuse.compare.values.quantities import Quantity, conflicting
from newsfuse.models import Conflict, ConflictKind, Sentence
from newsfuse.pipeline import Prepared


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
_YEAR_WRITTEN = re.compile(r"\d{4}")
_DATELINE_END = re.compile(r"^\s*(?:\(|--|_|—|–)")


LEARNED_FLOOR = 0.1
"""Candidates scoring below this aboutness are not even shown to the model: nothing about the
two values or their sentences is shared."""


def quantity_conflicts(
    prepared: Prepared,
    feats: Sequence[SentenceFeatures],
    claim_of: dict[int, int],
    params: ConflictParams = PARAMS,
) -> list[Finding]:
    """Quantity pairs that disagree and may count the same thing."""
    cands = _candidates(feats, [[q for q in f.quantities if q.comparable] for f in feats], params)
    periods = [_periods(f) for f in feats]

    def measure(
        a: Candidate[Quantity], b: Candidate[Quantity]
    ) -> tuple[float, Evidence, bool, str]:
        qa, qb = a.value, b.value
        none = (-math.inf, Evidence(0.0, 0.0, False), False, "different")
        if _dim(qa) != _dim(qb):
            return none
        if (qa.kind == "age") != (qb.kind == "age") and not (qa.head and qb.head):
            return none  # "aged 45" vs "five years in prison": an age and a span
        pa, pb = periods[a.row], periods[b.row]
        if pa and pb and not pa & pb:
            return none  # figures for different years or quarters
        relation = _noun_relation(qa, qb)
        if relation == "different":
            return none
        ev = evidence(prepared, feats, claim_of, a, b)
        heads = _heads_match(feats, a, b)
        if heads:
            # Attributes of one named thing: the head phrase ("civil war"), not the rest of
            # two long sentences, says what the values are about.
            hev = evidence(prepared, feats, claim_of, _head_window(a), _head_window(b))
            ev = dataclasses.replace(ev, local=max(ev.local, hev.local))
        s = ev.score(params.local_weight, params.claim_bonus)
        s += params.head_bonus if heads else 0.0
        s -= params.unknown_noun_penalty if relation == "unknown" else 0.0
        return s, ev, heads, relation

    def score(a: Candidate[Quantity], b: Candidate[Quantity]) -> float:
        return measure(a, b)[0]

    def agree(x: Quantity, y: Quantity) -> bool:
        return not conflicting(x, y)

    totals = [_total(f.quantities) for f in feats]
    pairs = shortlist(prepared, feats, cands, _dim, params.local_weight)
    out: list[Finding] = []
    for p in value_pairs(prepared, cands, score, agree, pairs):
        checkpoint()
        if p.score < LEARNED_FLOOR or _sums_agree(p, totals) or _aged_alike(p, feats):
            continue
        _, ev, heads, relation = measure(p.a, p.b)
        qa, qb = p.a.value, p.b.value
        dim = _dim(qa)
        rule = p.best == 2 and p.rival < -params.margin and p.score >= params.quantity_threshold
        features = {
            **_pair_evidence(p, ev),
            "head_match": float(heads),
            "unknown_noun": float(relation == "unknown"),
            "hedged": float(bool(qa.hedge or qb.hedge)),
            "vague": float(qa.vague or qb.vague),
            "kind_money": float(qa.kind == "money"),
            "kind_span": float(qa.kind in ("duration", "age")),
            "kind_percent": float(qa.kind == "percent"),
            **_crowding(*(sum(_dim(q) == dim for q in feats[r].quantities) for r in _rows(p))),
        }
        conflict = _conflict("quantity", prepared, p.a, p.b, _qvalue)
        subject = " ".join(qa.noun or qa.head or qb.noun or qb.head)
        out.append(Finding(conflict, _rows(p), qa.kind, rule, p.score, features, subject))
    return out


def date_conflicts(
    prepared: Prepared,
    feats: Sequence[SentenceFeatures],
    claim_of: dict[int, int],
    params: ConflictParams = PARAMS,
) -> list[Finding]:
    """Date pairs that disagree and may date the same event."""
    cands = _candidates(
        feats, [[d for d in f.dates if _comparable_date(f, d)] for f in feats], params
    )
    published = {a.id: a.published for a in prepared.story.articles}

    def relaxed(a: Candidate[DateMention], b: Candidate[DateMention]) -> float:
        da, db = a.value, b.value
        if _date_type(da) != _date_type(db):
            return -math.inf
        if (da.relative or db.relative) and not (da.value and db.value):
            return -math.inf  # a weekday without a publication date to resolve it
        return evidence(prepared, feats, claim_of, a, b).score(
            params.local_weight, params.claim_bonus
        )

    def strict(a: Candidate[DateMention], b: Candidate[DateMention]) -> float:
        # newsfuse 0.1: no named months without a year, relative dates only between reports a
        # few days apart, and the words right around both dates must overlap
        da, db = a.value, b.value
        if _named_month(da) or _named_month(db):
            return -math.inf
        if da.relative or db.relative:
            pa = published[prepared.sentences[a.row].article_id]
            pb = published[prepared.sentences[b.row].article_id]
            if pa is None or pb is None or abs((pa - pb).days) > params.relative_max_days:
                return -math.inf
        ev = evidence(prepared, feats, claim_of, a, b)
        if ev.local < params.date_min_local and not ev.same_claim:
            return -math.inf
        return relaxed(a, b)

    def agree(x: DateMention, y: DateMention) -> bool:
        if x.key == y.key:
            return True
        if x.relative and y.relative and x.text.lower() == y.text.lower():
            return True  # one quote or wire paragraph reprinted on another day
        # A weekday read a week off is the likeliest misreading, not a disagreement.
        if x.value is not None and y.value is not None and (x.relative or y.relative):
            return abs((x.value - y.value).days) == 7
        return False

    def key(p: Pair[DateMention]) -> tuple[int, int, int, int]:
        return (p.a.row, p.a.value.start, p.b.row, p.b.value.start)

    pairs = shortlist(prepared, feats, cands, _date_type, params.local_weight)
    ruled = set()
    for p in value_pairs(prepared, cands, strict, agree, pairs):
        extra = params.year_extra if p.a.value.granularity == "year" else 0.0
        extra += params.relative_extra if p.a.value.relative or p.b.value.relative else 0.0
        if p.best == 2 and p.rival < -params.margin and p.score >= params.date_threshold + extra:
            ruled.add(key(p))
    out: list[Finding] = []
    for p in value_pairs(prepared, cands, relaxed, agree, pairs):
        checkpoint()
        if p.score < LEARNED_FLOOR:
            continue
        da, db = p.a.value, p.b.value
        # A named month whose year was inferred ("in June") is not read off a weekday: only
        # weekdays and "yesterday" depend on when each outlet heard the news.
        relative = _day_relative(da) or _day_relative(db)
        rule = key(p) in ruled
        ev = evidence(prepared, feats, claim_of, p.a, p.b)
        features = {
            **_pair_evidence(p, ev),
            "relative": float(relative),
            "granularity": {"day": 0.0, "month": 1.0, "year": 2.0}[da.granularity],
            **_crowding(*(len(feats[r].dates) for r in _rows(p))),
        }
        detail = "weekday" if relative else da.granularity
        conflict = _conflict("date", prepared, p.a, p.b, lambda d: d.key)
        subject = " ".join(sorted(p.a.window & p.b.window, key=feats[p.a.row].weight)[-3:])
        out.append(Finding(conflict, _rows(p), detail, rule, p.score, features, subject))
    return out


def _total(quantities: Sequence[Quantity]) -> Quantity | None:
    """The sum of a sentence's plain counts ("40 passengers and 3 crew"), when it has several."""
    counts = [q for q in quantities if q.kind == "count" and q.comparable and not q.vague]
    if len(counts) < 2:
        return None
    low, high = sum(q.low for q in counts), sum(q.high for q in counts)
    first = counts[0]
    return dataclasses.replace(first, value=sum(q.value for q in counts), low=low, high=high)


def _sums_agree(p: Pair[Quantity], totals: Sequence[Quantity | None]) -> bool:
    """One report gives the parts, the other the whole: 3 crew + 40 passengers = 43 aboard."""
    if p.a.value.kind != "count":
        return False
    ta, tb = totals[p.a.row], totals[p.b.row]
    return (tb is not None and not conflicting(p.a.value, tb)) or (
        ta is not None and not conflicting(ta, p.b.value)
    )


def _aged_alike(p: Pair[Quantity], feats: Sequence[SentenceFeatures]) -> bool:
    """Ages in reports a year or more apart differ by the time between them."""
    qa, qb = p.a.value, p.b.value
    pa, pb = feats[p.a.row].article.published, feats[p.b.row].article.published
    if qa.kind != "age" or qb.kind != "age" or pa is None or pb is None:
        return False
    shift = (pb - pa).days  # ages are in days
    if abs(shift) < 180:
        return False
    slack = 200  # a birthday may or may not fall between the two reports
    return qa.low + shift - slack <= qb.high and qb.low <= qa.high + shift + slack


def _candidates(
    feats: Sequence[SentenceFeatures], values: Sequence[Sequence[T]], params: ConflictParams
) -> list[Candidate[T]]:
    """Each sentence's values with the words around them."""
    return [
        Candidate(row, v, window(f, v.start, v.end, params.window))
        for row, (f, vs) in enumerate(zip(feats, values, strict=True))
        for v in vs
    ]


def _pair_evidence(p: Pair[T], ev: Evidence) -> dict[str, float]:
    return {
        "aboutness": p.score,
        "local": ev.local,
        "same_claim": float(ev.same_claim),
        "best": float(p.best),
        "rival": max(p.rival, -3.0),
    }


def _crowding(count_a: int, count_b: int) -> dict[str, float]:
    """How many values of the kind each sentence holds: in a list of figures ("depths of 10,
    44 and 125 km") a pair of two values is rarely one fact."""
    return {"values_a": float(count_a), "values_b": float(count_b)}


def _rows(p: Pair[T]) -> tuple[int, int]:
    return (p.a.row, p.b.row)


def _comparable_date(f: SentenceFeatures, d: DateMention) -> bool:
    text = f.sentence.text
    if not d.key or (_period_word(d) and d.granularity != "day"):
        return False  # "this month", "last year": the period of the report, not of an event
    if _after_reporting_verb(text, d.start, d.end):
        return False  # "said Tuesday" dates the statement; outlets quote on different days
    if d.start < 40 and _DATELINE_END.match(text[d.end :]):
        return False  # "WUHAN, July 31 (Xinhua) --" is when the report was filed
    if _used_as_name(d, text):
        return False
    return len(content_words(text[: d.start] + text[d.end :])) >= 3


def _used_as_name(d: DateMention, text: str) -> bool:
    """ "Sept. 11 victims", "the July 4 parade": a date used as a name. Written with its year
    ("the July 7, 2005 bombings") it dates the event."""
    if d.granularity != "day" or d.relative or _YEAR_WRITTEN.search(d.text):
        return False
    return bool(_NAMED_DAY.match(text[d.end :]))


def _day_relative(d: DateMention) -> bool:
    return d.relative and d.granularity == "day"


def _period_word(d: DateMention) -> bool:
    """Relative without naming the month or day: "last month", "this year" (a named month
    whose year was inferred, "in August", names an event's time)."""
    return d.relative and not any(w.strip(".,") in lx.MONTH_WORDS for w in d.text.lower().split())


def _named_month(d: DateMention) -> bool:
    return d.relative and d.granularity == "month" and not _period_word(d)


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
    return prepared.story.order(s.article_id)
