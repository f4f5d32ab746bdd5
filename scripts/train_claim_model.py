"""Fit the claim-link model shipped in newsfuse/compare/claims/claim_model.json.

    .venv/bin/python scripts/train_claim_model.py            # ~5 min on 2 cores

Which sentences of two articles state *one fact*? Pairs are built automatically from the
training files of benchmarks/planted.py (the benchmark scores on other files):

- same fact: two sentences of different articles carrying the same specific value (number,
  date or name) and sharing enough other words (the pairs ``planted.build`` would alter);
- different facts: sentence pairs across the two halves (odd and even sentences) of one article,
  since a report does not state one fact twice in other words, and pairs across two different
  stories; only pairs above ``LINK_FLOOR`` (the ones the model is asked about) are kept.

Same-fact pairs are few (one per planted pair) and weigh ``--positive-weight`` each. The
decision threshold is the lowest whose out-of-fold false-link rate across article halves stays
under ``--max-false-links``. Deterministic for a seed.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import time
from collections import defaultdict
from pathlib import Path

import numpy as np
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.model_selection import GroupKFold

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from common import CachedEmbedder, apart, cut_case, halves, provenance, ship  # noqa: E402
from newsfuse.compare.claims.link import (  # noqa: E402
    LINK_FEATURES,
    LINK_FLOOR,
    link_matrix,
    pair_scores,
)
from newsfuse.compare.claims.model import MODEL_FILE  # noqa: E402
from newsfuse.compare.features import sentence_features  # noqa: E402
from newsfuse.embed import default_embedder  # noqa: E402
from newsfuse.models import Story  # noqa: E402
from newsfuse.pipeline import prepare  # noqa: E402
from planted import TRAIN_FILES, build  # noqa: E402

SCRIPT = "scripts/train_claim_model.py"
OUT = ROOT / "src" / "newsfuse" / "compare" / "claims" / MODEL_FILE


def across(prepared, scores) -> list[tuple[int, int]]:
    """Pairs above the link floor that are surely two facts (``common.apart``)."""
    ids = [s.article_id for s in prepared.sentences]
    n = len(ids)
    return [
        (i, j)
        for i in range(n)
        for j in range(i + 1, n)
        if apart(ids[i], ids[j]) and scores[i, j] >= LINK_FLOOR
    ]


def rows(story: Story, emb: CachedEmbedder, pairs_of) -> tuple[np.ndarray, int]:
    prepared = prepare(story, emb)
    feats = sentence_features(prepared)
    scores = pair_scores(prepared, feats)
    pairs = pairs_of(prepared, scores)
    return link_matrix(prepared, feats, scores, pairs), len(pairs)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--per-file", type=int, default=40, help="clusters per training file")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--positive-weight", type=float, default=20.0)
    ap.add_argument("--max-false-links", type=float, default=0.03)
    args = ap.parse_args()
    t0 = time.time()
    cases = [cut_case(c) for c in build(args.seed, args.per_file, files=TRAIN_FILES)]
    emb = CachedEmbedder(default_embedder())
    data: dict[str, list] = defaultdict(list)

    def add(x: np.ndarray, label: int, group: str, origin: str) -> None:
        for row in x:
            data["x"].append(row)
            data["y"].append(label)
            data["group"].append(group)
            data["origin"].append(origin)

    stories: dict[str, Story] = {}
    same: dict[str, set[tuple[tuple[str, int], tuple[str, int]]]] = defaultdict(set)
    for c in cases:
        stories.setdefault(c.original.id, c.original)
        same[c.original.id].add((c.a, c.b))
    for sid, story in stories.items():
        keys = same[sid]

        def planted_pairs(p, scores, keys=keys):
            out = []
            for a, b in keys:
                if a[0] in p.by_article and b[0] in p.by_article:
                    i, j = sorted((p.position(*a), p.position(*b)))
                    out.append((i, j))
            return out

        x, _ = rows(story, emb, planted_pairs)
        add(x, 1, sid, "same")

        split = Story(f"{sid}/halves", tuple(h for a in story.articles[:2] for h in halves(a)))
        x, _ = rows(split, emb, across)
        add(x, 0, sid, "halves")
    ids = list(stories)
    for k, sid in enumerate(ids):
        other = stories[ids[(k + 1) % len(ids)]]
        if other.id == sid:
            continue
        relabel = [
            *(dataclasses.replace(a, id=f"x{a.id}") for a in stories[sid].articles[:2]),
            *(dataclasses.replace(a, id=f"y{a.id}") for a in other.articles[:2]),
        ]

        x, _ = rows(Story(f"{sid}+{other.id}", tuple(relabel)), emb, across)
        add(x, 0, sid, "mixed")
    x, y = np.asarray(data["x"]), np.asarray(data["y"])
    groups, origin = np.asarray(data["group"]), np.asarray(data["origin"])
    counts = {o: int((origin == o).sum()) for o in ("same", "halves", "mixed")}
    print(f"{len(y)} pairs: {counts} ({time.time() - t0:.0f} s)")

    def model() -> GradientBoostingClassifier:
        return GradientBoostingClassifier(
            n_estimators=150, max_depth=3, learning_rate=0.1, subsample=0.8, random_state=args.seed
        )

    w = np.where(y == 1, args.positive_weight, 1.0)
    oof = np.zeros(len(y))
    for train, test in GroupKFold(n_splits=5).split(x, y, groups):
        clf = model().fit(x[train], y[train], sample_weight=w[train])
        oof[test] = clf.predict_proba(x[test])[:, 1]
    best = None
    print(f"{'threshold':>9} {'same linked':>11} {'halves':>7} {'mixed':>7} {'F1':>5}")
    for t in np.arange(0.05, 0.95, 0.05):
        linked = oof >= t
        recall = float(linked[y == 1].mean())
        fp = {o: float(linked[origin == o].mean()) for o in ("halves", "mixed")}
        precision = float(y[linked].mean()) if linked.any() else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        print(f"{t:9.2f} {recall:11.3f} {fp['halves']:7.3f} {fp['mixed']:7.3f} {f1:5.3f}")
        if best is None and fp["halves"] <= args.max_false_links:
            best = (f1, float(t), recall, fp["halves"])
    f1, threshold, recall, false_link = best or (f1, float(t), recall, fp["halves"])
    print(f"chosen threshold {threshold:.2f}: CV F1 {f1:.3f}, same-fact linked {recall:.3f}")
    clf = model().fit(x, y, sample_weight=w)
    prov = {
        **provenance(SCRIPT, sys.argv[1:], TRAIN_FILES, emb),
        "per_file": args.per_file,
        "seed": args.seed,
        "rows": len(y),
        "positives": int(y.sum()),
        "pairs": counts,
        "cv": {
            "f1": round(f1, 4),
            "same_linked": round(recall, 4),
            "halves_linked": round(false_link, 4),
        },
        "positive_weight": args.positive_weight,
        "threshold_rule": f"lowest threshold with CV halves false links <= {args.max_false_links}",
    }
    ship(clf, LINK_FEATURES, threshold, prov, x, args.out)
    print(f"done in {time.time() - t0:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
