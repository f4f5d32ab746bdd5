"""Where planted conflicts of some kinds are lost: at the candidate stage or at the model.

    python benchmarks/conflict_stages.py --kinds person,negation --per-file 15

For every planted conflict of the dev files (the set benchmarks/conflicts.py scores): *no
candidate* when the rule layer never proposes the planted pair (with the altered words),
*below threshold* when it does but the model scores it under its threshold and no 0.1 rule
fires, *found* otherwise. ``--show`` prints the sentences of the misses.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "scripts"))

from train_conflict_model import matches  # noqa: E402

from common import CachedEmbedder, cut_case  # noqa: E402
from newsfuse.compare.claims.link import claims_from_scores, pair_scores  # noqa: E402
from newsfuse.compare.conflicts.detect import _one_difference, candidates  # noqa: E402
from newsfuse.compare.conflicts.model import shipped_model  # noqa: E402
from newsfuse.compare.conflicts.pairs import matrix  # noqa: E402
from newsfuse.compare.features import sentence_features  # noqa: E402
from newsfuse.embed import default_embedder  # noqa: E402
from newsfuse.pipeline import prepare  # noqa: E402
from newsfuse.settings import DEFAULT  # noqa: E402
from planted import DEV_FILES, build  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kinds", default="person,negation")
    ap.add_argument("--per-file", type=int, default=15)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--show", action="store_true", help="print the sentences of the misses")
    ap.add_argument(
        "--no-model", action="store_true", help="candidates only (a model not yet refitted)"
    )
    args = ap.parse_args()
    kinds = set(args.kinds.split(","))
    cases = [
        cut_case(c)
        for c in build(args.seed, args.per_file, files=DEV_FILES)
        if c.label == "conflict" and c.kind in kinds
    ]
    emb = CachedEmbedder(default_embedder())
    model = None if args.no_model else shipped_model()
    stage: Counter[tuple[str, str]] = Counter()
    for case in cases:
        prepared = prepare(case.story, emb)
        feats = sentence_features(prepared)
        scores = pair_scores(prepared, feats)
        claims = claims_from_scores(prepared, feats, scores, DEFAULT)
        found = _one_difference(candidates(prepared, feats, claims))
        hits = [f for f in found if matches(f, case)]
        pair = {prepared.position(*case.a), prepared.position(*case.b)}
        near = [f for f in found if set(f.rows) == pair]
        if not hits:
            where = "no candidate"
            best = None
        elif model is None:
            where, best = "candidate", None
        else:
            probs = model.probability(matrix(prepared, feats, hits))
            best = float(max(probs))
            fired = any(
                p >= model.cut(f.conflict.kind) or f.rule for f, p in zip(hits, probs, strict=True)
            )
            where = "found" if fired else "below threshold"
        stage[case.kind, where] += 1
        if args.show and where != "found":
            sa = prepared.sentences[prepared.position(*case.a)].text
            sb = prepared.sentences[prepared.position(*case.b)].text
            cos = float(prepared.vectors[min(pair)] @ prepared.vectors[max(pair)])
            extra = f" p={best:.2f}" if best is not None else ""
            other = ", ".join(
                f"{f.conflict.kind}:{f.conflict.value_a}/{f.conflict.value_b}" for f in near
            )
            print(
                f"\n[{case.kind}: {where}{extra} cos={cos:.2f}] {case.old!r} -> {case.new!r}"
                f" other candidates on the pair: {other or '-'}"
            )
            print(f"  A: {sa[:220]}\n  B: {sb[:220]}")
    print()
    for kind in sorted(kinds):
        total = sum(n for (k, _), n in stage.items() if k == kind)
        parts = ", ".join(
            f"{w} {stage[kind, w]}"
            for w in ("found", "below threshold", "candidate", "no candidate")
        )
        print(f"{kind}: {total} planted: {parts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
