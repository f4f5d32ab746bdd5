"""Sentence splitting with character offsets.

Paragraph breaks (a blank line, or a line break after sentence-final punctuation) always end a
sentence; inside a paragraph nupunkt decides, because it handles news abbreviations ("U.S.",
"Feb.", "Gen.") better than the alternatives we measured (see benchmarks/sentences.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import nupunkt

from newsfuse.models import Article, Sentence

# A line break ends a sentence when the line before it is a complete sentence, a heading or a
# caption; news text extracted from HTML keeps one paragraph per line.
_PARAGRAPH = re.compile(r"\n\s*\n|\n(?=\s*\S)")


def split_spans(text: str) -> Iterator[tuple[int, int]]:
    """Yield ``(start, end)`` of each sentence, whitespace trimmed, in order."""
    pos = 0
    for m in _PARAGRAPH.finditer(text):
        yield from _split_paragraph(text, pos, m.start())
        pos = m.end()
    yield from _split_paragraph(text, pos, len(text))


def _split_paragraph(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    para = text[start:end]
    if not para.strip():
        return
    for _, (s, e) in nupunkt.sent_spans_with_text(para):
        chunk = para[s:e]
        stripped = chunk.strip()
        if not stripped:
            continue
        lead = len(chunk) - len(chunk.lstrip())
        yield start + s + lead, start + s + lead + len(stripped)


def split_article(article: Article) -> list[Sentence]:
    """The sentences of an article, numbered from 0, with offsets into ``article.text``."""
    return [
        Sentence(article.id, i, article.text[s:e], s, e)
        for i, (s, e) in enumerate(split_spans(article.text))
    ]
