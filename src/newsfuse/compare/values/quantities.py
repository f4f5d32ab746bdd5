"""Numbers in news text, normalized to intervals so that reports can be compared.

``find_quantities(text)`` reads digits ("50,000", "1.5 million", "$3bn", "12%"), word numbers
("twenty-one", "a quarter of a million"), vague magnitudes ("tens of thousands", "dozens"),
hedges ("about", "more than", "up to"), ranges ("20 to 30", "between 2 and 3 million") and
hyphenated compounds ("17-nation", "five-year", "four-year-old"). Each becomes a ``Quantity``
whose ``[low, high]`` interval holds every value the words allow, so two quantities contradict
each other only when their intervals are disjoint (``conflicting``).

Rounding is part of the interval: an unhedged "50,000" is read as 45,000-55,000 because news
rounds, while "17" stays 16.55-17.45. Years, clock times, ordinals and identifiers ("Resolution
2254") are recognized so they are never compared as counts.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from newsfuse.compare.values import lexicon as lx
from newsfuse.compare.values.numbers import Num, Tok, read_number, read_ordinal, tokenize

QuantityKind = Literal["count", "money", "percent", "duration", "age", "measure", "ordinal", "year"]

INF = math.inf

APPROX_SPREAD = 0.12
""""about 20" covers 20 +- 12%: wide enough for "about 50,000" vs "48,000", narrow enough that
"about 20 countries" contradicts "17-nation"."""

VAGUE_SLACK = 1.25
"""Vague magnitudes ("thousands") are used loosely; their bounds are stretched by this factor
before two intervals are called disjoint."""


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number as written, and the interval of values it allows."""

    start: int
    end: int
    text: str
    value: float
    """Central value in base units (days for durations and ages, metres, kilograms, ...)."""
    low: float
    high: float
    kind: QuantityKind
    unit: str = ""
    """Currency code for money, ``%`` or ``pp`` for percents, dimension for measures, ``day``
    for durations and ages; empty for counts."""
    noun: tuple[str, ...] = ()
    """Lowercased words naming what is counted ("people"; "nation" in "17-nation")."""
    head: tuple[str, ...] = ()
    """Lowercased words of what the quantity describes ("civil", "war" in "five-year civil
    war"; "group" in "a group of about 20 countries")."""
    hedge: str = ""
    vague: bool = False

    @property
    def exact(self) -> bool:
        """Stated as a plain number, without hedge or vague magnitude."""
        return not self.hedge and not self.vague

    @property
    def comparable(self) -> bool:
        """Whether this can contradict another quantity (years, ordinals never do here)."""
        return self.kind not in ("ordinal", "year")

    def normalized(self) -> str:
        """A short readable value: ``"17"``, ``"~20"``, ``"10000-100000"``, ``">50"``."""
        if self.kind == "ordinal":
            return f"#{_fmt(self.value)}"
        mode = lx.HEDGE_MODE.get(self.hedge, "")
        if mode == "min":
            return f"{'>' if self.hedge == 'more than' else '>='}{_fmt(self.value)}"
        if mode == "max":
            return f"{'<' if self.hedge == 'fewer than' else '<='}{_fmt(self.value)}"
        if self.vague or (self.low < self.value * 0.8 and self.high > self.value * 1.2):
            return f"{_fmt(self.low)}-{_fmt(self.high)}"
        prefix = "~" if self.hedge else ""
        return f"{prefix}{_fmt(self.value)}"


def conflicting(a: Quantity, b: Quantity) -> bool:
    """True when ``a`` and ``b`` measure in the same units and no value satisfies both."""
    if not (a.comparable and b.comparable) or _dimension(a) != _dimension(b):
        return False
    slack = VAGUE_SLACK if (a.vague or b.vague) else 1.0
    return a.high * slack < b.low or b.high * slack < a.low


def _dimension(q: Quantity) -> tuple[str, str]:
    # A "five-year war" (duration) and a "four-year-old war" (age) are both lengths of time.
    kind = "duration" if q.kind == "age" else q.kind
    return kind, q.unit


def _fmt(x: float) -> str:
    return f"{x:.0f}" if x == int(x) or abs(x) >= 100 else f"{x:.3g}"


# --- the reader ------------------------------------------------------------------------------


def find_quantities(text: str) -> list[Quantity]:
    """Every quantity in ``text``, in order, with character offsets into ``text``."""
    toks = tokenize(text)
    out: list[Quantity] = []
    i = 0
    while i < len(toks):
        if toks[i].kind == "word" and toks[i].low not in _STARTERS:
            i += 1
            continue
        q, nxt = _read(text, toks, i)
        if q is not None:
            out.append(q)
            i = nxt
        else:
            i += 1
    return out


