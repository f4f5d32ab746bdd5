"""Fit the story merge model shipped in newsfuse/stories/story_model.json.

    .venv/bin/python scripts/train_story_model.py                # all families: the shipped model
    .venv/bin/python scripts/train_story_model.py --fold A       # families of fold A only ->
                                                                 # benchmarks/models/, scored on B

Rows come from the development streams of ``benchmarks/streams.py`` (every shape, order and
with/without dates). Each stream is replayed with the gold grouping (an article joins its gold
story, ``StoryDetector.add(into=...)``) and, from a second pass, with the first model's own
decisions, so the trees also see the impure stories a real run makes. Every candidate story the
detector retrieves for an article is a row: positive when most of its members are of the
article's gold story. The join threshold is the one with the best mean B-cubed F1 over the
training streams. Deterministic for a seed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from sklearn.ensemble import GradientBoostingClassifier

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from clustering import embed_fn, score  # noqa: E402
from newsfuse.compare.trees import TreeModel  # noqa: E402
from newsfuse.stories import DEFAULT_PARAMS, ArticleFeatures, StoryDetector  # noqa: E402
from newsfuse.stories.merge import FEATURES, MODEL_FILE, MergeModel  # noqa: E402
from newsfuse.stories.online import StoryState  # noqa: E402
from streams import BASES, FOLDS, Stream, base_features, bases, streams  # noqa: E402

SCRIPT = "scripts/train_story_model.py"
THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7)


def rows(
    feats: Sequence[ArticleFeatures], gold: Sequence[str], model: MergeModel | None
) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Candidate rows and labels of one stream: gold grouping (``model`` None) or the model's."""
    detector = StoryDetector(len(feats[0].vector), DEFAULT_PARAMS, merge=model)
    seq_of: dict[str, int] = {}
    members: dict[int, Counter[str]] = {}
    xs: list[np.ndarray] = []
    ys: list[np.ndarray] = []
    for f, g in zip(feats, gold, strict=True):

        def observe(cands: Sequence[StoryState], x: np.ndarray, g: str = g) -> None:
            if len(x):
                xs.append(x)
                ys.append(
                    np.array([members[s.seq].most_common(1)[0][0] == g for s in cands], float)
                )

        into = None
        if model is None:
            into = seq_of.setdefault(g, len(seq_of) + 1)
        a = detector.add(f, into=into, observe=observe)
        members.setdefault(a.story, Counter())[g] += 1
    return xs, ys


def fit(x: np.ndarray, y: np.ndarray, seed: int) -> GradientBoostingClassifier:
    clf = GradientBoostingClassifier(
        n_estimators=120, max_depth=3, learning_rate=0.1, subsample=0.8, random_state=seed
    )
    return clf.fit(x, y)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--fold", choices=[*FOLDS, "all"], default="all")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument(
        "--thresholds", default=",".join(map(str, THRESHOLDS)), help="join thresholds to sweep"
    )
    args = ap.parse_args()
    families = list(BASES) if args.fold == "all" else list(FOLDS[args.fold])
    out = args.out or (
        ROOT / "src/newsfuse/stories" / MODEL_FILE
        if args.fold == "all"
        else ROOT / "benchmarks/models" / f"story_model_fold{args.fold}.json"
    )
    embed, dim = embed_fn(True)
    t0 = time.perf_counter()
    train: list[tuple[Stream, list[ArticleFeatures]]] = []
    for base in bases(families):
        feats = base_features(base, embed, dim)
        train.extend((s, s.features(feats)) for s in streams(base))
    print(f"{len(train)} streams of {families}: {time.perf_counter() - t0:.0f} s", file=sys.stderr)

    def collect(model: MergeModel | None) -> tuple[np.ndarray, np.ndarray]:
        xs: list[np.ndarray] = []
        ys: list[np.ndarray] = []
        for stream, feats in train:
            a, b = rows(feats, stream.gold(), model)
            xs.extend(a)
            ys.extend(b)
        return np.vstack(xs), np.concatenate(ys)

    x, y = collect(None)
    print(f"gold-grouped rows: {len(y)} ({int(y.sum())} positive)", file=sys.stderr)
    clf = fit(x, y, args.seed)
    first = MergeModel(TreeModel.from_sklearn(clf, FEATURES, 0.5, {}))
    x2, y2 = collect(first)
    print(f"own-decision rows: {len(y2)} ({int(y2.sum())} positive)", file=sys.stderr)
    x, y = np.vstack([x, x2]), np.concatenate([y, y2])
    clf = fit(x, y, args.seed)

    sweep: dict[float, float] = {}
    for th in (float(t) for t in args.thresholds.split(",")):
        model = MergeModel(TreeModel.from_sklearn(clf, FEATURES, th, {}))
        f1 = []
        for stream, feats in train:
            det = StoryDetector(dim, DEFAULT_PARAMS, merge=model)
            f1.append(score(stream, [det.add(f).story for f in feats]).bcubed.f1)
        sweep[th] = float(np.mean(f1))
        print(f"threshold {th}: mean B3-F1 {sweep[th]:.4f}", file=sys.stderr)
    best = max(sweep, key=lambda th: sweep[th])

    import sklearn

    prov = {
        "script": SCRIPT,
        "command": " ".join([SCRIPT, *sys.argv[1:]]),
        "families": families,
        "streams": [s.name for s, _ in train],
        "rows": len(y),
        "positives": int(y.sum()),
        "seed": args.seed,
        "sklearn": sklearn.__version__,
        "trained": dt.date.today().isoformat(),
        "threshold_sweep_train_b3_f1": {str(k): round(v, 4) for k, v in sweep.items()},
    }
    model = TreeModel.from_sklearn(clf, FEATURES, best, prov)
    gap = float(np.abs(model.probability(x[:2000]) - clf.predict_proba(x[:2000])[:, 1]).max())
    assert gap < 1e-6, f"exported trees disagree with scikit-learn by {gap}"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(model.to_dict(), separators=(",", ":")) + "\n")
    importance = sorted(zip(clf.feature_importances_, FEATURES, strict=True), reverse=True)
    print("top features:", ", ".join(f"{n} {v:.3f}" for v, n in importance))
    print(f"threshold {best} (train B3-F1 {sweep[best]:.4f}); wrote {out}")
    print(f"{time.perf_counter() - t0:.0f} s")


if __name__ == "__main__":
    main()
