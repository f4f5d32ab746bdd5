"""Reading numbers: word tokens with offsets, digits, number words, ordinals and vague
magnitudes. ``quantities.py`` reads the context around them (hedges, units, nouns)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsfuse.compare.values import lexicon as lx

_TOKEN = re.compile(
    # "150,000", and "150, 000" as badly typeset copy has it (never "2015, 300": the lookbehind
    # keeps a group from starting inside a longer number)
    r"(?P<num>(?<!\d)\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|(?<!\d)\d{1,3}(?:, \d{3})+(?![\d,])"
    r"|\d+(?:\.\d+)?)"
    r"|(?P<word>[A-Za-z]+(?:['’][A-Za-z]+)?)"
    r"|(?P<sym>\S)"
)


@dataclass(frozen=True, slots=True)
class Tok:
    """A word, number or symbol with its offsets; ``glued`` when no space precedes it, which
    is how "17-nation" differs from "17 - nation"."""

    text: str
    low: str
    start: int
    end: int
    kind: str  # "num", "word", "sym"
    glued: bool  # no space before it


def tokenize(text: str) -> list[Tok]:
    """Numbers stay whole ("50,000", "3.5"); hyphens and currency signs are their own tokens."""
    out: list[Tok] = []
    prev_end = -1
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup or "sym"
        out.append(
            Tok(m.group(), m.group().lower(), m.start(), m.end(), kind, m.start() == prev_end)
        )
        prev_end = m.end()
    return out


@dataclass(slots=True)
class Num:
    """A number read from tokens, before its context (hedge, unit, noun) is known."""

    value: float
    unit: float  # place value of the last significant digit, for rounding tolerance
    end: int  # token index after the number
    lo: float = -1.0  # vague magnitudes carry their own interval
    hi: float = -1.0
    word: bool = False
    scale: float = 1.0  # the scale word read after digits ("million"), 1 if none


MAX_DIGITS = 20
"""Longer digit runs are ids, serial numbers or junk, not quantities to compare (and a
5,000-digit one would overflow a float or pass Python's int conversion cap)."""


def read_number(toks: list[Tok], j: int) -> Num | None:
    if j >= len(toks):
        return None
    t = toks[j]
    if t.kind == "num":
        if j + 1 < len(toks) and toks[j + 1].glued and toks[j + 1].low in lx.ORDINAL_SUFFIXES:
            return None
        raw = t.text.replace(",", "").replace(" ", "")
        if len(raw) > MAX_DIGITS:
            return None
        value = float(raw)
        if "." in raw:
            unit = 10.0 ** -len(raw.split(".")[1])
        else:
            stripped = raw.rstrip("0")
            unit = 10.0 ** (len(raw) - len(stripped)) if stripped else 1.0
        num = Num(value, unit, j + 1)
        scale = scale_after(toks, j + 1)
        if scale:
            num.value, num.unit, num.end = value * scale, unit * scale, j + 2
            num.scale = scale
        return num
    if t.kind != "word":
        return None
    return _vague(toks, j) or _words(toks, j)


def read_ordinal(toks: list[Tok], j: int) -> tuple[int, int] | None:
    """("21st" -> 21), ("third" -> 3); the second item is the token index after it."""
    t = toks[j]
    if (
        t.kind == "num"
        and "," not in t.text
        and "." not in t.text
        and len(t.text) <= MAX_DIGITS
        and j + 1 < len(toks)
    ):
        nxt = toks[j + 1]
        if nxt.glued and nxt.low in lx.ORDINAL_SUFFIXES:
            return int(t.text), j + 2
    if t.low in lx.ORDINALS and t.low != "second":
        return lx.ORDINALS[t.low], j + 1
    return None


def scale_after(toks: list[Tok], j: int) -> float:
    if j < len(toks) and toks[j].low in lx.SCALES and toks[j].low != "hundred":
        return lx.SCALES[toks[j].low]
    if j < len(toks) and toks[j].low == "hundred":
        return 100.0
    return 0.0


def _vague(toks: list[Tok], j: int) -> Num | None:
    w = toks[j].low
    nxt = toks[j + 1].low if j + 1 < len(toks) else ""
    after = toks[j + 2].low if j + 2 < len(toks) else ""
    if w in ("tens", "hundreds") and nxt == "of" and after in lx.PLURAL_SCALES:
        base = 10.0 if w == "tens" else 100.0
        s = lx.PLURAL_SCALES[after]
        return Num(base * s, base * s, j + 3, base * s, base * s * 10)
    if w in lx.PLURAL_SCALES:
        s = lx.PLURAL_SCALES[w]
        return Num(s, s, j + 1, s, s * 10)
    if w == "dozens":
        return Num(24, 12, j + 1, 24, 100)
    if w == "scores" and nxt == "of":
        return Num(40, 20, j + 1, 40, 200)
    if w in ("several", "few") and nxt in lx.SCALES:
        s = lx.SCALES[nxt]
        lo = 3.0 if w == "several" else 2.0
        if w == "few" and not (j > 0 and toks[j - 1].low == "a"):
            return None
        return Num(lo * s, s, j + 2, lo * s, s * 10)
    return None


def _words(toks: list[Tok], j: int) -> Num | None:
    """Spelled-out numbers: "five", "twenty-one", "one hundred and twenty", "half a million"."""
    w = toks[j].low
    nxt = toks[j + 1].low if j + 1 < len(toks) else ""
    if w == "a" and nxt == "dozen":
        return Num(12, 12, j + 2)
    if w == "half" and nxt == "a" and j + 2 < len(toks) and toks[j + 2].low in lx.SCALES:
        s = lx.SCALES[toks[j + 2].low]
        return Num(0.5 * s, 0.1 * s, j + 3)
    quarter = [t.low for t in toks[j : j + 5]]
    if quarter[:4] == ["a", "quarter", "of", "a"] and len(quarter) == 5 and quarter[4] in lx.SCALES:
        s = lx.SCALES[quarter[4]]
        return Num(0.25 * s, 0.1 * s, j + 5)
    total = 0.0
    current = 0.0
    unit = 1.0
    k = j
    seen = False
    if w == "a" and nxt in lx.SCALES:
        current, k, seen = 1.0, j + 1, True
    while k < len(toks):
        t = toks[k].low
        if t in lx.UNITS and (not seen or (current % 10 == 0 and current >= 20) or current >= 100):
            if seen and current % 100 != 0 and not (toks[k].glued and toks[k - 1].text == "-"):
                break
            current += lx.UNITS[t]
            unit = 1.0
        elif t in lx.TENS and (not seen or current % 100 == 0):
            current += lx.TENS[t]
            unit = 10.0
        elif t == "hundred" and seen:
            current = (current or 1) * 100
            unit *= 100
        elif t in lx.SCALES and seen and t != "hundred":
            total += (current or 1) * lx.SCALES[t]
            unit *= lx.SCALES[t]
            current = 0.0
        elif t == "-" and seen and toks[k].glued and k + 1 < len(toks) and toks[k + 1].glued:
            if toks[k + 1].low not in lx.UNITS or current % 10 != 0 or current < 20:
                break
        elif t == "and" and seen and current >= 100 and k + 1 < len(toks):
            if toks[k + 1].low not in lx.UNITS and toks[k + 1].low not in lx.TENS:
                break
        else:
            break
        seen = True
        k += 1
    if not seen:
        return None
    value = total + current
    # "one" is usually a pronoun or article ("one official said"), not a count worth comparing.
    if value == 1 and k == j + 1:
        return None
    return Num(value, unit, k, word=True)
