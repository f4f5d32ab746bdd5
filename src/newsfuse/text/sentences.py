"""Sentence splitting with character offsets.

Paragraph breaks (a blank line, or a line break after sentence-final punctuation) always end a
sentence; inside a paragraph nupunkt decides, because it handles news abbreviations ("U.S.",
"Feb.", "Gen.") better than the alternatives we measured. Its cuts are then checked against
what news text does (measured on hand-labelled boundaries, benchmarks/brief_quality.py):

- no sentence starts with a lowercase word or closing punctuation ("F.W. | de Klerk",
  "(D-Va. | ), who"), ends inside parentheses, or ends on an honorific or a middle initial
  ("Sen. | John Cornyn", "Michael R. | Bloomberg"): such cuts are undone;
- a plain lowercase word, a full stop and a capitalized word ("said so. Gov. Rick Scott") is a
  boundary nupunkt sometimes misses: it is cut.

A dateline or byline opening a paragraph ("JERUSALEM (AP) _", "WASHINGTON —", "By Dan Collyns")
is not part of the first sentence (``text.dateline``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import nupunkt

from newsfuse.models import Article, Sentence
from newsfuse.text.dateline import find_dateline

# A line break ends a sentence when the line before it is a complete sentence, a heading or a
# caption; news text extracted from HTML keeps one paragraph per line.
_PARAGRAPH = re.compile(r"\n\s*\n|\n(?=\s*\S)")

HONORIFICS = frozenset(
    """mr mrs ms messrs dr prof sen sens rep reps gov govs lt gen col maj sgt capt cmdr adm
    rev fr st sr gens cpl pvt brig supt insp det atty""".split()  # noqa: SIM905 - a word list reads best as words
)
"""Abbreviations that always precede a name, so never end a sentence."""

_LAST_WORD = re.compile(r"(\S+)\s*$")
_INITIAL = re.compile(r"(?:^|[\s(])(?:[A-Z][a-z]+|[A-Z]\.)\s+[A-Z]\.$")
_MISSED = re.compile(r"(?<=[a-z]{2}[.!?])[\"”’]?(?= +[\"“]?[A-Z])")
_NOT_WORD_END = frozenset({"vs", "etc", "approx", "cf", "ca"})


def split_spans(text: str) -> Iterator[tuple[int, int]]:
    """Yield ``(start, end)`` of each sentence, whitespace trimmed, in order."""
    pos = 0
    for m in _PARAGRAPH.finditer(text):
        yield from _split_paragraph(text, pos, m.start())
        pos = m.end()
    yield from _split_paragraph(text, pos, len(text))


def _split_paragraph(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    lead = len(text[start:end]) - len(text[start:end].lstrip())
    dateline = find_dateline(text, start + lead)
    if dateline is not None:
        start = min(dateline.end, end)
    para = text[start:end]
    if not para.strip():
        return
    spans: list[tuple[int, int]] = []
    for _, (s, e) in nupunkt.sent_spans_with_text(para):
        chunk = para[s:e]
        stripped = chunk.strip()
        if not stripped:
            continue
        first = s + len(chunk) - len(chunk.lstrip())
        for a, b in _cut_missed(para, first, first + len(stripped)):
            if spans and _joins(para[spans[-1][0] : spans[-1][1]], para[a:b]):
                spans[-1] = (spans[-1][0], b)
            else:
                spans.append((a, b))
    for s, e in spans:
        yield start + s, start + e


def _joins(left: str, right: str) -> bool:
    """Is the cut between ``left`` and ``right`` not a sentence boundary?"""
    if right[:1].islower() or right[:1] in "),;:–—-":
        return True
    if left.count("(") > left.count(")"):
        return True
    m = _LAST_WORD.search(left)
    word = m.group(1) if m else ""
    if word.rstrip(".").lower() in HONORIFICS and word.endswith("."):
        return True
    return bool(_INITIAL.search(left))


def _cut_missed(para: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """``para[start:end]`` cut where a plain lowercase word ends a sentence."""
    pos = start
    for m in _MISSED.finditer(para, start, end):
        word = _LAST_WORD.search(para, pos, m.start())
        token = word.group(1) if word else ""
        core = token.rstrip('.!?"”’').lower()
        if "." in core or core in _NOT_WORD_END or core.count("(") > core.count(")"):
            continue
        if para[pos : m.start()].count("(") > para[pos : m.start()].count(")"):
            continue
        cut = m.end()
        yield pos, cut
        pos = cut + len(para[cut:end]) - len(para[cut:end].lstrip())
    yield pos, end


def split_article(article: Article) -> list[Sentence]:
    """The sentences of an article, numbered from 0, with offsets into ``article.text``."""
    return [
        Sentence(article.id, i, article.text[s:e], s, e)
        for i, (s, e) in enumerate(split_spans(article.text))
    ]
