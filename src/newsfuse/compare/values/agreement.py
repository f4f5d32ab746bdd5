"""Do two sentences give different values for what they both state? The check a citation must
pass: "$716 billion" is not supported by a sentence saying "$800 billion", nor "January 1" by
"the end of February", nor "X confirmed" by "X denied", nor "Kerry said" by "Lavrov said" in
otherwise the same words (``states_otherwise``).

Exact, not learned: a quantity disagrees when every quantity of the other sentence that measures
the same thing (same kind and unit, the same counted noun when both name one) is incompatible
with it as an interval; a date (a day or a month) when the other sentence gives such dates
and none is the same day or contains it. Sentences with nothing comparable agree.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from newsfuse.compare.values import lexicon as lx
from newsfuse.compare.values.dates import DateMention, find_dates
from newsfuse.compare.values.quantities import Quantity, conflicting, find_quantities
from newsfuse.text.tokens import content_stems as content_words


def values_disagree(
    a: str, b: str, published_a: dt.datetime | None = None, published_b: dt.datetime | None = None
) -> bool:
    """True when ``b`` gives another value for a quantity or date that ``a`` states."""
    return parsed_disagree(
        find_quantities(a),
        find_dates(a, published_a),
        find_quantities(b),
        find_dates(b, published_b),
    )


def parsed_disagree(
    quantities_a: Sequence[Quantity],
    dates_a: Sequence[DateMention],
    quantities_b: Sequence[Quantity],
    dates_b: Sequence[DateMention],
) -> bool:
    """``values_disagree`` on values already read from the two sentences."""
    qa = [q for q in quantities_a if q.comparable]
    if qa:
        qb = [q for q in quantities_b if q.comparable]
        if any(_quantity_contradicted(x, qb) for x in qa):
            return True
    da = [d for d in dates_a if _dated(d)]
    if da:
        db = [d for d in dates_b if _dated(d)]
        # Day and month precision only: years mostly set the scene ("in 2015, ...").
        return bool(db) and any(all(not _nested(x, y) for y in db) for x in da)
    return False


_NEGATION = re.compile(r"\b(?:not|never|no|none|neither|nor|denied|denies|deny)\b|n[’']t\b", re.I)
_NAME = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*")


def states_otherwise(
    a: str, b: str, published_a: dt.datetime | None = None, published_b: dt.datetime | None = None
) -> bool:
    """``b`` says the same thing as ``a`` except a value, a name or a negation: it cannot
    support ``a`` (a citation check; what differs is for the conflict detector to say)."""
    if values_disagree(a, b, published_a, published_b):
        return True
    wa, wb = set(content_words(a)), set(content_words(b))
    if not wa or not wb or len(wa & wb) < 0.6 * min(len(wa), len(wb)):
        return False  # not a near-restatement: leave it to the similarity threshold
    if bool(_NEGATION.search(a)) != bool(_NEGATION.search(b)):
        return True
    na, nb = _names(a), _names(b)
    return bool(na - nb) and bool(nb - na)


def _names(text: str) -> set[str]:
    """Capitalized words but the sentence's first word and the names of months and days."""
    return {
        w
        for m in _NAME.finditer(text)
        if m.start() > 0
        for w in m.group().split()
        if w.lower() not in lx.MONTH_WORDS and w.lower() not in lx.WEEKDAYS
    }


def _quantity_contradicted(x: Quantity, others: Sequence[Quantity]) -> bool:
    same = [y for y in others if _measures_same(x, y)]
    return bool(same) and all(conflicting(x, y) for y in same)


def _measures_same(x: Quantity, y: Quantity) -> bool:
    kx = "duration" if x.kind == "age" else x.kind
    ky = "duration" if y.kind == "age" else y.kind
    if (kx, x.unit) != (ky, y.unit):
        return False
    if x.kind != "count":
        return True
    nx = {lx.singular(w) for w in x.noun}
    ny = {lx.singular(w) for w in y.noun}
    return (bool(nx & ny)) if (nx and ny) else not (nx or ny)


def _dated(d: DateMention) -> bool:
    return d.value is not None and d.granularity in ("day", "month")


def _nested(x: DateMention, y: DateMention) -> bool:
    """The same day, or a day within the month the other names."""
    return x.key.startswith(y.key) or y.key.startswith(x.key)
