"""A brief as plain text for the terminal: one section per heading, sources numbered [n]."""

from __future__ import annotations

import textwrap

from newsfuse.models import Brief
from newsfuse.report.brief_common import (
    NO_CONFLICTS,
    also_carried,
    conflict_note,
    conflict_title,
    event_date,
    focus_line,
    outlet,
    quote_context,
    sections,
    source_line,
)

WIDTH = 100


def _marks(numbers: list[int]) -> str:
    return "".join(f"[{n}]" for n in numbers)


def _item(text: str, indent: str = "  ", bullet: str = "- ") -> str:
    return textwrap.fill(
        " ".join(text.split()),
        WIDTH,
        initial_indent=indent + bullet,
        subsequent_indent=indent + " " * len(bullet),
    )


def _heading(title: str) -> list[str]:
    return ["", title.upper(), "-" * len(title)]


def to_text(brief: Brief) -> str:
    """The whole briefing as plain text."""
    sec = sections(brief)
    title = brief.story.title or "Briefing"
    lines = [title, "=" * len(title)]
    if focus := focus_line(brief):
        lines.append(_item(focus, "", ""))

    lines += _heading("Summary")
    for s in brief.summary.sentences:
        lines.append(_item(f"{s.text} {_marks(sec.cite(c.article_id for c in s.citations))}"))

    if len(brief.story.articles) > 1 and not brief.conflicts:
        lines += [*_heading("Where sources disagree"), f"  {NO_CONFLICTS}"]
    if brief.conflicts:
        lines += _heading("Where sources disagree")
        for k, c in enumerate(brief.conflicts, 1):
            lines.append(f"  {k}. {conflict_title(c)}")
            for side in (c.a, c.b):
                mark = _marks(sec.cite([side.article_id]))
                lines.append(
                    _item(f"{mark} {outlet(brief, side.article_id)}: {side.text}", "     ")
                )
            if note := conflict_note(c):
                lines.append(_item(note, "     ", ""))

    if sec.shared:
        lines += _heading("Reported by several sources")
        for claim in sec.shared:
            also = also_carried(brief, claim)
            text = f"{claim.sentences[0].text} {_marks(sec.cite(claim.sources))}"
            lines.append(_item(f"{text} ({also})" if also else text))

    if sec.single:
        lines += _heading("Reported by one source")
        for aid, claims in sec.single:
            lines.append(f"  {_marks(sec.cite([aid]))} {outlet(brief, aid)}")
            for claim in claims:
                lines.append(_item(claim.sentences[0].text, "    "))

    if brief.quotes:
        lines += _heading("Quotes")
        for q in brief.quotes:
            who = q.speaker or "unattributed"
            lines.append(_item(f"“{q.text}” — {who} {_marks(sec.cite(q.sources))}"))
            if context := quote_context(q):
                lines.append(_item(f"in: {context}", "    ", ""))

    for heading, entities in sec.entities:
        lines += _heading(heading)
        for e in entities:
            where = ", ".join(f"{outlet(brief, aid)} ×{n}" for aid, n in e.mentions.items())
            lines.append(_item(f"{e.name} {_marks(sec.cite(e.mentions))} ({where})"))

    if brief.timeline:
        lines += _heading("Timeline")
        for ev in brief.timeline:
            marks = _marks(sec.cite(c.article_id for c in ev.citations))
            text = f"{ev.sentence.text} {marks} (“{ev.expression}”)"
            lines.append(
                textwrap.fill(
                    " ".join(text.split()),
                    WIDTH,
                    initial_indent=f"  {event_date(ev):<10}  ",
                    subsequent_indent=" " * 14,
                )
            )

    lines += _heading("Sources")
    for aid, n in sec.numbers.items():
        lines.append(f"  [{n}] {source_line(brief, aid)}")
    return "\n".join(lines) + "\n"
