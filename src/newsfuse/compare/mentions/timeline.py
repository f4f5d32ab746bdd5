"""The timeline: every dated sentence of the story, in date order, each cited.

Dates come from ``find_dates`` (resolved against each article's publication date). A sentence
naming several dates appears once per date. Sentences from any article that name the same date
at the same granularity and say much the same thing (cosine at or above ``SAME_EVENT``), or
name the same kind of occasion ("met" and "meeting", "interview", "debate") and are somewhat
alike (cosine at or above ``SAME_OCCASION``), are one event citing all of them.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass

import numpy as np

from newsfuse.compare.values.dates import find_dates
from newsfuse.models import Citation, DateGranularity, TimelineEvent
from newsfuse.pipeline import Prepared
from newsfuse.settings import DEFAULT, Settings

SAME_EVENT = 0.5
"""Cosine (all-MiniLM-L6-v2) at or above which two sentences naming the same date are one event.
Looser than ``Settings.support_threshold`` because the shared date is already strong evidence:
in the Munich example the two "talks resume Feb. 25" sentences score 0.56 and merge, while
different events of the same day score 0.34-0.49 and stay apart."""

SAME_OCCASION = 0.2
"""Cosine at or above which two sentences naming the same date and the same kind of occasion
are one event. On 22 labelled pairs of same-day sentences from BASIL stories
(``benchmarks/labels/brief_events.jsonl``), same-event pairs score 0.21-0.49 and
different-event pairs 0.13-0.50: no cosine threshold alone tells them apart, while a shared
occasion word joined 4 of the 11 same-event pairs and none of the 11 different ones."""

_OCCASIONS = (
    re.compile(r"\b(?:meet|meets|met|meeting|meetings|summit)\b", re.I),
    re.compile(r"\binterview(?:s|ed)?\b", re.I),
    re.compile(r"\bdebate(?:s|d)?\b", re.I),
    re.compile(r"\bspeech(?:es)?\b", re.I),
)
"""Kinds of occasion a news day is made of; both sentences must name the same one."""

_COARSE_FIRST = {"year": 0, "month": 1, "day": 2}


@dataclass(frozen=True, slots=True)
class _Dated:
    date: dt.date
    granularity: DateGranularity
    expression: str
    row: int
    """Position of the sentence in ``prepared.sentences`` (story order)."""


def build_timeline(prepared: Prepared, settings: Settings = DEFAULT) -> list[TimelineEvent]:
    """Dated events across all articles, earliest first (a year or month before its days)."""
    dated = _dated_sentences(prepared, settings)
    groups: dict[tuple[dt.date, str], list[list[_Dated]]] = {}
    for d in dated:
        clusters = groups.setdefault((d.date, d.granularity), [])
        for cluster in clusters:
            if _same_event(prepared, cluster[0].row, d.row):
                cluster.append(d)
                break
        else:
            clusters.append([d])
    events = []
    for clusters in groups.values():
        for cluster in clusters:
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


def _dated_sentences(prepared: Prepared, settings: Settings) -> list[_Dated]:
    """One entry per (resolved date, sentence), in story and text order."""
    out: list[_Dated] = []
    for article in prepared.story.articles:
        rows = prepared.by_article.get(article.id, [])
        starts = [prepared.sentences[r].start for r in rows]
        seen: set[tuple[dt.date, str, int]] = set()
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
            if key not in seen:
                seen.add(key)
                out.append(_Dated(m.value, m.granularity, m.text, row))
    return out


def _same_event(prepared: Prepared, a: int, b: int) -> bool:
    """Whether two sentences naming one date tell of one event."""
    similarity = _similarity(prepared, a, b)
    if similarity >= SAME_EVENT:
        return True
    if similarity < SAME_OCCASION:
        return False
    ta, tb = prepared.sentences[a].text, prepared.sentences[b].text
    return any(p.search(ta) and p.search(tb) for p in _OCCASIONS)


def _similarity(prepared: Prepared, a: int, b: int) -> float:
    if a == b:
        return 1.0
    return float(np.dot(prepared.vectors[a], prepared.vectors[b]))