# Words a quantity can start with; every other word is skipped without parsing.
_STARTERS = frozenset(
    {w for key in lx.HEDGES for w in key[:1]}
    | set(lx.UNITS)
    | set(lx.TENS)
    | set(lx.ORDINALS)
    | set(lx.PLURAL_SCALES)
    | {"a", "half", "tens", "dozens", "scores", "several", "few", "us", "c", "hk", "nz"}
)


def _read(text: str, toks: list[Tok], i: int) -> tuple[Quantity | None, int]:
    start = i
    ordinal = read_ordinal(toks, i)
    if ordinal:
        end = toks[ordinal[1] - 1].end
        t0 = toks[i].start
        v = float(ordinal[0])
        return Quantity(t0, end, text[t0:end], v, v, v, "ordinal"), ordinal[1]
    hedge, j = _match_phrase(toks, i, lx.HEDGES)
    currency = ""
    if (
        j + 1 < len(toks)
        and toks[j].low in ("us", "a", "c", "hk", "nz")
        and toks[j + 1].text == "$"
        and toks[j + 1].glued
    ):
        currency = "USD" if toks[j].low == "us" else toks[j].text.upper() + "D"
        j += 2
    if not currency and j < len(toks) and toks[j].text in lx.CURRENCY_SYMBOLS:
        currency = lx.CURRENCY_SYMBOLS[toks[j].text]
        j += 1
    num = read_number(toks, j)
    if num is None:
        return None, i + 1
    if not hedge and not currency and (_in_ratio(toks, j, num.end)):
        return None, num.end  # "1 in 3 chance", "nine out of 10", "one in five adults"
    if not hedge and not currency and _skipread_number(text, toks, j, num):
        return None, num.end
    k = num.end
    # Ranges: "20 to 30", "20-30", "between 2 and 3 million", "two or three".
    upper: Num | None = None
    if k + 1 < len(toks) and (
        toks[k].low in ("to", "or")
        or (toks[k].low == "and" and hedge == "between")
        or (toks[k].text in "-–" and toks[k].glued and toks[k + 1].glued)
    ):
        nk = k + 1 + (1 if currency and toks[k + 1].text in lx.CURRENCY_SYMBOLS else 0)
        cand = read_number(toks, nk)
        if cand is not None and cand.lo < 0 and num.lo < 0:
            if cand.scale > 1 and num.scale == 1 and num.value * cand.scale <= cand.value:
                # "2 to 3 million": the scale is written once, after the second number.
                num.value, num.unit = num.value * cand.scale, num.unit * cand.scale
            if cand.value > num.value:
                upper, k = cand, cand.end
            elif toks[k].text in "-–":
                return None, cand.end  # a score ("won 3-1") or a code, not an amount
    # Money suffixes glued to the digits: "$3bn", "£5m".
    if currency and k < len(toks) and toks[k].glued and toks[k].low in lx.MONEY_SUFFIXES:
        mult = lx.MONEY_SUFFIXES[toks[k].low]
        num.value, num.unit = num.value * mult, num.unit * mult
        if upper is not None:
            upper.value, upper.unit = upper.value * mult, upper.unit * mult
        k += 1
    post, k = _match_phrase(toks, k, lx.POST_HEDGES)
    kind: QuantityKind = "count"
    unit = ""
    noun: tuple[str, ...] = ()
    head: tuple[str, ...] = ()
    factor = 1.0
    if currency:
        kind, unit = "money", currency
    elif k < len(toks) and (toks[k].text == "%" or toks[k].low in ("percent", "pct")):
        kind, unit, k = "percent", "%", k + 1
    elif k + 1 < len(toks) and toks[k].low == "per" and toks[k + 1].low == "cent":
        kind, unit, k = "percent", "%", k + 2
    if (
        kind in ("count", "percent")
        and k + 1 < len(toks)
        and toks[k].low == "percentage"
        and lx.singular(toks[k + 1].low) == "point"
    ):
        kind, unit, k = "percent", "pp", k + 2
    if kind == "count" and k < len(toks) and toks[k].low in lx.CURRENCY_WORDS:
        kind, unit, k = "money", lx.CURRENCY_WORDS[toks[k].low], k + 1
    # Hyphenated compounds: "17-nation group", "five-year war", "four-year-old war".
    if (
        kind == "count"
        and k + 1 < len(toks)
        and toks[k].text in "-–"
        and toks[k].glued
        and toks[k + 1].kind == "word"
    ):
        word = toks[k + 1].low
        k += 2
        old = False
        if k + 1 < len(toks) and toks[k].text == "-" and toks[k + 1].low == "old":
            old, k = True, k + 2
        singular = lx.singular(word)
        if singular in lx.TIME_UNITS:
            kind = "age" if old else "duration"
            unit, factor = "day", lx.TIME_UNITS[singular]
        elif singular in lx.MEASURE_UNITS:
            kind = "measure"
            unit, factor = lx.MEASURE_UNITS[singular]
        else:
            noun = (word,)
        head = _phrase_after(toks, k, 4)
    elif kind in ("count", "money") and k < len(toks):
        word = lx.singular(toks[k].low)
        if kind == "count" and word in lx.TIME_UNITS:
            unit, factor, k = "day", lx.TIME_UNITS[word], k + 1
            kind = "duration"
            if k < len(toks) and toks[k].low == "old":
                kind, k = "age", k + 1
        elif kind == "count" and word in lx.MEASURE_UNITS:
            unit, factor = lx.MEASURE_UNITS[word]
            kind, k = "measure", k + 1
        elif kind == "count":
            noun = _phrase_after(toks, k + (1 if toks[k].low == "of" else 0), 3)
    after_of = start > 1 and toks[start - 1].low == "of"
    if kind == "count" and _prev_word(toks, start - 1 if after_of else start, "magnitude"):
        kind, unit, noun = "measure", "magnitude", ()  # "a magnitude of 6.9", "magnitude 3.5"
    if (
        kind == "count"
        and start > 0
        and (
            _prev_word(toks, start, "aged")
            or (_age_of(toks, start) and not noun)  # not "the average age of 40 members"
            or _age_apposition(toks, start, k)
        )
    ):
        kind, unit, factor = "age", "day", lx.TIME_UNITS["year"]
    plain = kind == "count" and num.lo < 0 and hedge in ("", "between") and not post
    # "the 2000 census", "in 2008" are years; "2000 people", "1500 soldiers" are counts.
    counted = bool(noun) and (lx.singular(noun[0]) != noun[0] or noun[0] in lx.PERSON_NOUNS)
    if plain and not counted and 1800 <= num.value <= 2100 and toks[j].text.isdigit():
        kind, noun = "year", ()
    if not head and start >= 2 and toks[start - 1].low == "of":
        head = _phrase_before(toks, start - 1, 2)
    low, high, value = _interval(num, upper, hedge or post)
    end = toks[k - 1].end
    q = Quantity(
        start=toks[start].start,
        end=end,
        text=text[toks[start].start : end],
        value=value * factor,
        low=low * factor,
        high=high * factor,
        kind=kind,
        unit=unit,
        noun=noun,
        head=head,
        hedge=hedge or post,
        vague=num.lo >= 0,
    )
    return q, k


