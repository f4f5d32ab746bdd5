"""The coverage grid: the story's main facts as rows, its sources as columns, and in each cell
whether the source reports the fact, says otherwise, or is silent, with the sentence it stands for.

Read from the brief's claims and conflicts, nothing is recomputed but the syndicated copies
(``copy_of``): a copy is no column of its own, its sentences count for the article it copies,
as they do in claims. Rows, most important first, up to ``ROWS``:

1. each conflict (conflicts sharing a sentence are one fact): the sources giving the value most
   sources give "report it", those giving another value "say otherwise";
2. facts several sources report, the most widely reported first, then the earliest;
3. to fill the grid, facts one source alone reports, the earliest of each source in turn.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence

from newsfuse.compare.claims.copies import copy_of
from newsfuse.models import (
    Brief,
    CellState,
    Citation,
    Claim,
    Conflict,
    CoverageCell,
    CoverageKind,
    CoverageRow,
    Sentence,
)

ROWS = 12
"""At most this many facts: the grid is to be taken in at a glance."""
TITLE_WIDTH = 90

_SAME_FACT = re.compile(r"^same fact: (.+?);")

_Key = tuple[str, int]


def coverage_grid(brief: Brief, rows: int = ROWS) -> tuple[CoverageRow, ...]:
    """The coverage grid of ``brief`` (empty for a story of one source)."""
    copies = copy_of(brief.story)
    columns = [a.id for a in brief.story.articles if a.id not in copies]
    if len(columns) < 2:
        return ()
    root = {a.id: copies.get(a.id, a.id) for a in brief.story.articles}
    out: list[CoverageRow] = []
    in_conflict: set[_Key] = set()
    for group in _conflict_groups(brief.conflicts):
        for c in group:
            in_conflict.update((_key(c.a), _key(c.b)))
        out.append(_conflict_row(brief, group, columns, root))
    claims = [c for c in brief.claims if c.sentences and not _question(c)]
    # A claim that holds a conflicting sentence is already a conflict row.
    claims = [c for c in claims if not any(_key(s) in in_conflict for s in c.sentences)]
    sources = {id(c): {root.get(s.article_id, s.article_id) for s in c.sentences} for c in claims}
    shared = [c for c in claims if len(sources[id(c)]) > 1]
    shared.sort(key=lambda c: (-len(sources[id(c)]), min(s.index for s in c.sentences)))
    out += [_claim_row(c, "shared", columns, root) for c in shared]
    if len(out) < rows:
        single = [c for c in claims if len(sources[id(c)]) == 1]
        out += [_claim_row(c, "single", columns, root) for c in _round_robin(single, columns, root)]
    return tuple(out[:rows])


def _key(s: Sentence) -> _Key:
    return (s.article_id, s.index)


def _question(claim: Claim) -> bool:
    return claim.sentences[0].text.rstrip().endswith("?")


def _conflict_groups(conflicts: Sequence[Conflict]) -> list[list[Conflict]]:
    """Conflicts joined when they share a sentence (one fact, three values), in brief order."""
    parent = list(range(len(conflicts)))

    def find(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    first: dict[_Key, int] = {}
    for k, c in enumerate(conflicts):
        for s in (c.a, c.b):
            j = first.setdefault(_key(s), k)
            parent[find(k)] = find(j)
    groups: dict[int, list[Conflict]] = defaultdict(list)
    for k, c in enumerate(conflicts):
        groups[find(k)].append(c)
    return list(groups.values())


def _conflict_row(
    brief: Brief, group: Sequence[Conflict], columns: Sequence[str], root: dict[str, str]
) -> CoverageRow:
    # Each value and the sources that state it: the conflicting sentences' own, then for the
    # sources none of them is from, the other sentences of their claims (the claims keep
    # conflicting sentences apart).
    said: dict[str, dict[str, Sentence]] = defaultdict(dict)
    sides = [(s, v) for c in group for s, v in ((c.a, c.value_a), (c.b, c.value_b))]
    for s, value in sides:
        said[value].setdefault(root.get(s.article_id, s.article_id), s)
    direct = {aid for by in said.values() for aid in by}
    for s, value in sides:
        for t in _claim_mates(brief.claims, s):
            aid = root.get(t.article_id, t.article_id)
            if aid not in direct:
                said[value].setdefault(aid, t)
    values = sorted(said, key=lambda v: -len(said[v]))  # stable: the first conflict's first
    main = values[0]
    cells = []
    for aid in columns:
        state: CellState = "silent"
        sentence: Sentence | None = None
        value = ""
        if aid in said[main]:
            state, sentence, value = "reports", said[main][aid], main
        else:
            for v in values[1:]:
                if aid in said[v]:
                    state, sentence, value = "otherwise", said[v][aid], v
                    break
        cells.append(CoverageCell(aid, state, _cite(sentence), value))
    return CoverageRow(_conflict_title(group[0], values), "conflict", tuple(cells))


def _claim_mates(claims: Iterable[Claim], s: Sentence) -> tuple[Sentence, ...]:
    for c in claims:
        if any(_key(t) == _key(s) for t in c.sentences):
            return c.sentences
    return ()


def _conflict_title(conflict: Conflict, values: Sequence[str]) -> str:
    """ "how many (nations): 17 vs 20" from the conflict's reason, else "quantity: 17 vs 20"."""
    m = _SAME_FACT.match(conflict.reason)
    what = m.group(1) if m else conflict.kind
    sep = " -> " if conflict.update else " vs "
    shown = [conflict.value_a, conflict.value_b] if conflict.update else list(values)
    said = sep.join(shown)
    # The values are what the row is about: a long subject is cut, never them.
    return f"{_clip(what, max(TITLE_WIDTH - len(said) - 2, 24))}: {said}"


def _claim_row(
    claim: Claim, kind: CoverageKind, columns: Sequence[str], root: dict[str, str]
) -> CoverageRow:
    by_source: dict[str, Sentence] = {}
    for s in claim.sentences:
        r = root.get(s.article_id, s.article_id)
        # The source's own sentence, before a copy's.
        if r not in by_source or s.article_id == r:
            by_source[r] = s
    cells = tuple(
        CoverageCell(aid, "reports", _cite(by_source[aid]))
        if aid in by_source
        else CoverageCell(aid, "silent")
        for aid in columns
    )
    return CoverageRow(_clip(claim.sentences[0].text, TITLE_WIDTH), kind, cells)


def _round_robin(
    claims: Sequence[Claim], columns: Sequence[str], root: dict[str, str]
) -> list[Claim]:
    """Single-source claims, the earliest of each source in turn (story order)."""
    per: dict[str, list[Claim]] = {aid: [] for aid in columns}
    for c in claims:
        per[root.get(c.sentences[0].article_id, c.sentences[0].article_id)].append(c)
    queues = [sorted(cs, key=lambda c: c.sentences[0].index) for cs in per.values()]
    out: list[Claim] = []
    depth = 0
    while any(depth < len(q) for q in queues):
        out += [q[depth] for q in queues if depth < len(q)]
        depth += 1
    return out


def _cite(s: Sentence | None) -> Citation | None:
    return Citation(s.article_id, s.index) if s is not None else None


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    return text[: width - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"
