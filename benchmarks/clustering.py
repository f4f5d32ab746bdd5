"""Story detection on every development stream, ours beside the baselines, in one run.

    .venv/bin/python benchmarks/clustering.py               # first run embeds ~25,000 leads
    .venv/bin/python benchmarks/clustering.py --only basil  # families to run (comma list)
    .venv/bin/python benchmarks/clustering.py --no-cache    # embed again

Streams (``benchmarks/streams.py``): BASIL events, DUC topics, DUC 2003 task 2 events, AllSides
roundups and Multi-News clusters, in every shape the data allows (full articles, first two
sentences, title + ~60-word excerpt, title only), in date order and shuffled, with and without
dates. Scores: B-cubed precision / recall / F1 and pairwise F1 against the gold stories.

Rows per stream:

- ``newsfuse``: ``StoryDetector`` online, one pass in stream order, with the merge model fitted
  on the *other* fold of families (``streams.FOLDS``; ``scripts/train_story_model.py --fold``)
  so no figure is scored on data its model saw. ``--shipped`` uses the shipped model instead
  (trained on every family: its figures are not held out).
- ``newsfuse+refine``: the same pass, then 2 rounds of ``stories.refine`` (``newsfuse cluster``).
- ``tf-idf``: single-pass TF-IDF at one fixed cosine threshold (Allan et al. 1998).
- ``emb``: single-pass on the same article embeddings at one fixed cosine threshold.

The baselines' thresholds are the values with the best mean B-cubed F1 over *all* streams
(their sweeps are printed): tuned on the test streams themselves, so the comparison favours them.
Embeddings (onnx all-MiniLM-L6-v2 unless NEWSFUSE_EMBEDDER says otherwise) are cached in a store
under NEWSFUSE_CACHE (~/.cache/newsfuse).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from newsfuse.embed import default_embedder
from newsfuse.eval.clusters import ClusterScores, score_clusters
from newsfuse.stories import DEFAULT_PARAMS, ArticleFeatures, StoryDetector
from newsfuse.stories.baselines import single_pass_embedding, single_pass_tfidf
from newsfuse.stories.merge import MergeModel
from newsfuse.stories.refine import refine
from newsfuse.text.tokens import content_stems
from streams import BASES, FOLDS, Base, Stream, base_features, bases, streams

HERE = Path(__file__).resolve().parent
TFIDF_THRESHOLDS = (0.15, 0.2, 0.25, 0.3, 0.35)
EMB_THRESHOLDS = (0.5, 0.55, 0.6, 0.65, 0.7, 0.75)


def cache_path() -> Path:
    root = os.environ.get("NEWSFUSE_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "newsfuse"
    )
    return Path(root) / "benchmark-embeddings.db"


def embed_fn(use_cache: bool) -> tuple[Callable[[Sequence[str]], np.ndarray], int]:
    embedder = default_embedder()
    if not use_cache:
        return embedder.embed, embedder.dim
    from newsfuse.store import open_store

    path = cache_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    store = open_store(path, embedder=embedder)
    return store.caching(embedder).embed, embedder.dim


def fold_of(family: str) -> str:
    return next(f for f, fams in FOLDS.items() if family in fams)


def held_out_model(family: str) -> MergeModel:
    """The merge model fitted without ``family``'s fold."""
    other = next(f for f in FOLDS if f != fold_of(family))
    return MergeModel.load(HERE / "models" / f"story_model_fold{other}.json")


def run_ours(
    feats: Sequence[ArticleFeatures], model: MergeModel | None, rounds: int = 0
) -> list[int]:
    detector = StoryDetector(len(feats[0].vector), DEFAULT_PARAMS, merge=model)
    got = [detector.add(f).story for f in feats]
    if rounds:
        got = refine(feats, got, detector.stats, DEFAULT_PARAMS, rounds)
    return got


def score(stream: Stream, labels: Sequence[object]) -> ClusterScores:
    gold = stream.gold()
    return score_clusters(
        {str(k): g for k, g in enumerate(gold)}, {str(k): x for k, x in enumerate(labels)}
    )


def plain_terms(base: Base) -> list[dict[str, int]]:
    out = []
    for item in base.items:
        counts: dict[str, int] = {}
        for t in content_stems(item.article.title + "\n" + item.article.text):
            counts[t] = counts.get(t, 0) + 1
        out.append(counts)
    return out


