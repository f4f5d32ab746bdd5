"""A brief as Markdown. Every piece of article text goes through ``md_escape``: it is untrusted
and must not turn into links, images, HTML or headings in a Markdown viewer."""

from __future__ import annotations

from newsfuse.models import Brief
from newsfuse.report.brief_common import (
    NO_CONFLICTS,
    also_carried,
    conflict_note,
    conflicts_heading,
    event_date,
    focus_line,
    more_note,
    outlet,
    quote_context,
    sections,
    source_line,
)
from newsfuse.report.summary import md_escape


def _marks(numbers: list[int]) -> str:
    return "".join(f"\\[{n}\\]" for n in numbers)


def to_markdown(brief: Brief, full: bool = False) -> str:
    """The briefing as Markdown (GitHub flavour: the conflicts are a table); short (see
    ``brief_common``) unless ``full``."""
    sec = sections(brief, full)
    esc = md_escape
    lines = [f"# {esc(sec.headline) if sec.headline else 'Briefing'}", ""]
    if focus := focus_line(brief):
        lines += [f"*{esc(focus)}*", ""]

    lines += ["## Summary", ""]
    for s in brief.summary.sentences:
        lines.append(f"- {esc(s.text)} {_marks(sec.cite(c.article_id for c in s.citations))}")
    lines += ["", f"*{brief.summary.words} words, method `{brief.summary.method}`*"]

    if len(brief.story.articles) > 1 and not brief.conflicts:
        lines += ["", "## Where sources disagree", "", NO_CONFLICTS]
    if brief.conflicts:
        lines += [
            "",
            f"## {conflicts_heading(brief)}",
            "",
            "| | Kind | Source A | Source B | Why |",
            "|---|---|---|---|---|",
        ]
        for k, c in enumerate(brief.conflicts, 1):
            cells = []
            for side, value in ((c.a, c.value_a), (c.b, c.value_b)):
                mark = _marks(sec.cite([side.article_id]))
                cells.append(
                    f"**{esc(value)}** — {esc(outlet(brief, side.article_id))} {mark}: "
                    f"{esc(side.text)}"
                )
            kind = f"update: {c.kind}" if c.update else c.kind
            lines.append(f"| {k} | {kind} | {cells[0]} | {cells[1]} | {esc(conflict_note(c))} |")

    if sec.shared:
        lines += ["", "## Reported by several sources", ""]
        for claim in sec.shared:
            also = also_carried(brief, claim)
            also = f" ({esc(also)})" if also else ""
            lines.append(
                f"- {esc(claim.sentences[0].text)} {_marks(sec.cite(claim.sources))}{also}"
            )
        lines += _more(sec.more.get("shared", 0), "shared facts")

    if sec.single:
        lines += ["", "## Reported by one source"]
        for aid, claims in sec.single:
            lines += ["", f"### {esc(outlet(brief, aid))} {_marks(sec.cite([aid]))}", ""]
            lines += [f"- {esc(claim.sentences[0].text)}" for claim in claims]
            lines += _more(sec.more.get(aid, 0), "facts")

    if sec.quotes:
        lines += ["", "## Quotes", ""]
        for q in sec.quotes:
            who = f"**{esc(q.speaker)}**" if q.speaker else "*unattributed*"
            context = quote_context(q)
            context = f" — *in:* {esc(context)}" if context else ""
            lines.append(f"- “{esc(q.text)}” — {who} {_marks(sec.cite(q.sources))}{context}")
        lines += _more(sec.more.get("quotes", 0), "quotes")

    for heading, entities in sec.entities:
        lines += ["", f"## {heading}", ""]
        for e in entities:
            where = ", ".join(f"{esc(outlet(brief, a))} ×{n}" for a, n in e.mentions.items())
            lines.append(f"- {esc(e.name)} {_marks(sec.cite(e.mentions))} ({where})")
        lines += _more(sec.more.get(heading, 0), heading.lower())

    if sec.timeline:
        lines += ["", "## Timeline", ""]
        for ev in sec.timeline:
            marks = _marks(sec.cite(c.article_id for c in ev.citations))
            lines.append(
                f"- **{event_date(ev)}** ({esc(ev.expression)}): {esc(ev.sentence.text)} {marks}"
            )

        lines += _more(sec.more.get("timeline", 0), "dated events")

    lines += ["", "## Sources", ""]
    for aid, n in sec.numbers.items():
        lines.append(f"{n}. {esc(source_line(brief, aid))}")
    return "\n".join(lines) + "\n"


def _more(n: int, what: str) -> list[str]:
    note = more_note(n, what)
    return [f"- *… {note}*"] if note else []
