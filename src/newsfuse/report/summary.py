"""A cited summary as plain text, Markdown or JSON, with a numbered list of sources."""

from __future__ import annotations

import json

from newsfuse.models import Story, Summary


def source_numbers(story: Story) -> dict[str, int]:
    """Article id -> its citation number (1-based, story order)."""
    return {a.id: k for k, a in enumerate(story.articles, 1)}


def source_line(story: Story, aid: str) -> str:
    """'CNN, "Title", 2016-02-10, https://...' for a sources list (plain text, unescaped)."""
    a = story.article(aid)
    parts = [a.source or a.id]
    if a.title and a.title != a.source:
        parts.append(f'"{a.title}"')
    if a.published:
        parts.append(a.published.date().isoformat())
    if a.url:
        parts.append(a.url)
    elif a.origin:
        parts.append(f"({a.origin})")
    return ", ".join(parts)


def cited_sources(story: Story, summary: Summary) -> tuple[dict[str, int], int]:
    """The sources a summary cites (id -> number, story order) and how many others the story
    has: a summary of a thousand articles lists the few dozen it draws on, not all of them."""
    used = {c.article_id for s in summary.sentences for c in s.citations}
    nums = {aid: n for aid, n in source_numbers(story).items() if aid in used}
    return nums, len(story.articles) - len(nums)


def _rest(count: int) -> str:
    return f"and {count} other source{'s' if count != 1 else ''} in the story, not cited"


def _marks(story: Story, summary: Summary, k: int) -> str:
    nums = source_numbers(story)
    cited = sorted({nums[c.article_id] for c in summary.sentences[k].citations})
    return "".join(f"[{n}]" for n in cited)


def to_text(story: Story, summary: Summary) -> str:
    lines = [f"{s.text} {_marks(story, summary, k)}" for k, s in enumerate(summary.sentences)]
    out = "\n".join(lines)
    cited, rest = cited_sources(story, summary)
    sources = [f"[{n}] {source_line(story, aid)}" for aid, n in cited.items()]
    if rest:
        sources.append(f"({_rest(rest)})")
    return f"{out}\n\nSources:\n" + "\n".join(sources) + "\n"


def md_escape(text: str) -> str:
    """Article text is untrusted: neutralize Markdown and HTML control characters."""
    for ch in "\\`*_[]<>#|~":
        text = text.replace(ch, "\\" + ch)
    return " ".join(text.split())


def to_markdown(story: Story, summary: Summary) -> str:
    title = md_escape(story.title) if story.title else "Summary"
    lines = [f"# {title}", ""]
    nums = source_numbers(story)
    for s in summary.sentences:
        cited = sorted({nums[c.article_id] for c in s.citations})
        lines.append(f"- {md_escape(s.text)} " + "".join(f"\\[{n}\\]" for n in cited))
    lines += ["", f"*{summary.words} words, method `{summary.method}`*", "", "## Sources", ""]
    used, rest = cited_sources(story, summary)
    for aid, n in used.items():
        # not "n." items: Markdown renumbers an ordered list, and the numbers must match the marks
        lines.append(f"- \\[{n}\\] {md_escape(source_line(story, aid))}")
    if rest:
        lines += ["", f"*{_rest(rest)}*"]
    return "\n".join(lines) + "\n"


def to_json(story: Story, summary: Summary) -> str:
    """Every source of the story, each marked whether the summary cites it."""
    cited, _ = cited_sources(story, summary)
    sources = []
    for aid, n in source_numbers(story).items():
        meta = story.article(aid).to_dict()
        meta.pop("text", None)
        sources.append({"number": n, "cited": aid in cited, **meta})
    data = {"summary": summary.to_dict(), "sources": sources}
    return json.dumps(data, ensure_ascii=False, indent=2)
