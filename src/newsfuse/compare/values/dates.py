"""Dates in news text, resolved against the article's publication date.

``find_dates(text, published)`` reads absolute dates ("February 25, 2016", "Feb. 25", "25 Feb",
"2016-02-25", "2/25/2016"), months ("in March", "last month", "February 2016"), years ("in
2013", "last year") and relative days ("today", "yesterday", "tomorrow", "last night",
"Thursday").

How a bare weekday is resolved (news convention: a weekday always means a day within six days of
publication):

1. "last Thursday" is the one before publication, "next Thursday" the one after, "this
   Thursday" the coming one (or the publication day itself).
2. A bare weekday equal to the publication weekday is the publication day.
3. "by/until/through/before Thursday" look ahead; "since Thursday" looks back.
4. Otherwise the tense cue nearest to the weekday in its sentence, outside quotation marks,
   decides: future cues ("will", "is scheduled", "to resume", "hopes to", "would", "ahead of",
   "is heading", "planned for") pick the coming day; past cues ("was", "had", "met", a verb in
   -ed, "said" right next to the weekday) pick the previous one.

A month without a year is this year's, except last year's when it is later than publication
and the sentence is in the past, and next year's when it is earlier and the sentence looks
ahead ("leaving in February" in a December story).
5. With no cue, the previous day: news mostly reports what already happened.

Week-sized expressions ("earlier this week", "last week") are skipped: no single day or month is
meant. Without a publication date, relative expressions keep ``value=None`` (a weekday keeps its
``weekday`` number) and month-day dates without a year keep ``month``/``day``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from newsfuse.compare.values import lexicon as lx

Granularity = Literal["day", "month", "year"]


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression and the date it names (the first day of a month or year)."""

    start: int
    end: int
    text: str
    value: dt.date | None
    granularity: Granularity
    weekday: int = -1
    """0 (Monday) to 6 for weekday expressions, else -1."""
    relative: bool = False
    """Resolved from a weekday or relative word, so it depends on the publication date."""
    month: int = 0
    """Month and day as written, kept when the year (or publication date) is unknown."""
    day: int = 0

    @property
    def key(self) -> str:
        """Comparable form: ``2016-02-25``, ``2016-02``, ``2016``, ``--02-25`` or ``weekday:3``."""
        if self.value is not None:
            iso = self.value.isoformat()
            return {"day": iso, "month": iso[:7], "year": iso[:4]}[self.granularity]
        if self.month and self.day:
            return f"--{self.month:02d}-{self.day:02d}"
        if self.weekday >= 0:
            return f"weekday:{self.weekday}"
        return ""


_MONTH = (
    r"(?P<mon>January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
_DAYNUM = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>1[89]\d\d|20\d\d)"
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("iso", re.compile(r"\b(?P<year>\d{4})-(?P<mnum>\d{2})-(?P<day>\d{2})\b")),
    ("us", re.compile(r"\b(?P<mnum>1[0-2]|0?[1-9])/(?P<day>[0-3]?\d)/(?P<year>\d{4}|\d{2})\b")),
    ("mdy", re.compile(rf"\b{_MONTH}\s+{_DAYNUM}\b(?:,?\s+{_YEAR}\b)?")),
    ("dmy", re.compile(rf"\b{_DAYNUM}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR}\b)?")),
    ("my", re.compile(rf"\b{_MONTH},?\s+(?:of\s+)?{_YEAR}\b")),
    (
        "m",
        re.compile(
            r"\b(?P<pre>in|since|by|until|till|last|next|this|early|late|mid|during|through|"
            rf"from|before|after|of|In|Since|By|Until|Last|Next|This|Early|Late|During)[\s-]+{_MONTH}"
            r"(?![\w-])"
        ),
    ),
    (
        "rel",
        re.compile(
            r"\b(?P<rel>today|tonight|yesterday|tomorrow|this (?:morning|afternoon|"
            r"evening)|last night|(?:last|this|next) (?:month|year))\b",
            re.I,
        ),
    ),
    (
        "wd",
        re.compile(
            r"\b(?:(?P<mod>last|next|this|Last|Next|This)\s+)?"
            r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?!s\b)\b"
        ),
    ),
    (
        "y",
        re.compile(
            rf"\b(?P<pre>in|since|by|until|during|from|before|after|of|early|late|mid|"
            rf"In|Since|By|Until|During|From|Before|After)[\s-]+{_YEAR}\b(?!['’]?s\b)"
        ),
    ),
)

