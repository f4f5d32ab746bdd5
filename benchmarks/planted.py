"""Planted conflicts (and planted compatible restatements) built from summarization clusters.

Method, chosen *without* any conflict detector:

1. **Same-fact pairs.** In each cluster, two sentences of different articles that carry the same
   value - the same normalized quantity (kind, unit, value), the same resolved day, month or year,
   or the same PERSON / ORG / GPE name (spaCy) - and share enough *other* content words. The
   overlap needed depends on how specific the value is: 2 words for a specific value (3+
   significant digits, a full date, a two-word name), 4 for a small number (<= 20) or a year,
   3 otherwise. Near-copies (wire reprints) are allowed for at most half of the picks.
2. **Conflict plants.** The value in sentence ``b`` is altered so the two reports cannot both be
   true: numbers scaled well outside rounding (re-read and checked with ``conflicting``), a day
   moved 2-4 days or a month moved, an event year moved 1-3 years, a weekday that resolves to
   ``a``'s date replaced by one 2-3 days away, a name swapped for a PERSON / ORG / place named in
   another cluster, or the main verb's polarity flipped ("has agreed" -> "has not agreed",
   "agreed" -> "did not agree", "won" -> "lost") where ``a`` states the same verb with the same
   polarity. Up to ``per_story`` per cluster, rarest kind first.
3. **Compatible plants.** ``b`` restates the value compatibly - hedged, rounded, reformatted,
   made vague, converted to another unit, or a date written as the weekday - and the rule layer
   (``find_quantities`` / ``find_dates``) must still read it as the same value. Up to two per
   cluster.

Every edit must leave the altered sentence at the same index after re-splitting. Deterministic
for a seed: one random generator, sorted iteration everywhere.

    python benchmarks/planted.py [--seed 13] [--per-file 15] [--files dev|train]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsfuse.compare.features import content_words
from newsfuse.compare.values import lexicon as lx
from newsfuse.compare.values.dates import DateMention, find_dates
from newsfuse.compare.values.quantities import Quantity, conflicting, find_quantities
from newsfuse.models import Article, Sentence, Story
from newsfuse.text.nlp import load_nlp
from newsfuse.text.sentences import split_article

HERE = Path(__file__).resolve().parent
DEV_FILES = (
    "duc2003_task2.jsonl",
    "duc2003_task3.jsonl",
    "multiling2011_en.jsonl",
    "multinews_test_longbench200.jsonl",
)
TRAIN_FILES = (
    "multinews_sample100_with_baselines.jsonl",
    "duc2006.jsonl",
    "duc2007_update_dev.jsonl",
)
KINDS = (
    "count", "percent", "measure", "age", "money", "duration", "date", "weekday", "year",
    "person", "place", "org", "negation",
)  # fmt: skip
COMPATIBLE_KINDS = ("hedge", "rounding", "format", "vague", "unit", "relative")
MAX_WORDS = 60
MIN_WORDS = 6
COPY_JACCARD = 0.8
"""Content-word Jaccard at which two sentences count as (near) copies."""
TRIES = 6
"""Candidates tried per kind and cluster before giving up on that kind."""
PARSE_PAIRS = 10
"""Name and negation candidate pairs per cluster handed to spaCy (the slow part)."""


def data_dir() -> Path:
    """``$NEWSFUSE_DATA`` or ``../shared/data`` next to the repository."""
    env = os.environ.get("NEWSFUSE_DATA")
    return Path(env) if env else HERE.parent.parent / "shared" / "data"


@dataclass(frozen=True, slots=True)
class Planted:
    """One planted pair: the altered story and the two sentences that now agree or disagree."""

    original: Story
    story: Story
    kind: str  # one of KINDS (label "conflict") or COMPATIBLE_KINDS (label "compatible")
    label: str  # "conflict" or "compatible"
    a: tuple[str, int]  # (article id, sentence index) of the untouched sentence
    b: tuple[str, int]  # the altered sentence (same index after the edit, checked)
    old: str
    new: str


def load_stories(path: Path, limit: int, skip: int = 0) -> Iterator[Story]:
    """Clusters ``skip`` .. ``skip + limit`` of a summarization file as stories."""
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            if n < skip:
                continue
            if n >= skip + limit:
                return
            rec = json.loads(line)
            ids = rec.get("doc_ids") or []
            articles = []
            for i, text in enumerate(rec["documents"]):
                if not isinstance(text, str) or not text.strip():
                    continue
                doc_id = ids[i] if i < len(ids) else f"d{i}"
                articles.append(
                    Article(
                        id=f"d{i}", text=text.strip(), source=doc_id, published=_published(doc_id)
                    )
                )
            if len(articles) >= 2:
                yield Story(str(rec.get("id", f"{path.stem}:{n}")), tuple(articles))


def _published(doc_id: str) -> dt.datetime | None:
    # DUC ids carry the wire date: APW19981017.0151, NYT19981018.0098.
    m = re.search(r"(19|20)(\d{2})(\d{2})(\d{2})", doc_id)
    if not m:
        return None
    try:
        return dt.datetime(int(m.group(1) + m.group(2)), int(m.group(3)), int(m.group(4)))
    except ValueError:
        return None


_NAME = re.compile(r"\b([A-Z][a-z]+(?:\s+[A-Z]\.)?\s+[A-Z][a-z]{2,})\b")
_TITLE_WORDS = (
    "The A An In On At But And For With After Before When While If As By From To Of This That "
    "Mr Mrs Ms Dr President Prime Minister Secretary Sen Senator Gov Governor Judge Gen "
    "General North South East West New United Saudi Supreme Republican Democratic Monday "
    "Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June "
    "July August September October November December "
)
_NOT_FIRST = frozenset(_TITLE_WORDS.split())


def person_names(text: str) -> list[tuple[int, int, str]]:
    """Two-word capitalized names ("Ann Clwyd") not starting with a title or function word."""
    out = []
    for m in _NAME.finditer(text):
        first = m.group(1).split()[0]
        if first in _NOT_FIRST or m.start() == 0:
            continue
        out.append((m.start(), m.end(), m.group(1)))
    return out


# --- anchors: the values two sentences can share ------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Value:
    """One value in one sentence, with offsets into the sentence text."""

    key: str
    family: str  # "q", "day", "weekday", "month", "year", "person", "org", "place"
    start: int
    end: int
    text: str
    need: int  # shared content words (besides the value) a partner sentence must have
    q: Quantity | None = None
    d: DateMention | None = None
    the: bool = False  # a name written after "the"


@dataclass(slots=True)
class _Sent:
    s: Sentence
    pub: dt.datetime | None
    words: frozenset[str]
    values: list[_Value] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Pair:
    a: _Sent
    b: _Sent
    va: _Value
    vb: _Value
    copy: bool


_RANGE = re.compile(r"\b(?:to|or|and)\b|[-–]\s*\d")
_DIGITS = re.compile(r"\d[\d,.]*\d|\d")
_WORD_NUMS = {**{w: v for w, v in lx.UNITS.items() if v >= 2}, **lx.TENS}
_NUM_WORDS = {v: w for w, v in _WORD_NUMS.items()}
_NAME_GROUP = {"PERSON": "person", "ORG": "org", "GPE": "place", "LOC": "place"}
_AGENCIES = frozenset(
    ("AP", "Associated Press", "Reuters", "AFP", "CNN", "BBC", "Xinhua", "NYT", "Times", "Post")
)


def _number_span(q: Quantity) -> tuple[int, int] | None:
    """Offsets (in ``q.text``) of the one number to alter: digits or a single number word."""
    digits = list(_DIGITS.finditer(q.text))
    if len(digits) == 1:
        return digits[0].span()
    if digits:
        return None
    words = [m for m in re.finditer(r"[A-Za-z]+", q.text) if m.group().lower() in _WORD_NUMS]
    if len(words) == 1 and not re.search(r"[A-Za-z]-[a-z]+-", q.text[words[0].start() :]):
        return words[0].span()
    return None


def _words(text: str) -> list[str]:
    return text.split()


_ID_NOUNS = frozenset(_words("block no number edition page room flight route"))


def _beside_conversion(text: str, q: Quantity) -> bool:
    """Inside parentheses, or followed by a parenthesized number: one of two unit systems."""
    before = text[: q.start]
    return before.count("(") > before.count(")") or bool(re.match(r"\s*\(\D{0,3}\d", text[q.end :]))


def _significant(digits: str) -> int:
    core = digits.replace(",", "")
    if "." in core:
        return len(core.replace(".", "").lstrip("0"))
    return len(core.lstrip("0").rstrip("0"))


def _quantity_values(text: str) -> list[_Value]:
    out = []
    for q in find_quantities(text):
        if not q.comparable or q.vague or q.hedge not in ("", "about") or _RANGE.search(q.text):
            continue
        span = _number_span(q)
        if span is None or q.value <= 0 or (q.kind == "count" and q.value < 2):
            continue
        num = q.text[span[0] : span[1]]
        if _beside_conversion(text, q) or (q.kind == "count" and re.fullmatch(r"\d{4,}", num)):
            continue  # "30 kilometers (18 miles)"; "the 5000 block" is an address
        if q.noun and q.noun[0] in _ID_NOUNS:
            continue
        if q.kind == "measure" and re.search(r"\d-(?:meter|metre)\b", q.text):
            continue  # "the 200-meter individual medley" names an event
        raw = float(num.replace(",", "")) if num[0].isdigit() else _WORD_NUMS[num.lower()]
        need = 2 if num[0].isdigit() and _significant(num) >= 3 else 4 if raw <= 20 else 3
        key = f"q:{q.kind}:{q.unit}:{q.value:.6g}"
        out.append(_Value(key, "q", q.start, q.end, q.text, need, q=q))
    return out


def _date_values(text: str, pub: dt.datetime | None) -> list[_Value]:
    out = []
    for d in find_dates(text, pub):
        if d.value is None:
            continue
        span = (d.start, d.end, d.text)
        if d.granularity == "day" and d.weekday >= 0:
            out.append(_Value(f"d:{d.value}", "weekday", *span, 3, d=d))
        elif d.granularity == "day" and d.relative:
            out.append(_Value(f"d:{d.value}", "relday", *span, 3, d=d))
        elif d.granularity == "day":
            out.append(_Value(f"d:{d.value}", "day", *span, 2, d=d))
        elif d.granularity == "month" and re.fullmatch(r"[A-Z][a-z]+", d.text):
            out.append(_Value(f"m:{d.key}", "month", *span, 3, d=d))
        elif d.granularity == "year" and not d.relative and re.fullmatch(r"\d{4}", d.text):
            out.append(_Value(f"y:{d.key}", "year", *span, 4, d=d))
    return out


def _name_values(doc: Any) -> list[_Value]:
    out = []
    for e in doc.ents:
        group = _NAME_GROUP.get(e.label_)
        if group is None or not _clean_name(e.text, group) or e.root.dep_ == "compound":
            continue  # "the Pan Am jetliner": a name used as a modifier
        the = e.start > 0 and doc[e.start - 1].lower_ == "the"
        # A name shared by two sentences that say different things about its bearer is no
        # fact: a swapped name is a conflict only where both sentences tell one event.
        need = 4 if len(e.text.split()) >= 2 else 5
        key = f"n:{group}:{e.text}"
        out.append(_Value(key, group, e.start_char, e.end_char, e.text, need, the=the))
    return out


def _clean_name(name: str, group: str) -> bool:
    words = name.split()
    if not words or len(words) > 4 or any(not w[0].isupper() for w in words):
        return False
    if any(w.isupper() and len(w) > 1 for w in words) and (
        group != "org" or len(words) > 1 or len(name) > 4
    ):
        return False  # datelines ("CAIRO"); short acronyms only as organizations
    if not re.fullmatch(r"[A-Za-z .'-]+", name) or name in _AGENCIES or "'" in name[-2:]:
        return False
    if group == "person":
        return len(words) == 1 or re.fullmatch(_NAME.pattern[2:-2], name) is not None
    return not any(w.lower() in lx.MONTHS or w.lower() in lx.WEEKDAYS for w in words)


def _sentences(story: Story) -> list[_Sent]:
    out = []
    for art in story.articles:
        for s in split_article(art):
            n = len(s.text.split())
            if MIN_WORDS <= n <= MAX_WORDS and "?" not in s.text:
                sent = _Sent(s, art.published, frozenset(content_words(s.text)))
                sent.values = _quantity_values(s.text) + _date_values(s.text, art.published)
                out.append(sent)
    return out


def _pairs(sents: list[_Sent], families: set[str] | None = None) -> list[_Pair]:
    """Ordered same-fact pairs (a, b): b carries an alterable value a also states."""
    occ: dict[str, list[tuple[_Sent, _Value]]] = {}
    for s in sents:
        keys = Counter(v.key for v in s.values)
        for v in s.values:
            if (families is None or v.family in families) and keys[v.key] == 1:
                occ.setdefault(v.key, []).append((s, v))
    out = []
    for key in sorted(occ):
        for sa, va in occ[key]:
            for sb, vb in occ[key]:
                if sa.s.article_id == sb.s.article_id or vb.family == "relday":
                    continue
                own = set(content_words(va.text)) | set(content_words(vb.text))
                if len((sa.words & sb.words) - own) < max(va.need, vb.need):
                    continue
                union = sa.words | sb.words
                copy = len(sa.words & sb.words) / max(len(union), 1) >= COPY_JACCARD
                out.append(_Pair(sa, sb, va, vb, copy))
    return out


# --- edits ---------------------------------------------------------------------------------------

Edit = tuple[int, int, str]
"""(start, end, replacement) in the text of sentence b."""
_DETERMINERS = frozenset(_words("a an the its their his her our this that these those all"))


def _apply(text: str, e: Edit) -> str:
    return text[: e[0]] + e[2] + text[e[1] :]


def _quantity_at(text: str, start: int, end: int) -> Quantity | None:
    return next((q for q in find_quantities(text) if q.start < end and start < q.end), None)


def _fmt_number(value: float, like: str) -> str:
    if "." in like:
        return f"{value:.{len(like.split('.')[1])}f}"
    n = round(value)
    return f"{n:,}" if "," in like or n >= 10000 else str(n)


def _same_case(new: str, old: str) -> str:
    return new[:1].upper() + new[1:] if old[:1].isupper() else new


def _alter_quantity(p: _Pair, rng: random.Random) -> Edit | None:
    q = p.vb.q
    assert q is not None
    span = _number_span(q)
    if span is None:
        return None
    num = q.text[span[0] : span[1]]
    start, end = q.start + span[0], q.start + span[1]
    factors = [0.4, 0.5, 0.6, 1.7, 2.0, 2.5, 3.0]
    rng.shuffle(factors)
    for f in factors:
        if num[0].isdigit():
            value = float(num.replace(",", "")) * f
            age = q.kind == "age" or p.b.s.text[: q.start].endswith("age of ")
            if (q.kind == "percent" and value > 100) or (age and value > 105):
                continue
            new = _fmt_number(value, num)
        else:
            target = _WORD_NUMS[num.lower()] * f
            near = min(_NUM_WORDS, key=lambda v: abs(v - target))
            new = _same_case(_NUM_WORDS[near], num)
        if new != num and _conflicts(p.b.s.text, (start, end, new), q):
            return start, end, new
    return None


def _conflicts(text: str, e: Edit, old: Quantity) -> bool:
    new_q = _quantity_at(_apply(text, e), e[0], e[0] + len(e[2]))
    return new_q is not None and new_q.kind == old.kind and conflicting(old, new_q)


_MONTH_FULL = _words(
    "January February March April May June July August September October November December"
)
_MONTH_AP = _words("Jan. Feb. March April May June July Aug. Sept. Oct. Nov. Dec.")
_MONTH_TOKEN = re.compile(r"[A-Z][a-z]+\.?")
_WEEKDAYS = _words("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")


def _month_edit(d: DateMention, shift: int) -> Edit | None:
    m = _MONTH_TOKEN.search(d.text)
    if m is None or m.group().rstrip(".").lower() not in lx.MONTHS:
        return None
    month = lx.MONTHS[m.group().rstrip(".").lower()]
    names = _MONTH_FULL if m.group().rstrip(".") in _MONTH_FULL else _MONTH_AP
    new = names[(month - 1 + shift) % 12]
    if not m.group().endswith(".") and new.endswith("."):
        new = _MONTH_FULL[(month - 1 + shift) % 12]
    return d.start + m.start(), d.start + m.end(), new


def _alter_date(p: _Pair, rng: random.Random) -> Edit | None:
    d = p.vb.d
    assert d is not None
    if p.vb.family == "month":
        e = _month_edit(d, rng.choice((-3, -2, -1, 1, 2, 3)))
    elif rng.random() < 0.7:
        m = re.search(r"(?<!\d)(\d{1,2})(?!\d)", d.text)
        if m is None:
            return None
        shift = rng.choice((-4, -3, -2, 2, 3, 4))
        day = int(m.group(1))
        new_day = day + shift if 1 <= day + shift <= 28 else day - shift
        if not 1 <= new_day <= 28:
            return None
        e = d.start + m.start(1), d.start + m.end(1), str(new_day)
    else:
        e = _month_edit(d, rng.choice((-2, -1, 1, 2)))
    return e if e is not None and _date_changed(p, e) else None


def _date_changed(p: _Pair, e: Edit) -> bool:
    d = p.vb.d
    assert d is not None
    new = next((m for m in find_dates(_apply(p.b.s.text, e), p.b.pub) if m.start == d.start), None)
    return new is not None and new.value is not None and new.key != d.key


def _alter_year(p: _Pair, rng: random.Random) -> Edit | None:
    d = p.vb.d
    assert d is not None and d.value is not None
    shift = rng.choice((-3, -2, -1, 1, 2, 3))
    if p.b.pub is not None and d.value.year + shift > p.b.pub.year:
        shift = -abs(shift)
    e = d.start, d.end, str(d.value.year + shift)
    return e if _date_changed(p, e) else None


def _alter_weekday(p: _Pair, rng: random.Random) -> Edit | None:
    d = p.vb.d
    assert d is not None
    m = re.search("|".join(_WEEKDAYS), d.text)
    if m is None or p.va.d is None or p.va.d.value != d.value:
        return None
    new = _WEEKDAYS[(d.weekday + rng.choice((-3, -2, 2, 3))) % 7]
    e = d.start + m.start(), d.start + m.end(), new
    return e if _date_changed(p, e) else None


_COUNTRIES = frozenset(_words(
    "Afghanistan Albania Algeria Angola Argentina Armenia Australia Austria Bangladesh Belarus "
    "Belgium Bolivia Bosnia Brazil Britain Bulgaria Burma Cambodia Cameroon Canada Chad Chile "
    "China Colombia Congo Croatia Cuba Cyprus Denmark Ecuador Egypt England Eritrea Estonia "
    "Ethiopia Finland France Georgia Germany Ghana Greece Guatemala Haiti Honduras Hungary "
    "Iceland India Indonesia Iran Iraq Ireland Israel Italy Jamaica Japan Jordan Kazakhstan Kenya "
    "Kosovo Kuwait Laos Latvia Lebanon Liberia Libya Lithuania Macedonia Malaysia Mali Mexico "
    "Mongolia Morocco Mozambique Myanmar Nepal Netherlands Nicaragua Niger Nigeria Norway "
    "Pakistan Panama Paraguay Peru Philippines Poland Portugal Qatar Romania Russia Rwanda "
    "Scotland Senegal Serbia Singapore Slovakia Slovenia Somalia Spain Sudan Sweden Switzerland "
    "Syria Taiwan Tajikistan Tanzania Thailand Tunisia Turkey Uganda Ukraine Uruguay Uzbekistan "
    "Venezuela Vietnam Wales Yemen Yugoslavia Zambia Zimbabwe"
)) | {"South Africa", "North Korea", "South Korea", "Saudi Arabia", "New Zealand", "Sri Lanka",
     "Sierra Leone", "Czech Republic", "United States", "United Kingdom", "Ivory Coast",
     "East Timor", "El Salvador", "Costa Rica", "Puerto Rico"}  # fmt: skip


@dataclass(slots=True)
class _Pools:
    """Names seen at least twice in a cluster (and never with another label there), by group,
    by whether they follow "the", and for places by whether they are countries."""

    seen: Counter[tuple[str, str, str]] = field(default_factory=Counter)
    names: dict[tuple[str, bool, bool], list[tuple[str, str]]] = field(default_factory=dict)
    _the: dict[tuple[str, str, str], bool] = field(default_factory=dict)

    def add(self, story_id: str, v: _Value) -> None:
        self.seen[story_id, v.family, v.text] += 1
        self._the[story_id, v.family, v.text] = v.the

    def reliable(self, sid: str, fam: str, text: str) -> bool:
        """spaCy's label is trusted when the name never gets another one in the cluster, a lone
        surname when the cluster names the full name, a lone word as an org when seen 3 times."""
        others = [f for f in ("person", "org", "place") if f != fam and self.seen[sid, f, text]]
        if others or self.seen[sid, fam, text] < 2:
            return False
        if fam == "person" and " " not in text:
            return any(
                s == sid and f == fam and t.endswith(" " + text) for s, f, t in self.seen
            )  # fmt: skip
        return fam != "org" or " " in text or text.isupper() or self.seen[sid, fam, text] >= 3

    def freeze(self) -> None:
        for sid, fam, text in sorted(self.seen):
            if self.reliable(sid, fam, text) and (fam != "person" or len(text.split()) == 2):
                key = (fam, self._the[sid, fam, text], text in _COUNTRIES)
                self.names.setdefault(key, []).append((sid, text))


def _alter_name(p: _Pair, rng: random.Random, story: Story, pools: _Pools) -> Edit | None:
    v = p.vb
    pool = pools.names.get((v.family, v.the, v.text in _COUNTRIES), [])
    text = " ".join(a.text for a in story.articles)
    if not pools.reliable(story.id, v.family, v.text):
        return None
    for _ in range(30):
        if not pool:
            return None
        sid, name = rng.choice(pool)
        words = name.split()
        if sid == story.id or any(re.search(rf"\b{re.escape(w)}\b", text) for w in words):
            continue
        return v.start, v.end, name
    return None


_ANTONYMS = dict(
    pair.split(":")
    for pair in _words(
        "confirmed:denied confirms:denies won:lost wins:loses accepted:rejected "
        "accepts:rejects rose:fell rises:falls risen:fallen approved:rejected approves:rejects "
        "admitted:denied admits:denies increased:decreased increases:decreases"
    )
)
_ANTONYMS.update({v: k for k, v in list(_ANTONYMS.items()) if v not in _ANTONYMS})
_REPORTING = frozenset(
    _words("say tell add report note write quote explain insist argue believe think claim")
)
_NOT_AUX = {"wo": "will", "ca": "can", "sha": "shall"}


def _main_verb(doc: Any) -> Any:
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is not None and root.lemma_ in _REPORTING:
        root = next((c for c in root.children if c.dep_ == "ccomp" and c.pos_ == "VERB"), None)
    if root is None or root.pos_ != "VERB" or root.i == 0 or not root.lemma_.isalpha():
        return None
    return None if root.lemma_ in ("be", "have", "do") else root


def _negated(tok: Any) -> bool:
    return any(c.dep_ == "neg" for c in tok.children)


def _alter_polarity(p: _Pair, rng: random.Random, docs: dict[str, Any]) -> Edit | None:
    doc_b, doc_a = docs.get(p.b.s.text), docs.get(p.a.s.text)
    if doc_b is None or doc_a is None or len(p.a.words & p.b.words) < 4:
        return None
    verb = _main_verb(doc_b)
    if verb is None or any(t.lower_ in ("only", "just", "nearly", "almost") for t in doc_b):
        return None  # "did not make only $150" is no clean denial
    same = [t for t in doc_a if t.lemma_ == verb.lemma_ and t.pos_ == "VERB"]
    if not same or _negated(same[0]) != _negated(verb):
        return None
    kids = sorted(verb.children, key=lambda t: t.i)
    neg = next((c for c in kids if c.dep_ == "neg"), None)
    aux = [c for c in kids if c.dep_ in ("aux", "auxpass") and c.tag_ != "TO" and c.i < verb.i]
    if neg is not None:
        host = doc_b[neg.i - 1]
        if neg.lower_ == "not" and host.i != verb.i:
            return host.idx, neg.idx + len(neg.text), host.text
        if neg.lower_ in ("n't", "n’t") and host.idx + len(host.text) == neg.idx:
            fixed = _NOT_AUX.get(host.lower_, host.text)
            return host.idx, neg.idx + len(neg.text), _same_case(fixed, host.text)
        return None
    if verb.lower_ in _ANTONYMS and (not aux or rng.random() < 0.5):
        return verb.idx, verb.idx + len(verb.text), _ANTONYMS[verb.lower_]
    if aux:
        first = aux[0]
        if first.text[0] in "'’" or not first.text.isalpha():
            return None
        return first.idx, first.idx + len(first.text), f"{first.text} not"
    do = {"VBD": "did", "VBZ": "does", "VBP": "do"}.get(verb.tag_)
    if do is None or not verb.text.islower():
        return None
    return verb.idx, verb.idx + len(verb.text), f"{do} not {verb.lemma_}"


# --- compatible restatements ---------------------------------------------------------------------


def _nice(value: float, up: bool) -> float:
    """The round number just below (or above) ``value`` at its leading digit."""
    mag = 10 ** math.floor(math.log10(value))
    step = mag / 2 if up else mag
    return (math.ceil if up else math.floor)(value / step) * step


def _compat_hedge(p: _Pair, rng: random.Random) -> Edit | None:
    q = p.vb.q
    assert q is not None
    span = _number_span(q)
    if q.hedge or span is None or q.kind not in ("count", "percent", "money", "measure"):
        return None
    num = q.text[span[0] : span[1]]
    before = p.b.s.text[: q.start].split()
    if not num[0].isdigit() or (before and before[-1].lower() in _DETERMINERS | {"dlrs"}):
        return None  # "the 43 people", "U.S. dlrs 3.7 billion" take no hedge in front
    value = float(num.replace(",", ""))
    options = [("about", value), ("more than", _nice(value, False))]
    options += [("at least", _nice(value, False)), ("nearly", _nice(value, True))]
    rng.shuffle(options)
    for hedge, v in options:
        if v <= 0 or (hedge == "nearly" and v == value):
            continue
        if hedge != "about" and v == value:
            continue
        number = _fmt_number(v, num if v != int(v) else num.split(".")[0])
        body = q.text[: span[0]] + number + q.text[span[1] :]
        new = f"{_same_case(hedge, q.text) if not before else hedge} {body}"
        e = (q.start, q.end, new)
        if _compatible_q(p.b.s.text, e, q):
            return e
    return None


def _compatible_q(text: str, e: Edit, old: Quantity, vague: bool = False) -> bool:
    new_q = _quantity_at(_apply(text, e), e[0], e[0] + len(e[2]))
    if new_q is None or (vague and not new_q.vague):
        return False
    dim = ("duration" if new_q.kind == "age" else new_q.kind, new_q.unit)
    old_dim = ("duration" if old.kind == "age" else old.kind, old.unit)
    return dim == old_dim and not conflicting(old, new_q)


def _compat_rounding(p: _Pair, rng: random.Random) -> Edit | None:
    q = p.vb.q
    assert q is not None
    span = _number_span(q)
    num = q.text[span[0] : span[1]] if span else ""
    if not num[:1].isdigit() or _significant(num) < 3:
        return None
    value = float(num.replace(",", ""))
    mag = 10 ** (math.floor(math.log10(value)) - 1)
    new = _fmt_number(round(value / mag) * mag, num if mag < 1 else num.split(".")[0])
    start, end = q.start + span[0], q.start + span[1]
    for e in ((start, end, new), (start, end, f"about {new}")):
        if e[2] != num and _compatible_q(p.b.s.text, e, q):
            return e if "about" not in e[2] or not q.hedge else None
    return None


_SCALED = re.compile(r"(\d+(?:\.\d+)?) (million|billion)\b")


def _compat_format(p: _Pair, rng: random.Random) -> Edit | None:
    if p.vb.family == "day":
        d = p.vb.d
        assert d is not None and d.value is not None
        m = re.fullmatch(r"([A-Z][a-z]+\.?) (\d{1,2})((?:,? \d{4})?)", d.text)
        if m is None:
            return None
        month = _MONTH_FULL[d.value.month - 1]
        forms = [f"{d.value.day} {month}{m.group(3).replace(',', '')}"]
        forms.append(f"{(_MONTH_AP[d.value.month - 1] if m.group(1) == month else month)} "
                     f"{d.value.day}{m.group(3)}")  # fmt: skip
        forms = [f for f in forms if f != d.text]
        if not forms:
            return None
        e = (d.start, d.end, rng.choice(forms))
        new = find_dates(_apply(p.b.s.text, e), p.b.pub)
        return e if any(n.start == d.start and n.key == d.key for n in new) else None
    q = p.vb.q
    assert q is not None
    m = _SCALED.search(q.text)
    if m is not None and q.kind in ("money", "count"):
        n = float(m.group(1)) * (1e6 if m.group(2) == "million" else 1e9)
        e = (q.start + m.start(), q.start + m.end(), f"{round(n):,}")
    elif q.kind == "percent" and re.search(r"\d percent$", q.text):
        e = (q.end - len(" percent"), q.end, "%")
    else:
        return None
    return e if _compatible_q(p.b.s.text, e, q) else None


_VAGUE = (
    (24, 99, "dozens of"),
    (200, 999, "hundreds of"),
    (2000, 9999, "thousands of"),
    (20000, 99999, "tens of thousands of"),
    (200000, 999999, "hundreds of thousands of"),
    (2e6, 9.99e6, "millions of"),
)


def _compat_vague(p: _Pair, rng: random.Random) -> Edit | None:
    q = p.vb.q
    assert q is not None
    text = p.b.s.text
    before = text[: q.start].split()
    if q.kind != "count" or not q.noun or (before and before[-1].lower() in _DETERMINERS):
        return None
    nxt = re.match(r" ([a-z]+)\b", text[q.end :])
    plural = nxt is not None and (
        lx.singular(nxt.group(1)) != nxt.group(1) or nxt.group(1) == "police"
    )
    if not plural or nxt is None or nxt.group(1) in ("of", "were", "was", "are", "is"):
        return None
    phrase = next((w for lo, hi, w in _VAGUE if lo <= q.value <= hi), None)
    if phrase is None:
        return None
    e = (q.start, q.end, phrase if before else _same_case(phrase, "X"))
    return e if _compatible_q(text, e, q, vague=True) else None


_CONVERT = {
    "mile": ("kilometer", 1.609344),
    "kilometer": ("mile", 1 / 1.609344),
    "kilometre": ("mile", 1 / 1.609344),
    "km": ("mile", 1 / 1.609344),
    "foot": ("meter", 0.3048),
    "feet": ("meter", 0.3048),
    "meter": ("foot", 1 / 0.3048),
    "metre": ("foot", 1 / 0.3048),
    "acre": ("hectare", 0.404686),
    "hectare": ("acre", 1 / 0.404686),
}


def _compat_unit(p: _Pair, rng: random.Random) -> Edit | None:
    q = p.vb.q
    assert q is not None
    m = re.fullmatch(r"(\d[\d,.]*)([ -])([a-z]+)", q.text)
    if q.kind != "measure" or m is None:
        return None
    word = m.group(3)
    unit = word if word in _CONVERT else lx.singular(word)
    if unit not in _CONVERT:
        return None
    new_unit, factor = _CONVERT[unit]
    value = float(m.group(1).replace(",", "")) * factor
    plural = m.group(2) == " " and lx.singular(word) != word
    name = ("feet" if new_unit == "foot" else new_unit + "s") if plural else new_unit
    for digits in (2, 3):
        v = float(f"{value:.{digits}g}")
        number = f"{v:,.0f}" if v >= 10 else f"{v:g}"
        e = (q.start, q.end, f"{number}{m.group(2)}{name}")
        if _compatible_q(p.b.s.text, e, q):
            return e
    return None


def _compat_relative(p: _Pair, rng: random.Random) -> Edit | None:
    d = p.vb.d
    assert d is not None and d.value is not None
    if p.b.pub is None or not 1 <= (p.b.pub.date() - d.value).days <= 6:
        return None
    e = (d.start, d.end, _WEEKDAYS[d.value.weekday()])
    new = find_dates(_apply(p.b.s.text, e), p.b.pub)
    return e if any(n.start == d.start and n.value == d.value for n in new) else None


# --- assembling the set --------------------------------------------------------------------------

_Alter = Callable[[_Pair, random.Random], Edit | None]
_COMPAT: dict[str, tuple[tuple[str, ...], _Alter]] = {
    "hedge": (("q",), _compat_hedge),
    "rounding": (("q",), _compat_rounding),
    "format": (("q", "day"), _compat_format),
    "vague": (("q",), _compat_vague),
    "unit": (("q",), _compat_unit),
    "relative": (("day",), _compat_relative),
}


def _conflict_kinds(p: _Pair) -> list[str]:
    fam = p.vb.family
    if fam == "q":
        assert p.vb.q is not None
        return [p.vb.q.kind]
    return {"day": ["date"], "month": ["date"]}.get(fam, [fam])


@dataclass(slots=True)
class _Cluster:
    story: Story
    sents: list[_Sent]
    pairs: list[_Pair]
    name_pairs: list[_Pair] = field(default_factory=list)
    negation_pairs: list[_Pair] = field(default_factory=list)


def _prepare(stories: list[Story], rng: random.Random) -> tuple[list[_Cluster], dict[str, Any]]:
    """Value pairs per cluster, then one spaCy pass over the sentences names and polarity need."""
    clusters = []
    wanted: list[str] = []
    for story in stories:
        sents = _sentences(story)
        pairs = _pairs(sents)
        c = _Cluster(story, sents, pairs)
        # Name candidates: sentences of different articles sharing a capitalized phrase.
        caps: dict[str, list[_Sent]] = {}
        for s in sents:
            for m in set(re.findall(r"(?<!^)(?<![.!?] )\b[A-Z][a-z]+(?: [A-Z][a-z]+)*", s.s.text)):
                caps.setdefault(m, []).append(s)
        cand: set[tuple[int, int]] = set()
        ids = {id(s): i for i, s in enumerate(sents)}
        for phrase in sorted(caps):
            group = caps[phrase]
            for sa in group:
                for sb in group:
                    shared = len((sa.words & sb.words) - set(content_words(phrase)))
                    if sa.s.article_id != sb.s.article_id and shared >= 2:
                        cand.add((ids[id(sa)], ids[id(sb)]))
        picked = rng.sample(sorted(cand), min(len(cand), 3 * PARSE_PAIRS))
        neg = sorted(
            {(ids[id(p.a)], ids[id(p.b)]) for p in pairs if len(p.a.words & p.b.words) >= 4}
        )
        picked += rng.sample(neg, min(len(neg), PARSE_PAIRS))
        c.name_pairs = [_Pair(sents[i], sents[j], _NONE, _NONE, False) for i, j in picked]
        wanted += [t for i, j in picked for t in (sents[i].s.text, sents[j].s.text)]
        clusters.append(c)
    texts = sorted(set(wanted))
    docs = dict(zip(texts, load_nlp().pipe(texts, batch_size=64), strict=True))
    for c in clusters:
        seen = {(id(p.a), id(p.b)) for p in c.name_pairs}
        for s in c.sents:
            if s.s.text in docs:
                s.values += _name_values(docs[s.s.text])
        named = _pairs(
            [s for s in c.sents if s.s.text in docs], {"person", "org", "place"}
        )  # fmt: skip
        c.name_pairs = [p for p in named if (id(p.a), id(p.b)) in seen]
        c.negation_pairs = [
            _Pair(p.a, p.b, p.va, p.vb, p.copy) for p in c.pairs if (id(p.a), id(p.b)) in seen
        ]
    return clusters, docs


_NONE = _Value("", "", 0, 0, "", 0)


_VOWEL_SOUND = re.compile(r"(?i)(?:[aeio]|u(?!ni|s[aeiu])|8|11\b|18\b|11,|18,|hour|honest)")


def _fix_article(text: str, e: Edit) -> Edit:
    """Widens the edit to a preceding "a"/"an" that no longer fits ("a 18-year-old")."""
    m = re.search(r"\b([Aa]n?) $", text[: e[0]])
    if m is None or not e[2] or e[1] == e[0]:
        return e
    art = "an" if _VOWEL_SOUND.match(e[2]) else "a"
    if art == m.group(1).lower():
        return e
    return m.start(1), e[1], _same_case(art, m.group(1)) + " " + e[2]


def _plant(c: _Cluster, p: _Pair, kind: str, label: str, e: Edit) -> Planted | None:
    e = _fix_article(p.b.s.text, e)
    story = c.story
    article = story.article(p.b.s.article_id)
    pos = p.b.s.start + e[0]
    text = article.text[:pos] + e[2] + article.text[p.b.s.start + e[1] :]
    altered = Article(id=article.id, text=text, source=article.source, published=article.published)
    if kind not in ("person", "org", "place", "negation", "weekday"):
        # The altered article must not state the old value again elsewhere.
        old_val = p.vb.text
        rest = article.text[: p.b.s.start] + article.text[p.b.s.end :]
        if re.search(rf"(?<![\w,.]){re.escape(old_val)}(?![\w,]|\.\d)", rest):
            return None
    idx = next((s.index for s in split_article(altered) if s.start <= pos <= s.end), -1)
    if idx != p.b.s.index:
        return None
    articles = tuple(altered if a.id == article.id else a for a in story.articles)
    old = p.b.s.text[e[0] : e[1]]
    return Planted(
        story,
        Story(story.id, articles, story.title),
        kind,
        label,
        (p.a.s.article_id, p.a.s.index),
        (p.b.s.article_id, p.b.s.index),
        old,
        e[2],
    )


@dataclass(slots=True)
class _Slot:
    """One cluster's remaining candidates per kind and what has been planted there."""

    order: int
    cluster: _Cluster
    queues: dict[str, list[_Pair]]
    alter: Callable[[str, _Pair], Edit | None]
    used: Counter[str] = field(default_factory=Counter)
    altered: set[tuple[str, int]] = field(default_factory=set)
    planted: list[Planted] = field(default_factory=list)


