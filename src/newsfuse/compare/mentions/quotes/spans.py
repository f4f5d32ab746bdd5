"""Find quoted stretches: pair quotation marks within each paragraph (rule 1 of the package)."""

from __future__ import annotations

import re
from dataclasses import dataclass

_OPENERS = {"“": "”", "«": "»", '"': '"'}
_CLOSERS = {"”", "»"}


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """Quoted text at ``text[start:end]`` (marks excluded) and how the quote was delimited."""

    start: int
    end: int
    closed: bool
    """False when the paragraph ended before a closing mark."""
    opens_paragraph: bool
    """True when the opening mark is the first character of its paragraph."""


def quote_spans(text: str) -> list[QuoteSpan]:
    """Every quoted stretch of ``text``, in order; quotation marks never pair across paragraphs."""
    spans: list[QuoteSpan] = []
    pos = 0
    for para in re.split(r"(\n)", text):
        if para != "\n":
            spans.extend(_paragraph_quotes(para, pos))
        pos += len(para)
    return spans


def _paragraph_quotes(para: str, offset: int) -> list[QuoteSpan]:
    out: list[QuoteSpan] = []
    lead = len(para) - len(para.lstrip())
    open_at = -1
    closer = ""
    for i, ch in enumerate(para):
        # A straight mark closes a curly quote too: copy-edited text often mixes them.
        if open_at >= 0 and (ch == closer or ch in _CLOSERS or ch == '"'):
            out.append(QuoteSpan(offset + open_at + 1, offset + i, True, open_at == lead))
            open_at = -1
        elif ch == "“" and open_at >= 0 and _closes(para, i):
            # A typo'd closer (“Who can guarantee you happiness?“ he asked.)
            out.append(QuoteSpan(offset + open_at + 1, offset + i, True, open_at == lead))
            open_at = -1
        elif ch in _OPENERS:
            if open_at >= 0:  # a new opening mark: the previous quote was never closed
                out.append(QuoteSpan(offset + open_at + 1, offset + i, False, open_at == lead))
            open_at, closer = i, _OPENERS[ch]
    if open_at >= 0:
        end = len(para.rstrip())
        out.append(QuoteSpan(offset + open_at + 1, offset + end, False, open_at == lead))
    return [s for s in out if any(c.isalnum() for c in _slice(para, s, offset))]


def _closes(para: str, i: int) -> bool:
    """Does the mark at ``i`` end a word and precede a space or punctuation?"""
    after = para[i + 1 : i + 2]
    return i > 0 and not para[i - 1].isspace() and (after == "" or after in " \t,.;:!?)—–-")


def _slice(para: str, span: QuoteSpan, offset: int) -> str:
    return para[span.start - offset : span.end - offset]
