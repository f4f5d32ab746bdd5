"""A brief as plain text for the terminal: one section per heading, sources numbered [n]."""

from __future__ import annotations

import textwrap

from newsfuse.models import Brief
from newsfuse.report.brief_common import (
    NO_CONFLICTS,
    also_carried,
    clip,
    conflict_note,
    conflict_title,
    conflicts_heading,
    event_date,
    focus_line,
    more_note,
    outlet,
    quote_context,
    sections,
    source_line,
)

WIDTH = 100
QUOTE_CHARS = 170
"""A short briefing cuts longer quotes (at a word, with "…") to about two lines."""


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


def to_text(brief: Brief, full: bool = False) -> str:
    """The briefing as plain text: short (see ``brief_common``) unless ``full``."""
    sec = sections(brief, full)
    title = sec.headline or "Briefing"
    lines = [title, "=" * min(len(title), WIDTH)]
    if focus := focus_line(brief):
        lines.append(_item(focus, "", ""))

    lines += _heading("Summary")
    for s in brief.summary.sentences:
        lines.append(_item(f"{s.text} {_marks(sec.cite(c.article_id for c in s.citations))}"))

    if len(brief.story.articles) > 1 and not brief.conflicts:
        lines += [*_heading("Where sources disagree"), f"  {NO_CONFLICTS}"]
    if brief.conflicts:
        lines += _heading(conflicts_heading(brief))
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
        lines += _more(sec.more.get("shared", 0), "shared facts")

    if sec.single:
        lines += _heading("Reported by one source")
        for aid, claims in sec.single:
            lines.append(f"  {_marks(sec.cite([aid]))} {outlet(brief, aid)}")
            for claim in claims:
                lines.append(_item(claim.sentences[0].text, "    "))
            lines += _more(sec.more.get(aid, 0), "facts", "    ")

    if sec.quotes:
        lines += _heading("Quotes")
        for q in sec.quotes:
            who = q.speaker or "unattributed"
            text = q.text if full else clip(q.text, QUOTE_CHARS)
            lines.append(_item(f"“{text}” — {who} {_marks(sec.cite(q.sources))}"))
            if context := quote_context(q):
                lines.append(_item(f"in: {context}", "    ", ""))
        lines += _more(sec.more.get("quotes", 0), "quotes")

    for heading, entities in sec.entities:
        lines += _heading(heading)
        if not full:  # one wrapped paragraph: name, mentions, sources
            names = [
                f"{e.name} ×{sum(e.mentions.values())} {_marks(sec.cite(e.mentions))}"
                for e in entities
            ]
            lines.append(_item("; ".join(names), "  ", ""))
        for e in entities if full else ():
            where = ", ".join(f"{outlet(brief, aid)} ×{n}" for aid, n in e.mentions.items())
            lines.append(_item(f"{e.name} {_marks(sec.cite(e.mentions))} ({where})"))
        lines += _more(sec.more.get(heading, 0), heading.lower())

    if sec.timeline:
        lines += _heading("Timeline")
        for ev in sec.timeline:
            marks = _marks(sec.cite(c.article_id for c in ev.citations))
            said = ev.sentence.text if full else clip(ev.sentence.text, WIDTH - 16 - len(marks))
            text = f"{said} {marks}" if not full else f"{said} {marks} (“{ev.expression}”)"
            lines.append(
                textwrap.fill(
                    " ".join(text.split()),
                    WIDTH,
                    initial_indent=f"  {event_date(ev):<10}  ",
                    subsequent_indent=" " * 14,
                )
            )

        lines += _more(sec.more.get("timeline", 0), "dated events")

    lines += _heading("Sources")
    for aid, n in sec.numbers.items():
        lines.append(_item(source_line(brief, aid), "  ", f"[{n}] "))
    return "\n".join(lines) + "\n"


def _more(n: int, what: str, indent: str = "  ") -> list[str]:
    note = more_note(n, what)
    return [f"{indent}… {note}"] if note else []
