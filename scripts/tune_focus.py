"""Choose the query and background weights of ``summarize.fusion.FusionWeights`` on held-out
topics.

    .venv/bin/python scripts/tune_focus.py                                  # the shipped weights
    .venv/bin/python scripts/tune_focus.py --grid query_concepts=0.5,1 --grid query_weight=0,0.1

Every combination of the ``--grid`` values (fields of ``FusionWeights``) is scored with the
protocol of ``benchmarks/summarization.py`` (ROUGE F1, cut to the budget) on:
- DUC 2006, split by topic: ``tune`` = the even lines, ``test`` = the odd ones. Choose on
  ``tune``; ``test`` and ``all`` say whether the choice holds on topics it never saw.
- DUC 2007 update (15 clusters, 5 topics x parts A/B/C): too small to tune on; reported as a
  test of the choice.
Combinations are printed best first by R-2 on ``tune`` (with ``--only duc2007_update_dev.jsonl``:
on that set, for the background weights, which nothing else exercises). Sentences are split and
sketched once per cluster and embeddings kept across combinations, so a grid costs selection and
ROUGE only.
Citations are not built (they do not change which sentences are chosen).
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(os.environ.get("NEWSFUSE_DATA", ROOT.parent / "shared" / "data")) / "summarization"
SETS = [("duc2006.jsonl", 250), ("duc2007_update_dev.jsonl", 100)]


def main() -> None:
    from newsfuse.api import prepare_focused
    from newsfuse.embed import default_embedder
    from newsfuse.eval.rouge import references_of, score
    from newsfuse.ingest import read_clusters
    from newsfuse.settings import DEFAULT
    from newsfuse.summarize.base import reading_order, select
    from newsfuse.summarize.fusion import DEFAULT_WEIGHTS, plan

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--grid", action="append", default=[], help="FIELD=V1,V2,...")
    ap.add_argument("--limit", type=int, help="clusters per set")
    ap.add_argument("--top", type=int, default=15, help="combinations to print")
    ap.add_argument(
        "--only", choices=[n for n, _ in SETS], help="one set (e.g. background weights: 2007)"
    )
    args = ap.parse_args()
    fields = {f.name: f.type for f in dataclasses.fields(DEFAULT_WEIGHTS)}
    grid: dict[str, list[float]] = {}
    for g in args.grid:
        name, _, values = g.partition("=")
        if name not in fields:
            sys.exit(f"{name}: not a FusionWeights field ({', '.join(fields)})")
        cast = int if fields[name] in (int, "int") else float
        grid[name] = [cast(v) for v in values.split(",")]

    embedder = default_embedder()
    loaded = []
    for name, words in SETS:
        if args.only and name != args.only:
            continue
        settings = DEFAULT.with_(words=words)
        for k, c in enumerate(list(read_clusters(DATA / name, settings))[: args.limit]):
            refs = references_of(c.record)
            prepared = prepare_focused(c.story, embedder, c.query, c.background)
            split = "2007" if name.startswith("duc2007") else ("tune" if k % 2 == 0 else "test")
            loaded.append((split, prepared, refs, settings))

    combos = [dict(zip(grid, vs, strict=True)) for vs in itertools.product(*grid.values())]
    results = []
    t0 = time.perf_counter()
    for combo in combos:
        weights = dataclasses.replace(DEFAULT_WEIGHTS, **combo)
        sums: dict[str, list[float]] = {}
        for split, prepared, refs, settings in loaded:
            make_objective, pool = plan(prepared, settings, weights)
            chosen = select(prepared, make_objective, settings, pool)
            texts = [prepared.sentences[i].text for i in reading_order(prepared, chosen)]
            r = score(texts, refs, settings.words)
            for key in (split,) if split == "2007" else (split, "all"):
                acc = sums.setdefault(key, [0.0, 0.0, 0])
                acc[0] += r.f1["rouge1"] * 100
                acc[1] += r.f1["rouge2"] * 100
                acc[2] += 1
        means = {k: (a / n, b / n) for k, (a, b, n) in sums.items() if n}
        results.append((combo, means))
        print(f"{len(results)}/{len(combos)} {time.perf_counter() - t0:.0f}s", file=sys.stderr)

    cols = tuple(c for c in ("tune", "test", "all", "2007") if c in results[0][1])
    results.sort(key=lambda cm: -cm[1][cols[0]][1])
    print(f"{'weights':<60}" + "".join(f"{c + ' R1/R2':>16}" for c in cols))
    for combo, means in results[: args.top]:
        label = " ".join(f"{k}={v:g}" for k, v in combo.items()) or "(shipped)"
        cells = "".join(
            f"{means[c][0]:8.2f}/{means[c][1]:5.2f}  " if c in means else f"{'-':>16}" for c in cols
        )
        print(f"{label:<60}{cells}")


if __name__ == "__main__":
    main()