class _Picker:
    """Rarest kind first across the whole set: each step takes the kind with the fewest plants
    and plants it in a cluster that offers it - one that has no plant of that kind yet, offers
    few other kinds and has few plants - until no cluster has room. A kind repeats in a cluster
    (at most three times) only once every cluster offering it has one. Near-copies stay at most
    half of the picks."""

    def __init__(self, rng: random.Random, label: str, limit: int) -> None:
        self.rng, self.label, self.limit = rng, label, limit
        self.counts: Counter[str] = Counter()
        self.picks = self.copies = 0

    def run(self, slots: list[_Slot]) -> list[Planted]:
        ties = {k: self.rng.random() for k in sorted({k for s in slots for k in s.queues})}
        while True:
            open_ = [s for s in slots if len(s.planted) < self.limit]
            live = sorted({k for s in open_ for k in s.queues if s.used[k] < 3})
            if not live:
                break
            kind = min(live, key=lambda k: (self.counts[k], ties[k]))
            offer = [s for s in open_ if kind in s.queues and s.used[kind] < 3]
            keys = {s.order: (s.used[kind], len(s.queues), len(s.planted)) for s in offer}
            slot = min(offer, key=lambda s: (keys[s.order], self.rng.random()))
            planted = self._try(slot, kind)
            if planted is None:
                del slot.queues[kind]
                continue
            slot.planted.append(planted)
            slot.used[kind] += 1
            slot.altered.add(planted.b)
            self.counts[kind] += 1
        return [p for s in slots for p in s.planted]

    def _try(self, slot: _Slot, kind: str) -> Planted | None:
        queue = slot.queues[kind]
        for _ in range(TRIES):
            if not queue:
                return None
            p = queue.pop(0)
            if (p.copy and not self._copy_ok()) or (p.b.s.article_id, p.b.s.index) in slot.altered:
                continue
            e = slot.alter(kind, p)
            planted = _plant(slot.cluster, p, kind, self.label, e) if e is not None else None
            if planted is not None:
                self.picks += 1
                self.copies += p.copy
                return planted
        return None

    def _copy_ok(self) -> bool:
        return 2 * (self.copies + 1) <= self.picks + 1