def _interval(num: Num, upper: Num | None, hedge: str) -> tuple[float, float, float]:
    if num.lo >= 0:
        lo, hi, value = num.lo, num.hi, math.sqrt(num.lo * num.hi)
    else:
        lo, hi = num.value - _rounding(num), num.value + _rounding(num)
        value = num.value
        if upper is not None:
            hi = upper.value + _rounding(upper)
            value = (num.value + upper.value) / 2
    mode = lx.HEDGE_MODE.get(hedge, "")
    if mode == "approx":
        spread = max(APPROX_SPREAD * value, 1.0 if value <= 12 else 0.0)
        lo, hi = min(lo, value - spread), max(hi, value + spread)
    elif mode == "below":
        # "nearly 50,000" is a little under 50,000, never over it.
        lo, hi = min(lo, value * 0.85), (value if num.lo < 0 else hi)
    elif mode == "min":
        hi = INF
    elif mode == "max":
        lo = 0.0
    return max(lo, 0.0), hi, value


def _rounding(num: Num) -> float:
    # Round figures are rounded: "50,000" may stand for 48,500, but "17" is 17.
    return min(0.45 * num.unit, 0.1 * abs(num.value)) if num.unit > 1 else 0.45 * num.unit


# --- context ---------------------------------------------------------------------------------


def _match_phrase(toks: list[Tok], i: int, table: dict[tuple[str, ...], str]) -> tuple[str, int]:
    for n in (3, 2, 1):
        key = tuple(t.low for t in toks[i : i + n])
        if len(key) == n and key in table:
            return table[key], i + n
    if i + 1 < len(toks) and toks[i].text == "-" and toks[i].glued and toks[i + 1].low == "plus":
        return "more than", i + 2
    return "", i