_FUTURE = re.compile(
    r"\b(?:will|won't|shall|going to|(?<!a )(?<!an )(?<!the )scheduled|slated|set to|due to|"
    r"expected to|plans? (?:to|for)|planned for|planning to|hopes? to|hoping to|aims? to|"
    r"intends? to|upcoming|ahead of|in advance of|would|could|might|is to|are to|to resume|"
    r"to begin|to start|to meet|(?:is|are|was|were) (?:heading|leaving|coming|returning)|"
    r"heads? to)\b|'ll\b",
    re.I,
)
_PAST = re.compile(
    r"\b(?:was|were|had|did|has been|have been|ago|earlier|announced|met|killed|died|began|"
    r"ended|signed|agreed|voted|arrested|took|came|went|left|arrived|launched|won|lost)\b",
    re.I,
)
# Any other verb in -ed: past only when nothing else in the clause says (a participle such as
# "a meeting Thursday viewed as ..." must not outvote "hopes to").
_PAST_ED = re.compile(r"(?<![-\w])(?!scheduled|planned|expected|slated)[a-z]{3,}ed\b", re.I)
# A verb in -ed right before the weekday is the event it dates, in the past ("vowed Saturday",
# "were indicted Friday"), unless a present or future passive makes it a participle ("will be
# released Thursday", "is expected Thursday").
_VERB_BEFORE = re.compile(
    r"(?<![-\w])(?<!\bbe )(?<!\bis )(?<!\bare )(?<!\bbeing )(?<!\bget )(?<!\bgets )"
    r"(?!(?:scheduled|planned|expected|slated|set|due)\b)[a-z]{3,}ed\s+(?:(?:on|late|early)\s+)?$",
    re.I,
)
_QUOTED = re.compile(r"[\"“][^\"“”\n]*[\"”]")
_REPORTING = re.compile(
    r"\b(?:said|told|reported|added|announced|says|wrote|tweeted|stated|claimed)\W+(?:on\s+)?$",
    re.I,
)
_LOOK_AHEAD = re.compile(r"\b(?:by|until|till|through|before|ahead of)\s+$", re.I)
_LOOK_BACK = re.compile(r"\b(?:since|after|over)\s+$", re.I)


def find_dates(text: str, published: dt.datetime | None) -> list[DateMention]:
    """Every date expression in ``text``, in order, resolved against ``published``."""
    pub = published.date() if published is not None else None
    taken: list[tuple[int, int]] = []
    out: list[DateMention] = []
    for name, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            try:
                mention = _resolve(name, m, text, pub)
            except (ValueError, OverflowError):
                # Outside the calendar (year 0 or 10000): "next year" published 9999-12-31,
                # "last Monday" published 0001-01-01. Not a date to compare, not fatal.
                mention = None
            if mention is not None:
                taken.append((mention.start, mention.end))
                out.append(mention)
    return sorted(out, key=lambda d: d.start)


def _resolve(name: str, m: re.Match[str], text: str, pub: dt.date | None) -> DateMention | None:
    g = m.groupdict()
    span = (m.start(), m.end(), m.group())
    if name in ("iso", "us", "mdy", "dmy"):
        month = int(g["mnum"]) if g.get("mnum") else lx.MONTHS[g["mon"].lower()]
        day = int(g["day"])
        if name == "mdy" and g["mon"] == "May" and not g.get("year") and day > 31:
            return None
        year = int(g["year"]) if g.get("year") else 0
        if 0 < year < 100:
            year += 2000 if year < 50 else 1900
        if not 1 <= day <= 31:
            return None
        if year:
            value = _safe_date(year, month, day)
            if value is None:
                return None
            return DateMention(*span, value, "day", month=month, day=day)
        value = _nearest_year(pub, month, day) if pub else None
        return DateMention(*span, value, "day", relative=False, month=month, day=day)
    if name == "my":
        month = lx.MONTHS[g["mon"].lower()]
        return DateMention(*span, dt.date(int(g["year"]), month, 1), "month", month=month)
    if name == "m":
        mon = g["mon"]
        if mon in ("May", "March") and g["pre"].lower() in ("of", "from", "this"):
            return None  # "the March of Dimes", "from May" is too often a name or modal
        month = lx.MONTHS[mon.lower()]
        start = m.start("mon")
        if pub is None:
            return DateMention(start, m.end(), text[start : m.end()], None, "month", month=month)
        pre = g["pre"].lower()
        if pre == "last":
            year = pub.year - (1 if month >= pub.month else 0)
        elif pre == "next":
            year = pub.year + (1 if month <= pub.month else 0)
        elif month > pub.month and _past_context(text, m.start()):
            year = pub.year - 1  # "talks began in March", written in February
        elif month < pub.month and _future_context(text, m.start(), m.end()):
            year = pub.year + 1  # "he is leaving in February", written in December
        else:
            year = pub.year
        return DateMention(
            start,
            m.end(),
            text[start : m.end()],
            dt.date(year, month, 1),
            "month",
            relative=True,
            month=month,
        )
    if name == "rel":
        return _relative(g["rel"].lower(), span, pub)
    if name == "wd":
        wd = lx.WEEKDAYS[g["wd"].lower()]
        mod = (g["mod"] or "").lower()
        value = _weekday(wd, mod, text, m.start(), m.end(), pub) if pub else None
        return DateMention(*span, value, "day", weekday=wd, relative=True)
    if name == "y":
        start = m.start("year")
        year = int(g["year"])
        return DateMention(start, m.end(), text[start : m.end()], dt.date(year, 1, 1), "year")
    return None