def _queues(options: dict[str, list[_Pair]], rng: random.Random) -> dict[str, list[_Pair]]:
    out = {}
    for kind in sorted(options):
        cands = sorted(options[kind], key=lambda p: (p.a.s.article_id, p.a.s.index, p.vb.start))
        out[kind] = rng.sample(cands, len(cands))
    return out


def build(
    seed: int = 13,
    per_file: int = 40,
    files: Sequence[str] = DEV_FILES,
    per_story: int = 4,
    compatible: bool = True,
    skip: int = 0,
) -> list[Planted]:
    """The planted set from clusters ``skip`` .. ``skip + per_file`` of every file."""
    rng = random.Random(seed)
    stories = [
        s for f in files for s in load_stories(data_dir() / "summarization" / f, per_file, skip)
    ]
    clusters, docs = _prepare(stories, rng)
    pools = _Pools()
    for c in clusters:
        for s in c.sents:
            for v in s.values:
                if v.family in ("person", "org", "place"):
                    pools.add(c.story.id, v)
    pools.freeze()
    conflict_slots, compatible_slots = [], []
    for n, c in enumerate(clusters):

        def alter(kind: str, p: _Pair, c: _Cluster = c) -> Edit | None:
            if kind == "negation":
                return _alter_polarity(p, rng, docs)
            if kind in ("person", "org", "place"):
                return _alter_name(p, rng, c.story, pools)
            return _ALTER.get(kind, _alter_quantity)(p, rng)

        conflict_slots.append(_Slot(n, c, _queues(_conflict_options(c), rng), alter))
        if compatible:
            queues = _queues(_compatible_options(c), rng)
            compatible_slots.append(_Slot(n, c, queues, lambda k, p: _COMPAT[k][1](p, rng)))
    out = _Picker(rng, "conflict", per_story).run(conflict_slots)
    out += _Picker(rng, "compatible", 2).run(compatible_slots)
    index = {c.story.id: n for n, c in enumerate(clusters)}
    return sorted(out, key=lambda p: (index[p.story.id], p.label != "conflict"))