def _skipread_number(text: str, toks: list[Tok], j: int, num: Num) -> bool:
    """Clock times, dates, identifiers and list numbers are not quantities."""
    t = toks[j]
    if t.kind != "num":
        return False
    nxt = toks[num.end] if num.end < len(toks) else None
    prev = toks[j - 1] if j > 0 else None
    if nxt is not None and nxt.glued and nxt.low in ("s", "'s", "’s"):
        return True  # the 1990s
    if nxt is not None and nxt.text == ":" and nxt.glued:
        return True  # 10:30
    if prev is not None and prev.text == ":" and t.glued:
        return True
    if nxt is not None and nxt.low in ("a", "p", "am", "pm", "gmt", "utc", "bst", "edt", "est"):
        return True  # 3 p.m.
    if prev is not None and prev.text == "." and j > 1:
        prev = toks[j - 2]
    if prev is not None and prev.low in lx.MONTH_WORDS and prev.text[0].isupper():
        return True  # Feb. 25
    if nxt is not None and nxt.low in lx.MONTH_WORDS and num.value <= 31:
        return True  # 25 February
    if prev is not None and prev.text in "/-" and prev.glued:
        return True
    if nxt is not None and nxt.text in "/" and nxt.glued:
        return True
    # "Resolution 2254", "Flight 370" - but not "Some 300", "About 50" at a sentence start.
    if (
        prev is not None
        and prev.kind == "word"
        and prev.text[0].isupper()
        and num.end == j + 1
        and prev.low not in lx.ALL_HEDGE_WORDS
        and not _sentence_start(text, prev)
    ):
        return True
    if nxt is not None and nxt.glued and (nxt.kind == "word" or nxt.text in "'’\"″′"):
        # "5h", "G7"-style codes, 1' 37" lap times; money suffixes are read before this.
        return nxt.low not in lx.MONEY_SUFFIXES and nxt.low not in lx.ORDINAL_SUFFIXES
    return prev is not None and prev.low in lx.IDENTIFIER_NOUNS  # "stage 13", "No. 5"


def _in_ratio(toks: list[Tok], j: int, end: int) -> bool:
    """Is the number at ``j`` either side of "in" / "out of" between two numbers?"""

    def numeric(t: Tok) -> bool:
        return t.kind == "num" or t.low in lx.UNITS or t.low in lx.TENS

    words = [t.low for t in toks[end : end + 3]]
    if words[:1] == ["in"] and len(words) > 1 and numeric(toks[end + 1]):
        return True
    if words[:2] == ["out", "of"] and len(words) > 2 and numeric(toks[end + 2]):
        return True
    if j >= 2 and toks[j - 1].low == "in" and numeric(toks[j - 2]):
        return True
    return j >= 3 and [t.low for t in toks[j - 2 : j]] == ["out", "of"] and numeric(toks[j - 3])


def _sentence_start(text: str, tok: Tok) -> bool:
    before = text[: tok.start].rstrip()
    return not before or before[-1] in '.!?"“:\n'


def _age_of(toks: list[Tok], start: int) -> bool:
    """ "at the age of 91", "died at age 36": the number is an age in years."""
    if start >= 1 and toks[start - 1].low == "age":
        return True
    return start >= 2 and toks[start - 1].low == "of" and toks[start - 2].low == "age"


def _age_apposition(toks: list[Tok], start: int, end: int) -> bool:
    """ "Lizandra Cosme, 32, of Chicago", "the driver, 34, was": a bare number set off by
    commas after a name or a word for a person."""
    if start < 2 or toks[start - 1].text != "," or toks[start - 2].kind != "word":
        return False
    before = toks[start - 2]
    person = before.text[0].isupper() or lx.singular(before.low) in lx.ROLE_NOUNS
    if not person or end >= len(toks):
        return False
    return toks[end].text in ",." and end == start + 1


def _prev_word(toks: list[Tok], i: int, word: str) -> bool:
    return i > 0 and toks[i - 1].low == word


def _phrase_after(toks: list[Tok], k: int, limit: int) -> tuple[str, ...]:
    out: list[str] = []
    while k < len(toks) and len(out) < limit:
        t = toks[k]
        if t.kind != "word" or t.low in lx.PHRASE_STOP:
            break
        out.append(t.low)
        k += 1
    return tuple(out)


def _phrase_before(toks: list[Tok], k: int, limit: int) -> tuple[str, ...]:
    out: list[str] = []
    k -= 1
    while k >= 0 and len(out) < limit:
        t = toks[k]
        if t.kind != "word" or t.low in lx.PHRASE_STOP:
            break
        out.insert(0, t.low)
        k -= 1
    return tuple(out)
