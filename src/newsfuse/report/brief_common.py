"""What every brief renderer shows, computed once: sections, citation numbers, labels."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from newsfuse.compare.mentions.quotes import SCARE_QUOTE_WORDS
from newsfuse.models import Brief, Claim, Conflict, Entity, EntityLabel, Quote, TimelineEvent
from newsfuse.report.summary import source_line as source_line_of
from newsfuse.report.summary import source_numbers

NO_CONFLICTS = "No conflicting numbers, dates, names or statements were found."

ENTITY_HEADINGS: dict[EntityLabel, str] = {
    "PERSON": "People",
    "ORG": "Organizations",
    "PLACE": "Places",
}


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

    def cite(self, article_ids: Iterable[str]) -> list[int]:
        """Sorted distinct citation numbers of some articles."""
        return sorted({self.numbers[a] for a in article_ids if a in self.numbers})


def sections(brief: Brief) -> Sections:
    numbers = source_numbers(brief.story)
    shared = tuple(c for c in brief.claims if c.coverage != "one" and len(set(c.sources)) > 1)
    per: dict[str, list[Claim]] = {a.id: [] for a in brief.story.articles}
    for c in brief.claims:
        if c.coverage == "one" or len(set(c.sources)) == 1:
            aid = c.sources[0] if c.sources else c.sentences[0].article_id
            per.setdefault(aid, []).append(c)
    single = tuple((aid, tuple(cs)) for aid, cs in per.items() if cs)
    entities = tuple(
        (heading, tuple(e for e in brief.entities if e.label == label))
        for label, heading in ENTITY_HEADINGS.items()
        if any(e.label == label for e in brief.entities)
    )
    return Sections(numbers, shared, single, entities)


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


def event_date(event: TimelineEvent) -> str:
    """The date at its precision: ``2016-02-25``, ``2016-02`` or ``2016``."""
    iso = event.date.isoformat()
    return {"day": iso, "month": iso[:7], "year": iso[:4]}[event.granularity]
