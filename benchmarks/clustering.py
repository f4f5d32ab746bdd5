"""Story detection quality on the two development sets, ours beside the baselines, in one run.

    .venv/bin/python benchmarks/clustering.py             # ~2-4 min on 2 cores (first run
                                                          # embeds ~9,500 leads; cached after)
    .venv/bin/python benchmarks/clustering.py --no-cache  # embed again

Data: ``../shared/data/clustering/{basil_event_clusters,duc_topic_clusters}.jsonl`` (override
the root with NEWSFUSE_DATA). Scores: B-cubed precision/recall/F1 and pairwise F1 against
``cluster_id``. Rows:

- ``newsfuse online``: ``StoryDetector`` with the default ``StoryParams`` (what ``ingest``
  does), in file order and as the mean over 3 shuffled orders (the files are grouped by story,
  which flatters any single-pass method);
- ``newsfuse batch``: the online pass, then 2 rounds of ``stories.refine`` (what ``newsfuse
  cluster`` and ``eval-clusters`` do);
- ``single-pass tf-idf``: the classic online baseline at one fixed cosine threshold;
- ``agglomerative``: average-linkage on the same article embeddings (batch, sees everything);
- ``hdbscan``: HDBSCAN on the same embeddings (min_cluster_size 2, noise = singletons).

Every threshold (ours and the baselines') was chosen the same way: the one value that
maximizes the mean B-cubed F1 over both sets; the baselines' sweeps run here and are printed.
Embeddings (onnx all-MiniLM-L6-v2 unless NEWSFUSE_EMBEDDER says otherwise) are cached in a store
under NEWSFUSE_CACHE (~/.cache/newsfuse) so reruns skip them.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from newsfuse.embed import default_embedder
from newsfuse.eval.clusters import ClusterScores, score_clusters
from newsfuse.stories import DEFAULT_PARAMS, ArticleFeatures, StoryDetector
from newsfuse.stories.baselines import agglomerative, hdbscan, single_pass_tfidf
from newsfuse.stories.batch import LabeledArticle, featurize, read_labeled
from newsfuse.stories.refine import refine
from newsfuse.text.tokens import content_stems

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("NEWSFUSE_DATA", ROOT.parent / "shared" / "data")) / "clustering"
SETS = {"BASIL events": "basil_event_clusters.jsonl", "DUC topics": "duc_topic_clusters.jsonl"}
SHUFFLES = (1, 2, 3)
TFIDF_THRESHOLDS = (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4)
AGGLO_DISTANCES = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7)


def cache_path() -> Path:
    root = os.environ.get("NEWSFUSE_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "newsfuse"
    )
    return Path(root) / "benchmark-embeddings.db"


def load(name: str, use_cache: bool) -> tuple[list[LabeledArticle], list[ArticleFeatures]]:
    items = list(read_labeled(DATA / name))
    embedder = default_embedder()
    embed: Callable[[Sequence[str]], np.ndarray] = embedder.embed
    if use_cache:
        from newsfuse.store import open_store

        path = cache_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        store = open_store(path, embedder=embedder)
        embed = store.caching(embedder).embed
    feats = list(featurize([i.article for i in items], embed, embedder.dim, DEFAULT_PARAMS))
    return items, feats


def score(items: list[LabeledArticle], labels: Sequence[object]) -> ClusterScores:
    gold = {i.article.id: str(i.gold) for i in items}
    return score_clusters(gold, {i.article.id: lab for i, lab in zip(items, labels, strict=True)})


def ours(feats: list[ArticleFeatures], order: list[int], rounds: int = 0) -> list[int]:
    """Story of each article when they arrive in ``order``; ``rounds`` of ``refine`` after."""
    detector = StoryDetector(len(feats[0].vector), DEFAULT_PARAMS)
    seen = [feats[i] for i in order]
    got = [detector.add(f).story for f in seen]
    if rounds:
        got = refine(seen, got, detector.stats, DEFAULT_PARAMS, rounds)
    labels = [0] * len(feats)
    for i, lab in zip(order, got, strict=True):
        labels[i] = lab
    return labels


def mean_scores(runs: list[ClusterScores]) -> dict[str, float]:
    keys = ("bcubed_precision", "bcubed_recall", "bcubed_f1", "pairwise_f1", "predicted_clusters")
    return {k: float(np.mean([r.to_dict()[k] for r in runs])) for k in keys}


def row(name: str, results: dict[str, dict[str, float]], seconds: float) -> str:
    cells = []
    for ds in SETS:
        r = results[ds]
        cells.append(
            f"{r['bcubed_precision']:6.3f} {r['bcubed_recall']:6.3f} "
            f"{r['bcubed_f1']:6.3f} {r['pairwise_f1']:6.3f} {r['predicted_clusters']:5.0f}"
        )
    return f"{name:<30} " + "   ".join(cells) + f"   {seconds:6.1f}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--no-cache", action="store_true", help="embed again instead of the cache")
    args = ap.parse_args()
    data: dict[str, tuple[list[LabeledArticle], list[ArticleFeatures]]] = {}
    t0 = time.perf_counter()
    for ds, name in SETS.items():
        data[ds] = load(name, not args.no_cache)
        print(
            f"{ds}: {len(data[ds][0])} articles, {len({i.gold for i in data[ds][0]})} gold stories",
            file=sys.stderr,
        )
    print(f"features + embeddings: {time.perf_counter() - t0:.1f} s", file=sys.stderr)

    lines: list[str] = []

    # Ours, file order and shuffled.
    def file_order(n: int) -> list[list[int]]:
        return [list(range(n))]

    def shuffled(n: int) -> list[list[int]]:
        return [random.Random(s).sample(range(n), n) for s in SHUFFLES]

    for label, orders, rounds in (
        ("newsfuse online (file order)", file_order, 0),
        (f"newsfuse online ({len(SHUFFLES)} shuffles)", shuffled, 0),
        ("newsfuse batch (file order)", file_order, 2),
        (f"newsfuse batch ({len(SHUFFLES)} shuffles)", shuffled, 2),
    ):
        t = time.perf_counter()
        res = {}
        runs_done = 0
        for ds, (items, feats) in data.items():
            runs = [score(items, ours(feats, o, rounds)) for o in orders(len(feats))]
            runs_done += len(runs)
            res[ds] = mean_scores(runs)
        lines.append(row(label, res, (time.perf_counter() - t) * len(SETS) / runs_done))

    # Single-pass TF-IDF: sweep, pick the threshold with the best mean F1 over both sets.
    terms = {ds: [_plain_terms(i) for i in items] for ds, (items, _) in data.items()}
    sweep: dict[float, dict[str, dict[str, float]]] = {}
    t = time.perf_counter()
    for th in TFIDF_THRESHOLDS:
        sweep[th] = {
            ds: mean_scores([score(data[ds][0], single_pass_tfidf(terms[ds], th))]) for ds in SETS
        }
    spent = (time.perf_counter() - t) / len(TFIDF_THRESHOLDS)
    best = max(sweep, key=lambda th: np.mean([sweep[th][ds]["bcubed_f1"] for ds in SETS]))
    lines.append(row(f"single-pass tf-idf (t={best})", sweep[best], spent))
    sweep_tfidf = sweep

    # Agglomerative on embeddings, same protocol.
    vecs = {ds: np.stack([f.vector for f in feats]) for ds, (_, feats) in data.items()}
    sweep = {}
    t = time.perf_counter()
    for d in AGGLO_DISTANCES:
        sweep[d] = {
            ds: mean_scores([score(data[ds][0], agglomerative(vecs[ds], d))]) for ds in SETS
        }
    spent = (time.perf_counter() - t) / len(AGGLO_DISTANCES)
    best_d = max(sweep, key=lambda d: np.mean([sweep[d][ds]["bcubed_f1"] for ds in SETS]))
    lines.append(row(f"agglomerative emb (d={best_d})", sweep[best_d], spent))
    sweep_agglo = sweep

    t = time.perf_counter()
    res = {ds: mean_scores([score(data[ds][0], hdbscan(vecs[ds], 2))]) for ds in SETS}
    lines.append(row("hdbscan emb (min size 2)", res, time.perf_counter() - t))

    head = "".join(f"   {ds:<35}" for ds in SETS)
    sub = "   ".join(f"{'B3-P':>6} {'B3-R':>6} {'B3-F1':>6} {'pw-F1':>6} {'#':>5}" for _ in SETS)
    print(f"\n{'method':<30}{head}\n{'':<30} {sub}   {'sec':>6}")
    for line in lines:
        print(line)
    print(
        "\nB3 = B-cubed, pw = pairwise, # = predicted stories; sec = clustering time of both sets "
        "(embeddings excluded)"
    )
    print(
        "single-pass tf-idf sweep (B3-F1 BASIL / DUC): "
        + ", ".join(
            f"{th}: {r['BASIL events']['bcubed_f1']:.3f}/{r['DUC topics']['bcubed_f1']:.3f}"
            for th, r in sweep_tfidf.items()
        )
    )
    print(
        "agglomerative sweep (B3-F1 BASIL / DUC): "
        + ", ".join(
            f"{d}: {r['BASIL events']['bcubed_f1']:.3f}/{r['DUC topics']['bcubed_f1']:.3f}"
            for d, r in sweep_agglo.items()
        )
    )


def _plain_terms(item: LabeledArticle) -> dict[str, int]:
    counts: dict[str, int] = {}
    for t in content_stems(item.article.title + "\n" + item.article.text):
        counts[t] = counts.get(t, 0) + 1
    return counts


if __name__ == "__main__":
    main()
