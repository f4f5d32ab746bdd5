"""The timeline: every dated sentence of the story, in date order, each cited.

Dates come from ``find_dates`` (resolved against each article's publication date). A sentence
naming several dates appears once per date. Sentences from any article that name the same date
at the same granularity are one event, citing all of them, when they tell of one happening:

- the same named actor does what the date is attached to ("The mayor, Ann Lee, on Tuesday
  vetoed ..." and "Lee signed the veto late Tuesday ...", read from the spaCy parse by
  ``anchors``) and the two are somewhat alike (cosine at or above ``SAME_ACTOR``);
- or both name the same occasion ("met" and "meeting", "Wednesday's hearing") and are somewhat
  alike (``SAME_OCCASION``);
- or, whoever acts, they say much the same thing (``SAME_EVENT``).

They are never one event, however alike, when the dated verbs have different named actors
("Lee said Sunday ..." and "On Sunday, her rival Tom Park criticized ...": a news day is
people answering one another in similar words), or when one sentence marks its happening as
another occasion of the day ("earlier Tuesday", "in a subsequent interview"). A sentence joins
the event it is most alike to among those it may join.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from newsfuse.budget import checkpoint
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
named actor, are one event. On the labelled BASIL pairs (``benchmarks/labels/brief_events*``)
0.2 to 0.4 do equally well."""

SAME_OCCASION = 0.2
"""Cosine at or above which two sentences naming the same date and the same kind of occasion
are one event. Same-event pairs of labelled BASIL stories score as low as 0.13 (two outlets'
sentences on one House hearing)."""

_OCCASIONS = (
    re.compile(r"\b(?:meet|meets|met|meeting|meetings|summit)\b", re.I),
    re.compile(r"\binterview(?:s|ed)?\b", re.I),
    re.compile(r"\bdebate(?:s|d)?\b", re.I),
    re.compile(r"\bspeech(?:es)?\b", re.I),
    re.compile(r"\b(?:hearings?|testimony|testif(?:y|ied|ies))\b", re.I),
    re.compile(r"\bruling\b", re.I),
    re.compile(r"\belections?\b", re.I),
)
"""Kinds of occasion a news day is made of; both sentences must name the same one (hearings,
rulings and elections added after reading the labelled BASIL pairs; announcements, pleas, news
conferences and ads changed none of them)."""

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
    events = []
    for cluster in (c for group in groups.values() for c in _events(prepared, group)):
        head = cluster[0]
        citations = tuple(
            Citation(
                prepared.sentences[d.row].article_id,
                prepared.sentences[d.row].index,
                1.0 if d.row == head.row else _similarity(prepared, head.row, d.row),
            )
            for d in cluster
        )
        event = TimelineEvent(
            head.date, head.expression, prepared.sentences[head.row], citations, head.granularity
        )
        events.append((head.row, event))
    events.sort(key=lambda re: (re[1].date, _COARSE_FIRST[re[1].granularity], re[0]))
    return [e for _, e in events]


def _events(prepared: Prepared, group: list[_Dated]) -> list[list[_Dated]]:
    """The sentences of one date grouped into events, in text order: each joins the event it
    is most alike to among those holding a sentence it tells one event with and none it may
    not share one with (``_other_actors``, ``_apart``), else starts one."""
    vectors = prepared.vectors[[d.row for d in group]]
    sims = vectors @ vectors.T
    events: list[list[int]] = []
    for k, d in enumerate(group):
        checkpoint()
        best, best_sim = -1, -1.0
        for e, members in enumerate(events):
            if any(
                _other_actors(group[m].anchor, d.anchor) or _apart(group[m], d) for m in members
            ):
                continue
            linked = [
                float(sims[m, k]) for m in members if _same_event(prepared, group[m], d, sims[m, k])
            ]
            if linked and max(linked) > best_sim:
                best, best_sim = e, max(linked)
        if best < 0:
            events.append([k])
        else:
            events[best].append(k)
    return [[group[k] for k in members] for members in events]


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


def _apart(a: _Dated, b: _Dated) -> bool:
    """One of the two marks its happening as another occasion of the day than the other's:
    "Lee told a radio station earlier on Wednesday ..." is not "Lee on Wednesday repeated ...",
    however alike (a labelled pair of the kind scores 0.79)."""
    return a.aside != b.aside


def _same_event(prepared: Prepared, a: _Dated, b: _Dated, similarity: float) -> bool:
    """Whether two sentences naming one date, of cosine ``similarity``, tell of one event
    (``_other_actors`` and ``_apart`` aside)."""
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
    """Both dated verbs have a named actor and one is the other, or part of its name ("Lee" and
    "Ann Lee")."""
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
