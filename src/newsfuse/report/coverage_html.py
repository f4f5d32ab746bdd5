"""The briefing's pictures in HTML: the coverage grid (a real table, each cell a link to the
sentence it stands for), the timeline strip (inline SVG, with the timeline table as its text
version) and the list of cited sentences those link to.

Every string from an article goes through ``html.escape``; the SVG holds only escaped text and
numbers computed here. No script, no external asset.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections.abc import Sequence
from html import escape

from newsfuse.models import Brief, CoverageRow, TimelineEvent
from newsfuse.report.brief_common import (
    CELL_MARK,
    Sections,
    cell_label,
    coverage_rows,
    event_date,
    outlet,
)

GRID_CSS = """
table.grid{width:auto;margin:.6rem 0}table.grid caption{text-align:left;color:#555;
font-size:.9rem;padding-bottom:.3rem}table.grid th[scope=row]{font-weight:400;max-width:28rem}
table.grid th[scope=col]{font-size:.9rem;text-align:center}
table.grid th:first-child{text-align:left}table.grid td{text-align:center;padding:.15rem .4rem}
table.grid tr.row-conflict th[scope=row]{font-weight:600}
.cell{display:inline-block;min-width:1.8rem;padding:.1rem .3rem;border-radius:4px;
text-decoration:none;font-weight:600;line-height:1.4}.cell.reports{background:#d7ecd9;
color:#14532d}.cell.otherwise{background:#fbd9c9;color:#7c2d12}.cell.silent{color:#777;
font-weight:400}.cell .v{font-weight:400;font-size:.8rem;margin-left:.2rem}
.cell:focus-visible,a:focus-visible{outline:3px solid #f0a500;outline-offset:1px}
.legend{font-size:.85rem;color:#555}.legend .cell{min-width:0}
svg.strip{width:100%;height:auto;max-width:60rem;display:block;margin:.4rem 0 .8rem}
svg.strip .axis{stroke:#888;stroke-width:1}svg.strip .dot{fill:#0b57d0}
svg.strip .dot.coarse{fill:none;stroke:#0b57d0;stroke-width:2}svg.strip text{font-size:11px;
fill:#555}ol.cited li:target{background:#fff3bf}ol.cited .who{font-weight:600}
@media (prefers-color-scheme:dark){.cell.reports{background:#1f3d27;color:#b7e4c0}
.cell.otherwise{background:#4a2516;color:#f8c9b4}.cell.silent{color:#999}
svg.strip text{fill:#bbb}svg.strip .dot{fill:#8ab4f8}svg.strip .dot.coarse{stroke:#8ab4f8}
ol.cited li:target{background:#4a4020}}
"""

STRIP_WIDTH = 720
STRIP_PAD = 40


def anchor(sec: Sections, article_id: str, index: int) -> str:
    """The id of a cited sentence in the sentence list: ``s<source number>-<index>``."""
    return f"s{sec.numbers.get(article_id, 0)}-{index}"


def grid_html(brief: Brief, sec: Sections) -> list[str]:
    """The coverage grid as a table, or nothing for a story of one source."""
    rows = coverage_rows(brief)
    if not rows:
        return []
    columns = [c.article_id for c in rows[0].cells]
    out = [
        "<h2>Who reports what</h2>",
        '<p class="legend">'
        f'<span class="cell reports" aria-hidden="true">{CELL_MARK["reports"]}</span> reports it '
        f'· <span class="cell otherwise" aria-hidden="true">{CELL_MARK["otherwise"]}</span> '
        "says otherwise "
        f'· <span class="cell silent" aria-hidden="true">{CELL_MARK["silent"]}</span> silent; '
        "each mark links to the sentence it stands for.</p>",
        '<table class="grid"><caption>The story’s main facts (rows) against its sources '
        "(columns): disagreements first, then what several sources report.</caption>",
        '<thead><tr><th scope="col">Fact</th>',
    ]
    for aid in columns:
        n = sec.numbers.get(aid, 0)
        out.append(
            f'<th scope="col">{escape(outlet(brief, aid))} <a class="cite" '
            f'href="#src-{n}">[{n}]</a></th>'
        )
    out.append("</tr></thead><tbody>")
    for row in rows:
        out.append(_grid_row(brief, sec, row))
    out.append("</tbody></table>")
    return out


def _grid_row(brief: Brief, sec: Sections, row: CoverageRow) -> str:
    cells = [f'<tr class="row-{row.kind}"><th scope="row">{escape(row.title)}</th>']
    for cell in row.cells:
        label = escape(cell_label(brief, cell), quote=True)
        mark = CELL_MARK[cell.state]
        value = f'<span class="v">{escape(cell.value)}</span>' if cell.value else ""
        if cell.citation is None:
            # Focusable too, so the keyboard walks every cell of the row in order.
            inner = (
                f'<span class="cell silent" tabindex="0" role="img" aria-label="{label}">'
                f"{mark}</span>"
            )
        else:
            href = anchor(sec, cell.citation.article_id, cell.citation.sentence_index)
            inner = (
                f'<a class="cell {cell.state}" href="#{href}" aria-label="{label}" '
                f'title="{label}"><span aria-hidden="true">{mark}</span>{value}</a>'
            )
        cells.append(f"<td>{inner}</td>")
    return "".join(cells) + "</tr>"


def strip_positions(days: Sequence[dt.date]) -> list[float]:
    """Where each of the sorted distinct ``days`` sits on the strip, 0 to 1: each gap takes
    room by the log of its length in days, so a background year long before the story does
    not crush the days the story is about into one point."""
    steps = [math.log1p((b - a).days) for a, b in itertools.pairwise(days)]
    total = sum(steps) or 1.0
    return [sum(steps[:k]) / total for k in range(len(days))]


def timeline_svg(events: Sequence[TimelineEvent]) -> str:
    """The dated events on a horizontal time axis (inline SVG, ``role="img"``); the timeline
    table after it says the same in words. Empty for fewer than two distinct dates."""
    days = sorted({e.date for e in events})
    if len(days) < 2:
        return ""
    width = STRIP_WIDTH - 2 * STRIP_PAD
    x = {d: STRIP_PAD + width * p for d, p in zip(days, strip_positions(days), strict=True)}
    shown = {e.date: event_date(e) for e in reversed(events)}  # the first event's precision
    stacked: dict[dt.date, int] = {}
    dots = []
    for e in events:
        level = stacked.get(e.date, 0)
        stacked[e.date] = level + 1
        if level >= 4:
            continue  # a crowded day shows four dots; the table lists every event
        cls = "dot" if e.granularity == "day" else "dot coarse"
        tip = escape(f"{event_date(e)}: {e.sentence.text}")
        dots.append(
            f'<circle class="{cls}" cx="{x[e.date]:.1f}" cy="{34 - 9 * level}" r="4">'
            f"<title>{tip}</title></circle>"
        )
    marks = [f'<line class="axis" x1="{x[d]:.1f}" y1="40" x2="{x[d]:.1f}" y2="45"/>' for d in days]
    for d, anchor_at in label_days(days, x):
        marks.append(
            f'<text x="{x[d]:.1f}" y="58" text-anchor="{anchor_at}">{escape(shown[d])}</text>'
        )
    label = (
        f"Timeline of {len(events)} dated events from {shown[days[0]]} to "
        f"{shown[days[-1]]}; the table below lists them"
    )
    return (
        f'<svg class="strip" role="img" aria-label="{escape(label, quote=True)}" '
        f'viewBox="0 0 {STRIP_WIDTH} 70"><title>{escape(label)}</title>'
        f'<line class="axis" x1="{STRIP_PAD}" y1="42" x2="{STRIP_WIDTH - STRIP_PAD}" y2="42"/>'
        + "".join(dots)
        + "".join(marks)
        + "</svg>"
    )


LABEL_ROOM = 80
"""Strip units between two date labels (a label is about 60 wide)."""


def label_days(days: Sequence[dt.date], x: dict[dt.date, float]) -> list[tuple[dt.date, str]]:
    """The days that get a date label, with its text-anchor: the first and the last, and those
    between with room for it."""
    out = [(days[0], "start")]
    for d in days[1:-1]:
        if x[d] - x[out[-1][0]] >= LABEL_ROOM and x[days[-1]] - x[d] >= LABEL_ROOM:
            out.append((d, "middle"))
    return [*out, (days[-1], "end")]


def cited_sentences(brief: Brief, sec: Sections) -> list[str]:
    """The list of sentences the grid's cells link to, by source and position."""
    keys = {
        (c.citation.article_id, c.citation.sentence_index)
        for row in coverage_rows(brief)
        for c in row.cells
        if c.citation
    }
    if not keys:
        return []
    out = ["<h2>Sentences the grid cites</h2>", '<ol class="cited">']
    for aid, index in sorted(keys, key=lambda k: (sec.numbers.get(k[0], 0), k[1])):
        try:
            text = brief.sentence(aid, index).text
        except KeyError:
            continue
        n = sec.numbers.get(aid, 0)
        out.append(
            f'<li id="{anchor(sec, aid, index)}"><span class="who">[{n}] '
            f"{escape(outlet(brief, aid))}</span>, sentence {index + 1}: {escape(text)}</li>"
        )
    out.append("</ol>")
    return out
