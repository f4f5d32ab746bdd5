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
            carried = bool(spans) and not spans[-1].closed
            spans.extend(_paragraph_quotes(para, pos, carried))
        pos += len(para)
    return spans


def _paragraph_quotes(para: str, offset: int, carried: bool = False) -> list[QuoteSpan]:
    """The quotes of one paragraph; ``carried`` when the paragraph before ended inside a quote,
    so that a paragraph going on without an opening mark may close it ("... leaving," Trump
    tweeted.)."""
    out: list[QuoteSpan] = []
    lead = len(para) - len(para.lstrip())
    open_at = -1
    closer = ""
    skip_to = -1
    for i, ch in enumerate(para):
        if i <= skip_to:
            continue
        if open_at < 0 and carried and ch in ("”", '"') and _closes(para, i):
            out.append(QuoteSpan(offset + lead, offset + i, True, True))
            carried = False
            continue
        if ch in '“«"':
            carried = False
        if open_at >= 0 and ch == '"' and _opens(para, i):
            cut = _MISSING_CLOSER.search(para, open_at + 1, i)
            if cut:  # "He's wrong, Ray said. "He knows it." - the first one was never closed
                out.append(
                    QuoteSpan(offset + open_at + 1, offset + cut.start() + 1, True, open_at == lead)
                )
                open_at, closer = i, '"'
                continue
        # A straight mark closes a curly quote too: copy-edited text often mixes them.
        if open_at >= 0 and (ch == closer or ch in _CLOSERS or ch == '"'):
            out.append(QuoteSpan(offset + open_at + 1, offset + i, True, open_at == lead))
            open_at = -1
        elif ch == "“" and open_at >= 0 and _closes(para, i):
            # A typo'd closer (“Who can guarantee you happiness?“ he asked.)
            out.append(QuoteSpan(offset + open_at + 1, offset + i, True, open_at == lead))
            open_at = -1
        elif ch == "“" and open_at >= 0 and closer == "”" and (inner := _nested(para, i)) > 0:
            skip_to = inner  # “... his own “Russian lawyer meeting” emails,” Assange wrote.
        elif ch in _OPENERS:
            if open_at >= 0:  # a new opening mark: the previous quote was never closed
                cut = _MISSING_CLOSER.search(para, open_at + 1, i)
                end = cut.start() + 1 if cut else i
                out.append(
                    QuoteSpan(offset + open_at + 1, offset + end, bool(cut), open_at == lead)
                )
            open_at, closer = i, _OPENERS[ch]
    if open_at >= 0:
        end = len(para.rstrip())
        cut = _MISSING_CLOSER.search(para, open_at + 1, end)
        out.append(
            QuoteSpan(
                offset + open_at + 1,
                offset + (cut.start() + 1 if cut else end),
                bool(cut),
                open_at == lead,
            )
        )
    return [s for s in out if any(c.isalnum() for c in _slice(para, s, offset))]


_MISSING_CLOSER = re.compile(
    r"[,!?]\s+(?:he|she|they|[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,2})\s+"
    r"(?:said|says|wrote|writes|added|adds|told|asked|continued|explained|declared)"
    r"(?:\s+[\w'’-]+){0,4}[.:]\s*$"
)
"""An attribution at the end of a quote that the writer forgot to close before the next one
opened (“... performance, he wrote. “Our troops ...”): the quote ends at the comma."""


def _nested(para: str, i: int) -> int:
    """Where a curly quote opened at ``i`` inside another curly quote closes, when two closing
    marks follow before the next opening one (the inner one and the outer one); else -1."""
    first = para.find("”", i + 1)
    if first < 0:
        return -1
    second = para.find("”", first + 1)
    following = para.find("“", i + 1)
    if second < 0 or (0 <= following < second):
        return -1
    return first


def _opens(para: str, i: int) -> bool:
    """Does the mark at ``i`` follow a space and precede a word?"""
    return (i == 0 or para[i - 1].isspace()) and para[i + 1 : i + 2].isalnum()


def _closes(para: str, i: int) -> bool:
    """Does the mark at ``i`` end a word and precede a space or punctuation?"""
    after = para[i + 1 : i + 2]
    return i > 0 and not para[i - 1].isspace() and (after == "" or after in " \t,.;:!?)—–-")


def _slice(para: str, span: QuoteSpan, offset: int) -> str:
    return para[span.start - offset : span.end - offset]
