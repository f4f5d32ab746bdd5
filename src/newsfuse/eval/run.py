"""Score several summarizers side by side on one data set, in one run."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from newsfuse.api import prepare_focused
from newsfuse.embed import Embedder, default_embedder
from newsfuse.eval.rouge import METRICS, references_of, score
from newsfuse.ingest import read_clusters
from newsfuse.pipeline import Prepared
from newsfuse.settings import DEFAULT, Settings
from newsfuse.summarize import SUMMARIZERS


@dataclass
class MethodScores:
    """Mean ROUGE over clusters for one method, and its selection time (embedding excluded)."""

    f1: dict[str, float] = field(default_factory=lambda: dict.fromkeys(METRICS, 0.0))
    recall: dict[str, float] = field(default_factory=lambda: dict.fromkeys(METRICS, 0.0))
    seconds: float = 0.0


@dataclass
class EvalResult:
    dataset: str
    words: int
    clusters: int
    methods: dict[str, MethodScores]
    prepare_seconds: float

    def to_dict(self) -> dict[str, object]:
        return {
            "dataset": self.dataset,
            "words": self.words,
            "clusters": self.clusters,
            "prepare_seconds": round(self.prepare_seconds, 2),
            "methods": {
                name: {
                    "f1": {k: round(v, 5) for k, v in m.f1.items()},
                    "recall": {k: round(v, 5) for k, v in m.recall.items()},
                    "seconds": round(m.seconds, 2),
                }
                for name, m in self.methods.items()
            },
        }


def evaluate(
    dataset: Path,
    methods: Sequence[str],
    words: int,
    *,
    limit: int | None = None,
    settings: Settings = DEFAULT,
    embedder: Embedder | None = None,
    progress: bool = False,
    extra: Callable[[Prepared, int], dict[str, list[str]]] | None = None,
    focused: bool = True,
) -> EvalResult:
    """Summarize every cluster with every method (sharing one split and embedding) and average
    ROUGE over the clusters that have references. ``extra(prepared, words)`` may add outputs of
    other systems (name -> sentences) to score in the same run. A line's ``query`` or
    ``topic`` and its ``background`` focus the summaries, unless ``focused`` is false (the
    generic summary of the same documents)."""
    embedder = embedder or default_embedder()
    settings = settings.with_(words=words)
    totals: dict[str, MethodScores] = {}
    scored = 0
    clusters = list(read_clusters(dataset, settings))[:limit]
    t_prep = 0.0
    for cluster in tqdm(
        clusters,
        desc=dataset.name,
        unit="cluster",
        file=sys.stderr,
        disable=None if progress else True,
    ):
        refs = references_of(cluster.record)
        if not refs:
            continue
        t0 = time.perf_counter()
        prepared = (
            prepare_focused(cluster.story, embedder, cluster.query, cluster.background)
            if focused
            else prepare_focused(cluster.story, embedder)
        )
        t_prep += time.perf_counter() - t0
        scored += 1
        outputs: dict[str, list[str]] = {}
        for m in methods:
            t0 = time.perf_counter()
            summary = SUMMARIZERS[m](prepared, settings.with_(method=m))
            totals.setdefault(m, MethodScores()).seconds += time.perf_counter() - t0
            outputs[m] = [s.text for s in summary.sentences]
        if extra is not None:
            outputs.update(extra(prepared, words))
        for m, sentences in outputs.items():
            r = score(sentences, refs, words)
            t = totals.setdefault(m, MethodScores())
            for k in METRICS:
                t.f1[k] += r.f1[k]
                t.recall[k] += r.recall[k]
    n = max(scored, 1)
    for t in totals.values():
        t.f1 = {k: v / n for k, v in t.f1.items()}
        t.recall = {k: v / n for k, v in t.recall.items()}
    return EvalResult(str(dataset), words, scored, totals, t_prep)


def format_table(result: EvalResult) -> str:
    """A plain-text table, methods as rows, ROUGE F1 x 100 (and recall for R-2)."""
    head = f"{Path(result.dataset).name}: {result.clusters} clusters, {result.words} words"
    cols = "method        R-1 F1  R-2 F1  R-Lsum F1  R-2 rec  select s"
    rows = [
        f"{name:<12} {m.f1['rouge1'] * 100:7.2f} {m.f1['rouge2'] * 100:7.2f} "
        f"{m.f1['rougeLsum'] * 100:10.2f} {m.recall['rouge2'] * 100:8.2f} {m.seconds:9.2f}"
        for name, m in result.methods.items()
    ]
    return "\n".join([head, cols, *rows])
