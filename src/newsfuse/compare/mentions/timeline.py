"""The timeline: every dated sentence of the story, in date order, each cited.

Dates come from ``find_dates`` (resolved against each article's publication date). A sentence
naming several dates appears once per date. Sentences from any article that name the same date
at the same granularity are one event, citing all of them, when they tell of one happening:

- the same named actor does what the date is attached to ("Romney on Tuesday joined ..." and
  "Romney released a statement late Tuesday ...", read from the spaCy parse by ``anchors``) and
  the two are somewhat alike (cosine at or above ``SAME_ACTOR``);
- or both name the same occasion ("met" and "meeting", "Wednesday's hearing") and are somewhat
  alike (``SAME_OCCASION``);
- or, whoever acts, they say much the same thing (``SAME_EVENT``).

Two sentences whose dated verbs have different named actors ("Santorum said Sunday ..." and "On
Sunday, Robert Gibbs criticized ...") are never one event, however alike: a news day is made of
several people reacting to one another in similar words. A sentence joins the event it is most
alike to among those it may join, so one stray likeness does not chain two events together.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from newsfuse.compare.mentions.anchors import NO_ANCHOR, Anchor, anchor_of
from newsfuse.compare.mentions.entities import (
    Doc,
    PersonNames,
    doc_for,
    parse_articles,
    story_full_names,
)
from newsfuse.compare.values.dates import find_dates
from newsfuse.models import Citation, DateGranularity, TimelineEvent
from newsfuse.pipeline import Prepared
from newsfuse.settings import DEFAULT, Settings

SAME_EVENT = 0.5
"""Cosine (all-MiniLM-L6-v2) at or above which two sentences naming the same date are one event
when nothing else is known of them. Looser than ``Settings.support_threshold`` because the
shared date is already strong evidence: in the Munich example the two "talks resume Feb. 25"
sentences score 0.56 and merge, while different events of the same day score 0.34-0.49."""

SAME_ACTOR = 0.3
"""Cosine at or above which two sentences naming the same date, whose dated verbs have the same
named actor, are one event."""

SAME_OCCASION = 0.2
"""Cosine at or above which two sentences naming the same date and the same kind of occasion
are one event. Same-event pairs of labelled BASIL stories score as low as 0.13 ("Lerner said at
Wednesday's hearing" and "refused to testify at a House hearing Wednesday")."""

_OCCASIONS = (
    re.compile(r"\b(?:meet|meets|met|meeting|meetings|summit)\b", re.I),
    re.compile(r"\binterview(?:s|ed)?\b", re.I),
    re.compile(r"\bdebate(?:s|d)?\b", re.I),
    re.compile(r"\bspeech(?:es)?\b", re.I),
)
"""Kinds of occasion a news day is made of; both sentences must name the same one."""

_ASIDE_BEFORE = re.compile(r"\b(?:earlier|later)\s+(?:in\s+the\s+day\s+)?(?:on\s+)?$", re.I)
_ASIDE = re.compile(
    r"^\W*separately\b|\b(?:subsequent|another|separate|earlier|later)\s+"
    r"(?:interview|appearance|event|speech|statement|meeting|session)s?\b",
    re.I,
)
"""What marks a sentence's happening as another occasion of its day than the one the story is
about: "earlier" or "later" right before the date ("earlier Tuesday", "later on Sunday",
"earlier this year"), "a subsequent interview", "at another appearance", "Separately, ..."."""

_COARSE_FIRST = {"year": 0, "month": 1, "day": 2}


@dataclass(frozen=True, slots=True)
class _Dated:
    date: dt.date
    granularity: DateGranularity
    expression: str
    row: int
    """Position of the sentence in ``prepared.sentences`` (story order)."""
    anchor: Anchor = NO_ANCHOR
    aside: bool = False
    """The sentence marks what it tells as another occasion of that date than the day's main
    one ("earlier Tuesday", "in a subsequent interview"; ``_ASIDE``)."""


def build_timeline(
    prepared: Prepared, settings: Settings = DEFAULT, docs: Mapping[str, Doc] | None = None
) -> list[TimelineEvent]:
    """Dated events across all articles, earliest first (a year or month before its days).

    ``docs`` are the articles' spaCy parses (``entities.parse_articles``); parsed here when
    missing."""
    dated = _dated_sentences(prepared, settings, docs)
    groups: dict[tuple[dt.date, str], list[_Dated]] = {}
    for d in dated:
        groups.setdefault((d.date, d.granularity), []).append(d)
    clustered = [c for group in groups.values() for c in _events(prepared, group)]
    events = []
    for cluster in clustered:
        if True:
            head = cluster[0]
            sentence = prepared.sentences[head.row]
            citations = tuple(
                Citation(
                    prepared.sentences[d.row].article_id,
                    prepared.sentences[d.row].index,
                    1.0 if d.row == head.row else _similarity(prepared, head.row, d.row),
                )
                for d in cluster
            )
            events.append(
                (
                    head.row,
                    TimelineEvent(
                        head.date, head.expression, sentence, citations, head.granularity
                    ),
                )
            )
    events.sort(key=lambda re: (re[1].date, _COARSE_FIRST[re[1].granularity], re[0]))
    return [e for _, e in events]


def _events(prepared: Prepared, group: list[_Dated]) -> list[list[_Dated]]:
    if CLUSTER == "greedy":
        return _greedy(prepared, group)
    return _average(prepared, group)


CLUSTER = "greedy"


def _greedy(prepared: Prepared, group: list[_Dated]) -> list[list[_Dated]]:
    clusters: list[list[_Dated]] = []
    for d in group:
        best, best_sim = None, -1.0
        for cluster in clusters:
            if any(_other_actors(m.anchor, d.anchor) for m in cluster):
                continue
            sims = [
                _similarity(prepared, m.row, d.row) for m in cluster if _same_event(prepared, m, d)
            ]
            if sims and max(sims) > best_sim:
                best, best_sim = cluster, max(sims)
        if best is None:
            clusters.append([d])
        else:
            best.append(d)
    return clusters


def _average(prepared: Prepared, group: list[_Dated]) -> list[list[_Dated]]:
    """The sentences of one date, grouped into events: average-link agglomeration over
    ``_link``, two groups joined while the mean link of their pairs is the highest and at least
    ``SAME_EVENT``, never across a pair with other actors; each event in text order."""
    n = len(group)
    link = np.full((n, n), -np.inf)
    for i in range(n):
        for j in range(i + 1, n):
            link[i, j] = link[j, i] = _link(prepared, group[i], group[j])
    clusters: list[list[int]] = [[i] for i in range(n)]
    while len(clusters) > 1:
        best, pair = SAME_EVENT, None
        for x in range(len(clusters)):
            for y in range(x + 1, len(clusters)):
                block = link[np.ix_(clusters[x], clusters[y])]
                if np.isneginf(block).any():
                    continue
                mean = float(block.mean())
                if mean >= best:
                    best, pair = mean, (x, y)
        if pair is None:
            break
        x, y = pair
        clusters[x] = sorted(clusters[x] + clusters[y])
        del clusters[y]
    return [[group[i] for i in c] for c in clusters]


def _link(prepared: Prepared, a: _Dated, b: _Dated) -> float:
    """How alike two sentences of one date are as tellings of one happening: their cosine,
    raised when the same actor does the dated thing or both name one occasion; ``-inf`` when
    the dated verbs have different named actors."""
    if _other_actors(a.anchor, b.anchor) or _apart(prepared, a, b):
        return float("-inf")
    link = _similarity(prepared, a.row, b.row)
    if _same_actor(a.anchor, b.anchor):
        link += SAME_EVENT - SAME_ACTOR
    elif _same_occasion(prepared, a, b):
        link += SAME_EVENT - SAME_OCCASION
    return link


def _same_occasion(prepared: Prepared, a: _Dated, b: _Dated) -> bool:
    if a.anchor.occasion and a.anchor.occasion == b.anchor.occasion:
        return True
    if not OCCASION_WORDS:
        return False
    ta, tb = prepared.sentences[a.row].text, prepared.sentences[b.row].text
    return any(p.search(ta) and p.search(tb) for p in _OCCASIONS)


OCCASION_WORDS = True


def _dated_sentences(
    prepared: Prepared, settings: Settings, docs: Mapping[str, Doc] | None
) -> list[_Dated]:
    """One entry per (resolved date, sentence), in story and text order."""
    out: list[_Dated] = []
    articles = prepared.story.articles
    parsed = parse_articles(articles) if docs is None else docs
    people: list[str] | None = None
    for article in articles:
        rows = prepared.by_article.get(article.id, [])
        starts = [prepared.sentences[r].start for r in rows]
        seen: set[tuple[dt.date, str, int]] = set()
        doc: Doc = None
        names = PersonNames()
        for m in find_dates(article.text, article.published):
            if m.value is None or not rows:
                continue
            k = bisect.bisect_right(starts, m.start) - 1
            if k < 0 or m.start >= prepared.sentences[rows[k]].end:
                continue  # between sentences (a heading line the splitter dropped)
            row = rows[k]
            # Short lines ("Copyright 2016 NPR.") are datelines and boilerplate, not events.
            if len(prepared.sentences[row].text.split()) < settings.min_sentence_words:
                continue
            key = (m.value, m.granularity, row)
            if key in seen:
                continue
            seen.add(key)
            if doc is None:
                doc = doc_for(parsed, article)
                if people is None:
                    people = story_full_names(doc_for(parsed, a) for a in articles)
                names = PersonNames.from_doc(doc, people)
            anchor = anchor_of(doc, m.start, m.end, names)
            sentence = prepared.sentences[row]
            aside = bool(
                _ASIDE_BEFORE.search(article.text[max(sentence.start, m.start - 30) : m.start])
                or _ASIDE.search(sentence.text)
            )
            out.append(_Dated(m.value, m.granularity, m.text, row, anchor, aside))
    return out


def _apart(prepared: Prepared, a: _Dated, b: _Dated) -> bool:
    """One of the two marks its happening as another occasion of the day than the other's
    ("Romney told a local TV station earlier on Wednesday ..." is not the remarks "Romney on
    Wednesday reiterated ...", though they score 0.79)."""
    return a.aside != b.aside


def _same_event(prepared: Prepared, a: _Dated, b: _Dated) -> bool:
    """Whether two sentences naming one date tell of one event (``_other_actors`` aside)."""
    if _apart(prepared, a, b):
        return False
    similarity = _similarity(prepared, a.row, b.row)
    if similarity >= SAME_EVENT:
        return True
    if similarity >= SAME_ACTOR and _same_actor(a.anchor, b.anchor):
        return True
    if similarity < SAME_OCCASION:
        return False
    if a.anchor.occasion and a.anchor.occasion == b.anchor.occasion:
        return True
    ta, tb = prepared.sentences[a.row].text, prepared.sentences[b.row].text
    return any(p.search(ta) and p.search(tb) for p in _OCCASIONS)


def _same_actor(a: Anchor, b: Anchor) -> bool:
    """Both dated verbs have a named actor and one is the other, or part of its name ("Corker"
    and "Bob Corker")."""
    return any(_names_match(x, y) for x in a.actor for y in b.actor)


def _other_actors(a: Anchor, b: Anchor) -> bool:
    """Both dated verbs have named actors, and no actor of one is one of the other's."""
    return bool(a.actor and b.actor) and not _same_actor(a, b)


def _names_match(x: str, y: str) -> bool:
    wx, wy = set(x.split()), set(y.split())
    return wx <= wy or wy <= wx


def _similarity(prepared: Prepared, a: int, b: int) -> float:
    if a == b:
        return 1.0
    return float(np.dot(prepared.vectors[a], prepared.vectors[b]))
