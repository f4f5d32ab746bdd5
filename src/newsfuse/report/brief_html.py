"""A brief as one self-contained HTML file: inline CSS and SVG, no scripts, no external assets.

Article text is untrusted, so every string taken from an article (text, titles, names, outlet,
URL) goes through ``html.escape``; a source URL becomes a link only when it is http(s).
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from urllib.parse import urlsplit

from newsfuse.models import Brief
from newsfuse.report.brief_common import (
    NO_CONFLICTS,
    QUOTES_SHOWN,
    SHARED_SHOWN,
    Sections,
    also_carried,
    conflict_note,
    conflict_title,
    conflicts_heading,
    event_date,
    focus_line,
    outlet,
    quote_context,
    sections,
)
from newsfuse.report.coverage_html import GRID_CSS, cited_sentences, grid_html, timeline_svg

CSS = """
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;max-width:60rem;margin:2rem auto;
padding:0 1rem;color:#1d1d1f;background:#fff}
h1{font-size:1.7rem;margin-bottom:.2rem}h2{font-size:1.25rem;margin-top:2rem;
border-bottom:1px solid #ddd;padding-bottom:.2rem}h3{font-size:1.05rem;margin-bottom:.3rem}
.meta{color:#666;font-size:.9rem}a.cite{text-decoration:none;font-size:.8rem;
vertical-align:super;color:#0b57d0}ul{padding-left:1.2rem}li{margin:.3rem 0}
.conflict{display:grid;grid-template-columns:1fr 1fr;gap:.8rem;margin:1rem 0;
border:1px solid #e3c27a;background:#fffaf0;border-radius:6px;padding:.8rem}
.conflict h3{grid-column:1/3;margin:0;font-size:1rem}.side .value{font-weight:600}
.side .who{color:#555;font-size:.9rem}blockquote{margin:.6rem 0;padding:.2rem .8rem;
border-left:3px solid #9ab;color:#222}.speaker{font-weight:600}
table{border-collapse:collapse;width:100%}td,th{text-align:left;vertical-align:top;
padding:.25rem .5rem;border-bottom:1px solid #eee}td.date{white-space:nowrap;font-weight:600}
.expr{color:#666;font-size:.85rem}details{margin:.4rem 0}summary{cursor:pointer}
@media (prefers-color-scheme:dark){body{background:#161617;color:#e8e8e8}
.conflict{background:#2a2517;border-color:#7a6430}blockquote{color:#ddd}
a.cite{color:#8ab4f8}td,th{border-color:#333}}
"""


def _cites(sec: Sections, article_ids: Iterable[str]) -> str:
    return "".join(f'<a class="cite" href="#src-{n}">[{n}]</a>' for n in sec.cite(article_ids))


def to_html(brief: Brief) -> str:
    """The whole briefing as a standalone HTML page: everything, the long lists folded past what
    the short text briefing shows."""
    sec = sections(brief, full=True)
    title = escape(brief.story.title or "Briefing")
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        # Defence in depth: even if something slipped through unescaped, nothing may run or load.
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'\">",
        f"<title>{title}</title><style>{CSS}{GRID_CSS}</style></head><body>",
        f"<h1>{title}</h1>",
        f'<p class="meta">{len(brief.story.articles)} sources · summary of '
        f"{brief.summary.words} words ({escape(brief.summary.method)})</p>",
    ]
    if focus := focus_line(brief):
        out.append(f'<p class="focus">{escape(focus)}</p>')
    out += ["<h2>Summary</h2>", "<ul>"]
    for s in brief.summary.sentences:
        out.append(f"<li>{escape(s.text)}{_cites(sec, (c.article_id for c in s.citations))}</li>")
    out.append("</ul>")
    out += grid_html(brief, sec)

    if len(brief.story.articles) > 1 and not brief.conflicts:
        out += ["<h2>Where sources disagree</h2>", f'<p class="meta">{NO_CONFLICTS}</p>']
    if brief.conflicts:
        out.append(f"<h2>{escape(conflicts_heading(brief))}</h2>")
        for c in brief.conflicts:
            out.append(f'<div class="conflict"><h3>{escape(conflict_title(c))}</h3>')
            for side, value in ((c.a, c.value_a), (c.b, c.value_b)):
                out.append(
                    f'<div class="side"><div class="value">{escape(value)}</div>'
                    f'<div class="who">{escape(outlet(brief, side.article_id))}'
                    f"{_cites(sec, [side.article_id])}</div><p>{escape(side.text)}</p></div>"
                )
            if note := conflict_note(c):
                out.append(f'<p class="meta" style="grid-column:1/3">{escape(note)}</p>')
            out.append("</div>")

    if sec.shared:
        out += ["<h2>Reported by several sources</h2>", "<ul>"]
        for k, claim in enumerate(sec.shared):
            if k == SHARED_SHOWN:
                out.append(f"</ul><details><summary>{len(sec.shared) - k} more</summary><ul>")
            also = also_carried(brief, claim)
            also = f' <span class="meta">({escape(also)})</span>' if also else ""
            out.append(
                f"<li>{escape(claim.sentences[0].text)}{_cites(sec, claim.sources)}{also}</li>"
            )
        out.append("</ul></details>" if len(sec.shared) > SHARED_SHOWN else "</ul>")

    if sec.single:
        out.append("<h2>Reported by one source</h2>")
        for aid, claims in sec.single:
            # Folded: one outlet's unique facts can run to dozens of lines.
            out.append(
                f"<details><summary><strong>{escape(outlet(brief, aid))}</strong>"
                f"{_cites(sec, [aid])} · {len(claims)} facts</summary><ul>"
            )
            out += [f"<li>{escape(claim.sentences[0].text)}</li>" for claim in claims]
            out.append("</ul></details>")

    if brief.quotes:
        out.append("<h2>Quotes</h2>")
        for k, q in enumerate(brief.quotes):
            if k == QUOTES_SHOWN:
                out.append(f"<details><summary>{len(brief.quotes) - k} more quotes</summary>")
            who = (
                f'<span class="speaker">{escape(q.speaker)}</span>'
                if q.speaker
                else "<em>unattributed</em>"
            )
            context = quote_context(q)
            context = f'<div class="expr">in: {escape(context)}</div>' if context else ""
            out.append(
                f"<blockquote>“{escape(q.text)}”<br>— {who}{_cites(sec, q.sources)}"
                f"{context}</blockquote>"
            )
        if len(brief.quotes) > QUOTES_SHOWN:
            out.append("</details>")

    for heading, entities in sec.entities:
        out += [f"<h2>{escape(heading)}</h2>", "<table>"]
        for e in entities:
            where = ", ".join(f"{escape(outlet(brief, a))} ×{n}" for a, n in e.mentions.items())
            out.append(
                f"<tr><td>{escape(e.name)}</td><td>{where}{_cites(sec, e.mentions)}</td></tr>"
            )
        out.append("</table>")

    if brief.timeline:
        out += ["<h2>Timeline</h2>", timeline_svg(brief.timeline), "<table>"]
        for ev in brief.timeline:
            cites = _cites(sec, (c.article_id for c in ev.citations))
            out.append(
                f'<tr><td class="date">{escape(event_date(ev))}</td><td>'
                f"{escape(ev.sentence.text)}{cites} "
                f'<span class="expr">({escape(ev.expression)})</span></td></tr>'
            )
        out.append("</table>")

    out += cited_sentences(brief, sec)
    out += ["<h2>Sources</h2>", "<ol>"]
    for aid, n in sec.numbers.items():
        out.append(f'<li id="src-{n}">{_source(brief, aid)}</li>')
    out += ["</ol>", "</body></html>"]
    return "\n".join(out) + "\n"


def _source(brief: Brief, article_id: str) -> str:
    a = brief.story.article(article_id)
    parts = [f"<strong>{escape(a.source or a.id)}</strong>"]
    if a.title and a.title != a.source:
        parts.append(f"“{escape(a.title)}”")
    if a.published:
        parts.append(escape(a.published.date().isoformat()))
    if a.url:
        # Only web links are clickable: a javascript: or data: URL stays inert text.
        if _scheme(a.url) in ("http", "https"):
            parts.append(
                f'<a href="{escape(a.url, quote=True)}" rel="noopener noreferrer">'
                f"{escape(a.url)}</a>"
            )
        else:
            parts.append(escape(a.url))
    elif a.origin:
        parts.append(f"({escape(a.origin)})")
    return ", ".join(parts)


def _scheme(url: str) -> str:
    try:
        return urlsplit(url.strip()).scheme.lower()
    except ValueError:  # e.g. "http://[" is not a URL at all
        return ""
