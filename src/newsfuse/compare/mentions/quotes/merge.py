"""Merge across outlets: the same words carried by several articles are one quote (rule 7)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from newsfuse.models import Quote, Sentence

SAME_QUOTE_OVERLAP = 0.6
"""Share of the shorter quote's word 3-grams found in the longer one for two quotes (any outlet)
to count as the same quote."""

_WORD = re.compile(r"\w+")


@dataclass(slots=True)
class Found:
    article: int
    position: int
    text: str
    speaker: str
    kind: int
    sentences: tuple[Sentence, ...]


def group_quotes(found_quotes: Sequence[Found], story_ids: Sequence[str]) -> list[Quote]:
    """Merge quotes that are the same words (any outlet) into one ``Quote`` each."""
    parent = list(range(len(found_quotes)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    grams = [_shingles(f.text) for f in found_quotes]
    for i in range(len(found_quotes)):
        for j in range(i):
            # Two quotes of one article are two quotes (the assembler joined the pieces of one).
            if found_quotes[i].article != found_quotes[j].article and _same_quote(
                grams[i], grams[j]
            ):
                parent[root(i)] = root(j)
    groups: dict[int, list[Found]] = {}
    for i, f in enumerate(found_quotes):
        groups.setdefault(root(i), []).append(f)
    quotes = []
    for members in groups.values():
        members.sort(key=lambda f: (f.article, f.position))
        # A named person beats "a senior official", which beats "Reuters"; then the majority.
        speakers = Counter((f.kind, f.speaker) for f in members if f.speaker)
        best = min(speakers, key=lambda ks: (ks[0], -speakers[ks])) if speakers else (0, "")
        speaker = best[1]
        sentences = tuple(s for f in members for s in f.sentences)
        sources = tuple(dict.fromkeys(story_ids[f.article] for f in members))
        text = max((f.text for f in members), key=len)
        quotes.append((members[0], Quote(text, speaker, tuple(dict.fromkeys(sentences)), sources)))
    quotes.sort(key=lambda fq: (-len(fq[1].sources), fq[0].article, fq[0].position))
    return [q for _, q in quotes]


def _shingles(text: str) -> frozenset[str]:
    words = [w.lower() for w in _WORD.findall(text.replace("’", "'"))]
    if len(words) < 3:
        return frozenset({" ".join(words)})
    return frozenset(" ".join(words[i : i + 3]) for i in range(len(words) - 2))


def _same_quote(a: frozenset[str], b: frozenset[str]) -> bool:
    small = min(len(a), len(b))
    return small > 0 and len(a & b) / small >= SAME_QUOTE_OVERLAP
