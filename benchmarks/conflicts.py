"""Conflict detection: recall on planted conflicts, false alarms on real stories.

    python benchmarks/conflicts.py   # 64 planted conflicts, 100 BASIL triplets: ~5 min, 2 cores
    python benchmarks/conflicts.py --per-file 10 --basil 20 --embedder hashing   # quick look

Two sets, both read from ``$NEWSFUSE_DATA`` or ../shared/data:

- **planted** (benchmarks/planted.py): summarization clusters where one article's number, date
  or person name was altered in a sentence that another article states the same way. Recall is
  the share of planted pairs reported (right sentences, right kind). Flags on the *unaltered*
  clusters are an upper bound on false alarms (some are real disagreements between outlets).
- **basil**: Fox / NYT / HuffPost triplets on one event. There is no gold; the script prints a
  seeded sample of the flags for reading by hand.

The baseline flags any two aligned sentences (same claim) whose number strings, day-of-month
dates or capitalized names differ.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from newsfuse.compare import find_claims, find_conflicts
from newsfuse.embed import Embedder, HashingEmbedder, Vectors, default_embedder
from newsfuse.models import Article, Claim, Conflict, Story
from newsfuse.pipeline import Prepared, prepare
from newsfuse.settings import DEFAULT
from planted import Planted, build, data_dir, person_names


class CachedEmbedder:
    """Embeds each distinct text once: a planted story differs from its original in one
    sentence, so the second run costs one embedding."""

    def __init__(self, inner: Embedder) -> None:
        self.inner = inner
        self.name = inner.name
        self.dim = inner.dim
        self.cache: dict[str, np.ndarray] = {}

    def embed(self, texts: Sequence[str]) -> Vectors:
        todo = list(dict.fromkeys(t for t in texts if t not in self.cache))
        if todo:
            for t, v in zip(todo, self.inner.embed(todo), strict=True):
                self.cache[t] = v
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([self.cache[t] for t in texts]).astype(np.float32)


_NUM = re.compile(r"\d[\d,.]*\d|\d")
_MD = re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}\b")


def baseline(prepared: Prepared, claims: Sequence[Claim]) -> list[Conflict]:
    out = []
    for claim in claims:
        ss = claim.sentences
        for i, a in enumerate(ss):
            for b in ss[i + 1 :]:
                if a.article_id == b.article_id:
                    continue
                for kind, pat in (("quantity", _NUM), ("date", _MD)):
                    va, vb = set(pat.findall(a.text)), set(pat.findall(b.text))
                    if va and vb and va != vb:
                        out.append(Conflict(kind, a, b, ",".join(sorted(va)), ",".join(sorted(vb))))  # type: ignore[arg-type]
                na = {n for _, _, n in person_names(a.text)}
                nb = {n for _, _, n in person_names(b.text)}
                if na and nb and na != nb:
                    out.append(Conflict("entity", a, b, ",".join(sorted(na)), ",".join(sorted(nb))))
    return out


@dataclass
class Tally:
    gold: Counter[str] = field(default_factory=Counter)
    found: Counter[str] = field(default_factory=Counter)
    flags_planted: int = 0
    flags_original: int = 0
    stories_original: int = 0
    planted_stories: int = 0


def _hit(c: Conflict, case: Planted) -> bool:
    pair = {(c.a.article_id, c.a.index), (c.b.article_id, c.b.index)}
    return c.kind == case.kind and pair == {case.a, case.b}


ALIGNED: Counter[str] = Counter()
"""Planted pairs whose two sentences share a claim ("aligned") or not ("apart"): how well claim
alignment finds the fact both articles state."""


def run_detectors(
    story: Story, emb: Embedder, gold: Planted | None = None
) -> dict[str, list[Conflict]]:
    prepared = prepare(story, emb)
    claims = find_claims(prepared, DEFAULT)
    if gold is not None:
        together = any(
            {gold.a, gold.b} <= {(s.article_id, s.index) for s in c.sentences} for c in claims
        )
        ALIGNED["aligned" if together else "apart"] += 1
    return {
        "newsfuse": find_conflicts(prepared, claims, DEFAULT),
        "baseline": baseline(prepared, claims),
    }


def planted_eval(cases: list[Planted], emb: Embedder) -> tuple[dict[str, Tally], list[str]]:
    tallies = {"newsfuse": Tally(), "baseline": Tally()}
    originals: dict[str, Story] = {c.original.id: c.original for c in cases}
    misses: list[str] = []
    for story in originals.values():
        for name, flags in run_detectors(story, emb).items():
            tallies[name].flags_original += len(flags)
            tallies[name].stories_original += 1
    for case in cases:
        results = run_detectors(case.story, emb, case)
        for name, flags in results.items():
            t = tallies[name]
            t.gold[case.kind] += 1
            t.planted_stories += 1
            t.flags_planted += len(flags)
            if any(_hit(c, case) for c in flags):
                t.found[case.kind] += 1
            elif name == "newsfuse":
                misses.append(f"[{case.kind}] {case.old!r} -> {case.new!r} ({case.story.id})")
    return tallies, misses


def load_basil(limit: int) -> list[Story]:
    path = data_dir() / "comparison" / "basil_triplets.jsonl"
    out = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            if n >= limit:
                break
            rec = json.loads(line)
            arts = []
            for i, (text, meta) in enumerate(zip(rec["documents"], rec["doc_meta"], strict=True)):
                published = dt.datetime.fromisoformat(meta["date"]) if meta.get("date") else None
                arts.append(
                    Article(
                        id=f"d{i}",
                        text=text,
                        source=meta.get("source", ""),
                        title=meta.get("title", ""),
                        published=published,
                    )
                )
            out.append(Story(rec["id"], tuple(arts)))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description="conflict detection benchmark")
    ap.add_argument("--per-file", type=int, default=15, help="clusters per summarization file")
    ap.add_argument("--basil", type=int, default=100, help="BASIL triplets to scan")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--show", type=int, default=12, help="BASIL flags to print for reading")
    ap.add_argument("--embedder", choices=("minilm", "hashing"), default="minilm")
    ap.add_argument("--misses", action="store_true", help="list planted conflicts not found")
    args = ap.parse_args()
    t0 = time.time()
    inner: Embedder = default_embedder() if args.embedder == "minilm" else HashingEmbedder()
    emb = CachedEmbedder(inner)
    cases = build(args.seed, args.per_file)
    print(
        f"planted set: {len(cases)} conflicts in {len({c.story.id for c in cases})} clusters "
        f"(first {args.per_file} clusters of each summarization file, seed {args.seed})"
    )
    tallies, misses = planted_eval(cases, emb)
    kinds = ("quantity", "date", "entity")
    print(
        f"\n{'detector':10} {'recall':>7} "
        + " ".join(f"{k:>9}" for k in kinds)
        + f" {'precision':>9} {'flags/story clean':>18} {'flags/story planted':>19}"
    )
    for name, t in tallies.items():
        gold, found = sum(t.gold.values()), sum(t.found.values())
        per_kind = " ".join(
            f"{t.found[k]:>3}/{t.gold[k]:<5}" if t.gold[k] else f"{'-':>9}" for k in kinds
        )
        precision = found / t.flags_planted if t.flags_planted else 0.0
        print(
            f"{name:10} {found / max(gold, 1):7.2f} {per_kind} {precision:9.2f} "
            f"{t.flags_original / max(t.stories_original, 1):18.2f} "
            f"{t.flags_planted / max(t.planted_stories, 1):19.2f}"
        )
    share = ALIGNED["aligned"] / max(sum(ALIGNED.values()), 1)
    print(
        f"claim alignment: {share:.2f} of planted pairs (one fact, one value altered) share a claim"
    )
    if args.misses:
        print("\nmissed:", *misses, sep="\n  ")
    stories = load_basil(args.basil)
    flags: list[tuple[Story, Conflict]] = []
    base_flags = 0
    for story in stories:
        res = run_detectors(story, emb)
        flags += [(story, c) for c in res["newsfuse"]]
        base_flags += len(res["baseline"])
    by_kind = Counter(c.kind for _, c in flags)
    n = max(len(stories), 1)
    print(
        f"\nBASIL: {len(stories)} triplets, newsfuse flags {len(flags) / n:.2f}/story "
        f"({dict(by_kind)}), baseline {base_flags / n:.2f}/story; "
        f"stories with any flag: {len({s.id for s, _ in flags})}"
    )
    rng = random.Random(args.seed)
    for story, c in rng.sample(flags, min(args.show, len(flags))):
        la, lb = story.article(c.a.article_id).source, story.article(c.b.article_id).source
        print(
            f"\n[{c.kind}] {c.value_a} vs {c.value_b}  ({story.id[:14]})\n"
            f"  {la}: {c.a.text[:240]}\n  {lb}: {c.b.text[:240]}"
        )
    print(f"\n{time.time() - t0:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