def _relative(rel: str, span: tuple[int, int, str], pub: dt.date | None) -> DateMention | None:
    if pub is None:
        return None
    rel = " ".join(rel.split())
    offsets = {"yesterday": -1, "tomorrow": 1, "last night": -1}
    if rel in ("today", "tonight") or (
        rel.startswith("this ")
        and rel.split()[1]
        in (
            "morning",
            "afternoon",
            "evening",
        )
    ):
        return DateMention(*span, pub, "day", relative=True)
    if rel in offsets:
        return DateMention(*span, pub + dt.timedelta(days=offsets[rel]), "day", relative=True)
    which, unit = rel.split()
    step = {"last": -1, "this": 0, "next": 1}[which]
    if unit == "year":
        return DateMention(*span, dt.date(pub.year + step, 1, 1), "year", relative=True)
    month_index = pub.year * 12 + pub.month - 1 + step
    return DateMention(
        *span, dt.date(month_index // 12, month_index % 12 + 1, 1), "month", relative=True
    )


def _weekday(wd: int, mod: str, text: str, start: int, end: int, pub: dt.date) -> dt.date:
    ahead = (wd - pub.weekday()) % 7  # 0..6 days forward to the coming one
    back = (pub.weekday() - wd) % 7  # 0..6 days back to the previous one
    if mod == "last":
        return pub - dt.timedelta(days=back or 7)
    if mod == "next":
        return pub + dt.timedelta(days=ahead or 7)
    if mod == "this" or ahead == 0:
        return pub + dt.timedelta(days=ahead)
    if _future_context(text, start, end):
        return pub + dt.timedelta(days=ahead)
    return pub - dt.timedelta(days=back)


_SENTENCE_END = re.compile(r"(?<=[a-z\d]{2}[.!?])[\"”’)]*\s+|\n")


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around ``text[start:end]``: a stop after a lowercase word or a line break
    ends one ("Mr. Ryan" does not)."""
    window = max(0, start - 400)
    left = window
    for m in _SENTENCE_END.finditer(text, window, start):
        left = m.end()
    stop = _SENTENCE_END.search(text, end, end + 400)
    right = stop.start() if stop else min(len(text), end + 400)
    return left, right


def _future_context(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 40) : start]
    if _LOOK_AHEAD.search(before):
        return True
    if _LOOK_BACK.search(before) or _REPORTING.search(before):
        return False
    after = text[end : end + 12]
    if re.match(r"\W*(?:said|told|announced|reported)\b", after, re.I):
        return False
    if _VERB_BEFORE.search(before):
        return False  # "lawmakers vowed Saturday", "a poll released Thursday"
    s, e = _sentence_bounds(text, start, end)
    # Tense cues inside quotation marks belong to the quote, not to the weekday.
    clause = _QUOTED.sub(lambda q: " " * len(q.group()), text[s:e])
    best = None
    for pattern, future in ((_FUTURE, True), (_PAST, False)):
        for m0 in pattern.finditer(clause):
            m = _Shifted(m0, s)
            dist = start - m.end() if m.end() <= start else m.start() - end
            if best is None or dist < best[0] or (dist == best[0] and future):
                best = (dist, future)
    if best is None and _PAST_ED.search(clause):
        return False
    return bool(best and best[1])


class _Shifted:
    """A match in a slice, with offsets into the whole text."""

    def __init__(self, m: re.Match[str], offset: int) -> None:
        self._m, self._o = m, offset

    def start(self) -> int:
        return self._m.start() + self._o

    def end(self) -> int:
        return self._m.end() + self._o


def _past_context(text: str, start: int) -> bool:
    s, e = _sentence_bounds(text, start, start)
    return not _FUTURE.search(text, s, e)


def _nearest_year(pub: dt.date, month: int, day: int) -> dt.date | None:
    """Month-day without a year: the occurrence nearest the publication date."""
    best: dt.date | None = None
    for year in (pub.year - 1, pub.year, pub.year + 1):
        d = _safe_date(year, month, day)
        if d is not None and (best is None or abs((d - pub).days) < abs((best - pub).days)):
            best = d
    return best


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    if not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return dt.date(year, month, day)