def cells(s: ClusterScores) -> str:
    d = s.to_dict()
    return (
        f"{d['bcubed_precision']:5.3f} {d['bcubed_recall']:5.3f} {d['bcubed_f1']:5.3f} "
        f"{d['pairwise_f1']:5.3f}"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--no-cache", action="store_true", help="embed again instead of the cache")
    ap.add_argument("--only", default="", help="comma list of families (default: all)")
    ap.add_argument("--shipped", action="store_true", help="score with the shipped model")
    ap.add_argument("--no-model", action="store_true", help="the hand-tuned threshold only")
    ap.add_argument("--no-refine", action="store_true", help="skip the newsfuse+refine rows")
    args = ap.parse_args()
    families = [f for f in args.only.split(",") if f] or list(BASES)
    embed, dim = embed_fn(not args.no_cache)
    t0 = time.perf_counter()
    data: list[tuple[Base, list[ArticleFeatures]]] = []
    for base in bases(families):
        data.append((base, base_features(base, embed, dim)))
        gold = len({i.gold for i in base.items})
        print(f"{base.name}: {len(base.items)} items, {gold} stories", file=sys.stderr)
    print(f"features + embeddings: {time.perf_counter() - t0:.1f} s", file=sys.stderr)

    results: dict[str, dict[str, ClusterScores]] = {}
    tfidf_sweep: dict[float, list[float]] = {t: [] for t in TFIDF_THRESHOLDS}
    emb_sweep: dict[float, list[float]] = {t: [] for t in EMB_THRESHOLDS}
    tfidf_all: dict[str, dict[float, ClusterScores]] = {}
    emb_all: dict[str, dict[float, ClusterScores]] = {}
    spent = {"newsfuse": 0.0, "newsfuse+refine": 0.0}
    for base, feats in data:
        if args.no_model:
            model = None
        elif args.shipped:
            model = MergeModel.shipped()
        else:
            model = held_out_model(base.family)
        terms = plain_terms(base)
        for stream in streams(base):
            seen = stream.features(feats)
            row: dict[str, ClusterScores] = {}
            t = time.perf_counter()
            row["newsfuse"] = score(stream, run_ours(seen, model))
            spent["newsfuse"] += time.perf_counter() - t
            if not args.no_refine:
                t = time.perf_counter()
                row["newsfuse+refine"] = score(stream, run_ours(seen, model, rounds=2))
                spent["newsfuse+refine"] += time.perf_counter() - t
            results[stream.name] = row
            ordered = [terms[i] for i in stream.order]
            tfidf_all[stream.name] = {
                th: score(stream, single_pass_tfidf(ordered, th)) for th in TFIDF_THRESHOLDS
            }
            vecs = np.stack([f.vector for f in seen])
            emb_all[stream.name] = {
                th: score(stream, single_pass_embedding(vecs, th)) for th in EMB_THRESHOLDS
            }
            for th, s in tfidf_all[stream.name].items():
                tfidf_sweep[th].append(s.bcubed.f1)
            for th, s in emb_all[stream.name].items():
                emb_sweep[th].append(s.bcubed.f1)
    best_t = max(tfidf_sweep, key=lambda th: float(np.mean(tfidf_sweep[th])))
    best_e = max(emb_sweep, key=lambda th: float(np.mean(emb_sweep[th])))
    tfidf, emb = f"tf-idf t={best_t}", f"emb t={best_e}"
    methods = ("newsfuse", *(() if args.no_refine else ("newsfuse+refine",)), tfidf, emb)
    for name in results:
        results[name][tfidf] = tfidf_all[name][best_t]
        results[name][emb] = emb_all[name][best_e]

    which = "no model" if args.no_model else ("shipped model" if args.shipped else "held out")
    print(f"\nnewsfuse: {which}. Cells: B3-P B3-R B3-F1 pw-F1\n")
    head = "".join(f" | {m:<23}" for m in methods)
    print(f"{'stream':<34} {'n':>5} {'gold':>5}{head}")
    wins = 0
    f1s: dict[str, list[float]] = {m: [] for m in methods}
    for name, row in results.items():
        n = row["newsfuse"].items
        g = row["newsfuse"].gold_clusters
        print(f"{name:<34} {n:5d} {g:5d}" + "".join(f" | {cells(row[m])}" for m in methods))
        for m in methods:
            f1s[m].append(row[m].bcubed.f1)
        wins += row["newsfuse"].bcubed.f1 >= row[tfidf].bcubed.f1
    print(
        "\nmean B3-F1: "
        + ", ".join(f"{m} {np.mean(v):.3f} (min {np.min(v):.3f})" for m, v in f1s.items())
    )
    print(f"newsfuse online >= tf-idf on {wins} of {len(results)} streams")
    print(
        f"online clustering time, all streams: {spent['newsfuse']:.1f} s; with refine "
        f"{spent['newsfuse+refine']:.1f} s"
    )
    print(
        "tf-idf sweep (mean B3-F1): "
        + ", ".join(f"{th}: {np.mean(v):.3f}" for th, v in tfidf_sweep.items())
    )
    print(
        "emb sweep (mean B3-F1): "
        + ", ".join(f"{th}: {np.mean(v):.3f}" for th, v in emb_sweep.items())
    )


if __name__ == "__main__":
    main()
