"""Syndicated copies: articles that are the same report (a wire story carried by several sites,
a story republished under a new headline) count as one source.

Two articles are copies when at least ``CONTAINMENT`` of the shorter one's word 3-shingles occur
in the longer one: a trimmed ending, an added "Follow us" line or another byline keep it a copy,
while two outlets' own reports of one event share far fewer (measured on DUC and BASIL: rewrites
by different desks stay under 0.5). Candidate pairs come from an inverted index of shingles, so a
story of thousands of articles is not compared pair by pair.
"""

from __future__ import annotations

from collections import defaultdict

from newsfuse.models import Story
from newsfuse.text.tokens import shingles

CONTAINMENT = 0.8
MIN_SHINGLES = 20
"""Shorter texts (a headline, a one-line brief) are never called copies."""
_SAMPLE = 40
"""Shingles per article used to find candidates (every shingle is checked for the verdict)."""


def copy_of(story: Story) -> dict[str, str]:
    """Article id -> the id of the earliest article (story order) it copies; absent if none."""
    grams = {a.id: shingles(a.text) for a in story.articles}
    order = {a.id: k for k, a in enumerate(story.articles)}
    index: dict[str, list[str]] = defaultdict(list)
    for aid, g in grams.items():
        for s in sorted(g)[:_SAMPLE]:
            index[s].append(aid)
    pairs: set[tuple[str, str]] = set()
    for ids in index.values():
        if len(ids) > 1:
            pairs.update((x, y) for x in ids for y in ids if order[x] < order[y])
    out: dict[str, str] = {}
    for x, y in sorted(pairs, key=lambda p: (order[p[1]], order[p[0]])):
        gx, gy = grams[x], grams[y]
        small = min(len(gx), len(gy))
        if small < MIN_SHINGLES or len(gx & gy) < CONTAINMENT * small:
            continue
        root = out.get(x, x)
        if y not in out:
            out[y] = root
    return out