_ALTER: dict[str, _Alter] = {"date": _alter_date, "year": _alter_year, "weekday": _alter_weekday}


def _conflict_options(c: _Cluster) -> dict[str, list[_Pair]]:
    options: dict[str, list[_Pair]] = {}
    for p in c.pairs + c.name_pairs:
        for kind in _conflict_kinds(p):
            options.setdefault(kind, []).append(p)
    if c.negation_pairs:
        options["negation"] = c.negation_pairs
    return options


def _compatible_options(c: _Cluster) -> dict[str, list[_Pair]]:
    options = {k: [p for p in c.pairs if p.vb.family in fams] for k, (fams, _) in _COMPAT.items()}
    return {k: v for k, v in options.items() if v}


def _sentence(story: Story, ref: tuple[str, int]) -> str:
    return split_article(story.article(ref[0]))[ref[1]].text


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--per-file", type=int, default=15)
    ap.add_argument("--files", choices=("dev", "train"), default="dev")
    ap.add_argument("--show", type=int, default=30, help="plants to print")
    args = ap.parse_args()
    files = DEV_FILES if args.files == "dev" else TRAIN_FILES
    t0 = time.perf_counter()
    cases = build(args.seed, args.per_file, files)
    took = time.perf_counter() - t0
    labels = Counter(c.label for c in cases)
    print(
        f"{len(cases)} plants in {len({c.story.id for c in cases})} clusters ({took:.0f} s): "
        + ", ".join(f"{n} {k}" for k, n in sorted(labels.items()))
    )
    kinds = Counter(c.kind for c in cases)
    for label, names in (("conflict", KINDS), ("compatible", COMPATIBLE_KINDS)):
        print(f"  {label}: " + ", ".join(f"{k} {kinds[k]}" for k in names))
    rng = random.Random(args.seed)
    for c in rng.sample(cases, min(args.show, len(cases))):
        sa, sb = _sentence(c.original, c.a), _sentence(c.story, c.b)
        print(f"\n[{c.label}/{c.kind}] {c.old!r} -> {c.new!r}  ({c.story.id})")
        print(f"  A: {sa[:200]}\n  B: {sb[:200]}")


if __name__ == "__main__":
    sys.exit(main())
