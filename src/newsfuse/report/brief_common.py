"""What every brief renderer shows, computed once: sections, citation numbers, labels.

By default a briefing is short enough to read in two minutes: the shared facts ranked by how
many sources report them and how early (news puts the important first) and capped at
``SHARED_SHOWN``; per outlet the ``SINGLE_SHOWN`` earliest facts only it reports; at most
``QUOTES_PER_SPEAKER`` quotes per speaker (``QUOTES_SHOWN`` in all); ``ENTITIES_SHOWN``
entities per type; and ``TIMELINE_SHOWN`` timeline entries, those nearest the reports' dates
(what happened and what comes next, rather than the background). Facts are sentences that read
alone (``summarize.standalone``: no questions, fragments, pronoun openings or pieces of
quotations, which the quotes section gives with their speakers), and nothing the summary says is
repeated. Each cut says how many more there are. ``full=True``
keeps everything (the JSON output always does).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from newsfuse.compare.brief.coverage import coverage_grid
from newsfuse.compare.mentions.quotes import SCARE_QUOTE_WORDS
from newsfuse.models import (
    Brief,
    CellState,
    Claim,
    Conflict,
    CoverageCell,
    CoverageRow,
    Entity,
    EntityLabel,
    Quote,
    Sentence,
    TimelineEvent,
)
from newsfuse.report.summary import source_line as source_line_of
from newsfuse.report.summary import source_numbers
from newsfuse.settings import DEFAULT
from newsfuse.summarize.standalone import inside_quotation, stands_alone

T = TypeVar("T")

NO_CONFLICTS = "No conflicting numbers, dates, names or statements were found."

ENTITY_HEADINGS: dict[EntityLabel, str] = {
    "PERSON": "People",
    "ORG": "Organizations",
    "PLACE": "Places",
}


SHARED_SHOWN = 8
SINGLE_SHOWN = 3
QUOTES_PER_SPEAKER = 2
QUOTES_SHOWN = 6
ENTITIES_SHOWN = 10
TIMELINE_SHOWN = 6
HEADLINE_WIDTH = 100


@dataclass(frozen=True, slots=True)
class Sections:
    """A brief split into what the renderers show, in display order."""

    numbers: dict[str, int]
    """Article id -> citation number (1-based, story order)."""
    shared: tuple[Claim, ...]
    """Claims reported by more than one source."""
    single: tuple[tuple[str, tuple[Claim, ...]], ...]
    """(article id, its claims no other source reports), in story order, outlets with none left
    out."""
    entities: tuple[tuple[str, tuple[Entity, ...]], ...]
    """(heading, entities), for each label that has any."""
    quotes: tuple[Quote, ...] = ()
    timeline: tuple[TimelineEvent, ...] = ()
    more: dict[str, int] = field(default_factory=dict)
    """How many items a short briefing leaves out, by section ("shared", "quotes", "timeline",
    an article id for its single-source facts, an entity heading)."""
    headline: str = ""

    def cite(self, article_ids: Iterable[str]) -> list[int]:
        """Sorted distinct citation numbers of some articles."""
        return sorted({self.numbers[a] for a in article_ids if a in self.numbers})


def sections(brief: Brief, full: bool = False) -> Sections:
    """The sections of ``brief``; short (ranked and capped) unless ``full``."""
    numbers = source_numbers(brief.story)
    more: dict[str, int] = {}

    def cap(key: str, items: Sequence[T], n: int) -> tuple[T, ...]:
        if full or len(items) <= n:
            return tuple(items)
        more[key] = len(items) - n
        return tuple(items[:n])

    # A short briefing does not repeat what its summary already says.
    summarized = {(s.sentence.article_id, s.sentence.index) for s in brief.summary.sentences}
    claims = [
        c
        for c in brief.claims
        if full
        or not (
            any((s.article_id, s.index) in summarized for s in c.sentences)
            or not _reads_alone(brief, c.sentences[0])
        )
    ]
    shared = [c for c in claims if c.coverage != "one" and len(set(c.sources)) > 1]
    shared.sort(key=lambda c: (-len(set(c.sources)), min(s.index for s in c.sentences)))
    per: dict[str, list[Claim]] = {a.id: [] for a in brief.story.articles}
    for c in claims:
        if c.coverage == "one" or len(set(c.sources)) == 1:
            aid = c.sources[0] if c.sources else c.sentences[0].article_id
            per.setdefault(aid, []).append(c)
    single = tuple(
        (aid, cap(aid, sorted(cs, key=lambda c: c.sentences[0].index), SINGLE_SHOWN))
        for aid, cs in per.items()
        if cs
    )
    entities = tuple(
        (heading, cap(heading, [e for e in brief.entities if e.label == label], ENTITIES_SHOWN))
        for label, heading in ENTITY_HEADINGS.items()
        if any(e.label == label for e in brief.entities)
    )
    return Sections(
        numbers,
        cap("shared", shared, SHARED_SHOWN),
        single,
        entities,
        _quotes(brief.quotes, full, more),
        _timeline(brief, full, more),
        more,
        headline(brief),
    )


def _reads_alone(brief: Brief, sentence: Sentence) -> bool:
    """Can a fact's sentence be read alone (``summarize.standalone``): not a question or a
    fragment, not opening on a pronoun or an unattributed quotation, not the rest of a quotation
    (the quotes section has those, with their speakers)?"""
    text = brief.story.article(sentence.article_id).text
    before = text[text.rfind("\n", 0, sentence.start) + 1 : sentence.start]
    return stands_alone(sentence.text, DEFAULT) and not inside_quotation(before)


def _quotes(quotes: Sequence[Quote], full: bool, more: dict[str, int]) -> tuple[Quote, ...]:
    if full:
        return tuple(quotes)
    per: dict[str, int] = {}
    shown: list[Quote] = []
    for q in quotes:
        per[q.speaker] = per.get(q.speaker, 0) + 1
        if per[q.speaker] <= QUOTES_PER_SPEAKER and len(shown) < QUOTES_SHOWN:
            shown.append(q)
    if len(shown) < len(quotes):
        more["quotes"] = len(quotes) - len(shown)
    return tuple(shown)


def _timeline(brief: Brief, full: bool, more: dict[str, int]) -> tuple[TimelineEvent, ...]:
    events = list(brief.timeline)
    if full or len(events) <= TIMELINE_SHOWN:
        return tuple(events)
    days = [a.published.date() for a in brief.story.articles if a.published] or [events[-1].date]
    newest = max(days)
    near = sorted(range(len(events)), key=lambda k: abs((events[k].date - newest).days))
    keep: list[int] = []
    seen: set[tuple[str, int]] = set()
    for k in near:  # a sentence naming two dates is shown once, at the nearer one
        key = (events[k].sentence.article_id, events[k].sentence.index)
        if key not in seen and len(keep) < TIMELINE_SHOWN:
            seen.add(key)
            keep.append(k)
    keep.sort()
    more["timeline"] = len(events) - len(keep)
    return tuple(events[k] for k in keep)


def headline(brief: Brief) -> str:
    """One line that says what the story is: its title, the first article's title, or the
    summary's first sentence, cut at a word to ``HEADLINE_WIDTH`` columns."""
    titles = [brief.story.title, *(a.title for a in brief.story.articles)]
    first = brief.summary.sentences[0].text if brief.summary.sentences else ""
    text = " ".join(next((t for t in titles if t.strip()), first).split())
    if len(text) <= HEADLINE_WIDTH:
        return text
    return text[: HEADLINE_WIDTH - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def clip(text: str, width: int) -> str:
    """``text`` on one line, cut at a word to ``width`` characters with "…"."""
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    return text[: width - 1].rsplit(" ", 1)[0].rstrip(",;:") + " …"


def more_note(n: int, what: str) -> str:
    """ "and 5 more facts (--full shows all)" for a cut section; empty when nothing was cut."""
    return f"and {n} more {what} (--full shows all)" if n else ""


def outlet(brief: Brief, article_id: str) -> str:
    """The short name of an article's outlet (its label)."""
    try:
        return brief.story.article(article_id).label
    except KeyError:
        return article_id


def source_line(brief: Brief, article_id: str) -> str:
    """ "CNN, "Title", 2016-02-10, https://..." for the sources list (plain, unescaped)."""
    return source_line_of(brief.story, article_id)


def also_carried(brief: Brief, claim: Claim) -> str:
    """ "also carried by AP, Yahoo" for the copies of a claim's sources, else empty."""
    names = list(dict.fromkeys(outlet(brief, aid) for aid in claim.copies))
    return f"also carried by {', '.join(names)}" if names else ""


def conflict_title(conflict: Conflict) -> str:
    """ "count: 17 vs 20", or for a value that changed since the reader last looked
    "update, count: 17 -> 20" (plain, unescaped)."""
    if conflict.update:
        return f"update, {conflict.kind}: {conflict.value_a} -> {conflict.value_b}"
    return f"{conflict.kind}: {conflict.value_a} vs {conflict.value_b}"


def conflicts_heading(brief: Brief) -> str:
    """The heading of the conflicts section: what changed since the reader's background, where
    the sources disagree, or both."""
    updates = sum(c.update for c in brief.conflicts)
    if not updates:
        return "Where sources disagree"
    if updates == len(brief.conflicts):
        return "What changed since you last read"
    return "What changed, and where sources disagree"


def focus_line(brief: Brief) -> str:
    """What the summary was focused on: the reader's question and how many articles they had
    already read; empty for a generic briefing (plain, unescaped)."""
    parts = []
    if brief.query:
        parts.append(f"Focused on: {brief.query}")
    if brief.background:
        n = len(brief.background)
        parts.append(f"What is new since {n} article{'s' if n != 1 else ''} already read")
    return " · ".join(parts)


def conflict_note(conflict: Conflict) -> str:
    """The reason for a conflict and how sure the detector is."""
    why = conflict.reason or conflict.explanation
    return f"{why} (confidence {conflict.confidence:.2f})" if why else ""


def quote_context(quote: Quote) -> str:
    """The sentence around a partial quote ("a “concrete plan”"), which alone says little;
    empty for a full quote."""
    if len(quote.text.split()) > SCARE_QUOTE_WORDS or not quote.sentences:
        return ""
    return quote.sentences[0].text


CELL_TEXT: dict[CellState, str] = {
    "reports": "reports it",
    "otherwise": "says otherwise",
    "silent": "silent",
}
CELL_MARK: dict[CellState, str] = {"reports": "✓", "otherwise": "≠", "silent": "–"}


def coverage_rows(brief: Brief) -> tuple[CoverageRow, ...]:
    """The brief's coverage grid; computed from its claims and conflicts for a brief stored
    before briefs carried one."""
    return brief.coverage or coverage_grid(brief)


def cell_label(brief: Brief, cell: CoverageCell) -> str:
    """ "CNN: says otherwise (20)" for screen readers and tooltips (plain, unescaped)."""
    value = f" ({cell.value})" if cell.value else ""
    return f"{outlet(brief, cell.article_id)}: {CELL_TEXT[cell.state]}{value}"


def event_date(event: TimelineEvent) -> str:
    """The date at its precision: ``2016-02-25``, ``2016-02`` or ``2016``."""
    iso = event.date.isoformat()
    return {"day": iso, "month": iso[:7], "year": iso[:4]}[event.granularity]
