"""One article's quotes: attribute each span, join the pieces of one quote, drop scare quotes and
titles (rules 2, 4 and 5 of the package)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from newsfuse.compare.mentions.quotes.attribute import (
    ORGANIZATION,
    PERSON,
    attribution,
    colon_attribution,
    split_attribution,
)
from newsfuse.compare.mentions.quotes.resolve import ArticleContext
from newsfuse.compare.mentions.quotes.spans import QuoteSpan

SCARE_QUOTE_WORDS = 3
"""Quotes this short are scare quotes or fragments, not quotes."""

_WORD = re.compile(r"\w+(?:['’]\w+)*")
"""A word, with its apostrophes ("people’s", "wasn't" are one word each)."""


@dataclass(slots=True)
class Chunk:
    span: QuoteSpan
    lo: int
    """First sentence (index into the article's sentences) the quote overlaps."""
    hi: int
    speaker: str = ""
    kind: int = ORGANIZATION + 1
    """How the speaker was named (``_PERSON`` ... ``ORGANIZATION``); higher when unknown."""
    attributed: bool = False
    texts: list[str] = field(default_factory=list)
    end: int = 0
    """Character offset where the last merged piece ends."""
    closed: bool = True
    """Whether the last merged piece was closed by a quotation mark."""


def article_quotes(art: ArticleContext) -> list[Chunk]:
    chunks: list[Chunk] = []
    for span in art.spans:
        lo, hi = art.overlapping(span.start - 1, span.end + 1)
        chunk = Chunk(span, lo, hi, texts=[_clean(art.text[span.start : span.end])], end=span.end)
        chunk.closed = span.closed
        found = attribution(art, lo, hi, span)
        if found is None and lo > 0 and art.sentences[lo - 1].text.rstrip().endswith(":"):
            found = attribution(art, lo - 1, lo - 1, span)
        if found is None:
            found = colon_attribution(art, span)
        if found is None and (found := split_attribution(art, hi, span)) is not None:
            chunk.hi = hi = hi + 1  # the attribution's sentence is the quote's too
        if found is not None:
            chunk.attributed = True
            chunk.kind, chunk.speaker = found
            if chunk.kind == PERSON:
                art.last_speaker = (hi, span.end, chunk.speaker)
        prev = chunks[-1] if chunks else None
        if prev is not None and _continues(art, prev, chunk):
            prev.texts.extend(chunk.texts)
            prev.hi, prev.end, prev.closed = max(prev.hi, chunk.hi), chunk.end, chunk.closed
            if not prev.speaker:
                prev.speaker, prev.kind = chunk.speaker, chunk.kind
            prev.attributed = prev.attributed or chunk.attributed
            continue
        chunks.append(chunk)
    for c in chunks:
        if not c.attributed and (found := _indirect_before(art, c)) is not None:
            c.attributed = True
            c.kind, c.speaker = found
    # A short quote that opens its sentence is a statement ("I apologize," she said).
    return [
        c
        for c in chunks
        if not _noun_phrase_fragment(art, c)
        and (
            not _scare_or_title(art, c)
            or (c.attributed and c.span.start - 1 <= art.sentences[c.lo].start)
        )
    ]


def _indirect_before(art: ArticleContext, chunk: Chunk) -> tuple[int, str] | None:
    """The person whose indirect speech the sentence before reports, for a quote left without
    a speaker (its pieces joined) that opens its sentence and takes the rest of the paragraph
    ("Dukes left the court saying she felt no anger. “We ...”"): news goes on in the same
    voice. Not when that sentence carries a quote of its own (then the quote goes on that
    one, rule 4), nor for a description or an organization."""
    lo, span = chunk.lo, chunk.span
    if lo == 0 or span.start - 1 > art.sentences[lo].start:
        return None
    rest = art.text[chunk.end :].partition("\n")[0]
    if rest.strip(" \t\"”»'’"):  # only a quote that takes the rest of its paragraph
        return None
    before = art.sentences[lo - 1]
    if any(art.quoted[before.start : before.end]):
        return None
    found = attribution(art, lo - 1, lo - 1, span)
    return found if found is not None and found[0] == PERSON else None


NOUN_PHRASE_WORDS = 6
"""A quote up to this long that ends a noun phrase the writer opened is a fragment."""

_DETERMINERS = frozenset("a an the his her their its our my your this that these".split())  # noqa: SIM905 - a word list reads best as words


def _noun_phrase_fragment(art: ArticleContext, chunk: Chunk) -> bool:
    """Is the quote the end of a noun phrase the writer opened ("the understanding of a
    “fifth- or sixth-grader”"): short, right after a determiner, with no verb?"""
    if len(chunk.texts) > 1 or _words(chunk.texts[0]) > NOUN_PHRASE_WORDS:
        return False
    before = art.text[max(chunk.span.start - 12, 0) : chunk.span.start - 1].split()
    if not before or before[-1].lower() not in _DETERMINERS:
        return False
    return not any(t.pos_ in ("VERB", "AUX") for t in art.tokens(chunk.span.start, chunk.end))


def _scare_or_title(art: ArticleContext, chunk: Chunk) -> bool:
    """A quote of at most ``SCARE_QUOTE_WORDS`` words, or a title."""
    if _words(" ".join(chunk.texts)) <= SCARE_QUOTE_WORDS:
        return True
    return _title(art, chunk)


def _title(art: ArticleContext, chunk: Chunk) -> bool:
    """Capitalized words from the first, no sentence punctuation at the end, no finite verb:
    "Behind the Scenes With Kathy Griffin", not "Border Coyotes and Drug Dealers are treated
    better,"."""
    words = _WORD.findall(" ".join(chunk.texts))
    raw = art.text[chunk.span.start : chunk.end].rstrip()
    # Not the comma: a title in running text takes one too (from “The Godfather: Part II,” whom).
    if not words or raw.endswith((".", "!", "?")) or not words[0][0].isupper():
        return False
    if any(t.tag_ in _FINITE for t in art.tokens(chunk.span.start, chunk.end)):
        return False
    content = [w for w in words if len(w) > 3]
    return bool(content) and sum(w[0].isupper() for w in content) >= 0.6 * len(content)


_FINITE = frozenset({"VBZ", "VBD", "VBP", "MD"})


def _continues(art: ArticleContext, prev: Chunk, chunk: Chunk) -> bool:
    """Is ``chunk`` the rest of the quote ``prev`` (see rule 4 in the module docstring)?"""
    if chunk.attributed and prev.speaker and chunk.speaker != prev.speaker:
        return False
    between = art.text[prev.end : chunk.span.start]
    if not prev.closed and chunk.span.opens_paragraph and between.count("\n") >= 1:
        return between.strip(' \n\t"“”«»') == ""
    if chunk.attributed:
        return False
    if "\n" in between:
        # A quote paragraph right after a quoted paragraph goes on with the same speaker.
        rest = between.partition("\n")[2]
        return (
            bool(prev.speaker)
            and chunk.span.opens_paragraph
            and chunk.lo <= prev.hi + 1
            and not rest.strip(' \n\t"“”«»')
        )
    # Only the attribution of ``prev`` may stand between them, i.e. no sentence of its own.
    # A short piece goes on only when it was a statement of its own ("There is movement," said
    # Ray. "Tomorrow is a critical day."), not a scare quote; a title never goes on a quote.
    statement = prev.attributed and prev.span.start - 1 <= art.sentences[prev.lo].start
    return (
        chunk.lo <= prev.hi + 1
        and (statement or _words(prev.texts[-1]) > SCARE_QUOTE_WORDS)
        and not _title(art, chunk)
    )


def _clean(text: str) -> str:
    return " ".join(text.split()).strip().rstrip(",")


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def join_texts(texts: Sequence[str]) -> str:
    out = texts[0]
    for t in texts[1:]:
        out = f"{out} {t}" if out.endswith((".", "?", "!")) else f"{out} … {t}"
    return out
