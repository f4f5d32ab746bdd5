"""Ingest + story detection throughput, and how the time per article changes as the store grows.

    .venv/bin/python benchmarks/ingest_throughput.py               # 10,000 articles, hashing
                                                                   # embedder, + 1,000 with onnx
    .venv/bin/python benchmarks/ingest_throughput.py --articles 3000 --real 500

The stream is built from the development sets (``../shared/data/clustering``, override the root
with NEWSFUSE_DATA): every gold story is replayed several times as a new story on a later date,
each replayed article a fresh mix of 6-10 sentences from that story's articles (so no two are
near-duplicates), 10 articles a day in publication order. It is written as JSONL and read by
the real ``ingest`` (parse, clean, dedup, split, embed the lead, detect the story, commit per
article) into a new SQLite file.

The 10,000-article run uses the hashing embedder, so it measures newsfuse's own work; the real
model's figure (``default_embedder()``: onnx all-MiniLM-L6-v2) comes from the first ``--real``
articles of the same stream. A final pass re-ingests the whole file: everything is a duplicate (the
resume path after a crash).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from newsfuse.embed import Embedder, HashingEmbedder, default_embedder

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("NEWSFUSE_DATA", ROOT.parent / "shared" / "data")) / "clustering"
SETS = ("basil_event_clusters.jsonl", "duc_topic_clusters.jsonl")
PER_DAY = 10


def build_stream(n: int, seed: int = 0) -> list[dict[str, str]]:
    from newsfuse.text.sentences import split_spans

    pools: dict[str, list[str]] = defaultdict(list)
    titles: dict[str, list[str]] = defaultdict(list)
    for name in SETS:
        with (DATA / name).open(encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                text = rec["text"]
                pools[rec["cluster_id"]].extend(text[s:e] for s, e in split_spans(text))
                if rec.get("title"):
                    titles[rec["cluster_id"]].append(rec["title"])
    rng = random.Random(seed)
    clusters = sorted(pools)
    start = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    out: list[dict[str, str]] = []
    replay = 0
    while len(out) < n:
        for cid in rng.sample(clusters, len(clusters)):
            day = len(out) / PER_DAY
            for k in range(rng.randint(3, 8)):
                pool = pools[cid]
                sentences = rng.sample(pool, min(len(pool), rng.randint(6, 10)))
                title = rng.choice(titles[cid]) if titles[cid] else sentences[0][:90]
                when = start + dt.timedelta(days=day + rng.uniform(0, 2))
                out.append(
                    {
                        "id": f"r{replay}-{cid}-{k}",
                        "title": title,
                        "text": "\n".join(sentences),
                        "published": when.isoformat(),
                        "source": f"outlet{k % 5}",
                        "url": f"https://outlet{k % 5}.example/{replay}/{cid}/{k}",
                    }
                )
                if len(out) >= n:
                    break
            if len(out) >= n:
                break
        replay += 1
    out.sort(key=lambda r: r["published"])
    return out


def run(path: Path, db: Path, block: int, label: str, embedder: Embedder) -> None:
    from newsfuse import stories
    from newsfuse.store import check_store, open_store
    from newsfuse.store.ingest import ingest

    detect_time = [0.0]
    real_add = stories.StoryDetector.add

    def timed_add(self: stories.StoryDetector, article: stories.ArticleFeatures) -> object:
        t = time.perf_counter()
        try:
            return real_add(self, article)
        finally:
            detect_time[0] += time.perf_counter() - t

    stories.StoryDetector.add = timed_add  # type: ignore[method-assign]
    marks: list[float] = []
    t0 = time.perf_counter()

    def on_item(item: object, result: object) -> None:
        marks.append(time.perf_counter())

    try:
        with open_store(db, embedder=embedder) as store:
            t0 = time.perf_counter()
            report = ingest(store, [path], on_item=on_item)
            total = time.perf_counter() - t0
            counts = store.counts()
            problems = check_store(store.conn)
    finally:
        stories.StoryDetector.add = real_add  # type: ignore[method-assign]
    n = report.added + report.duplicates
    print(
        f"\n{label}: {n} articles in {total:.1f} s = {n / total:.1f} articles/s "
        f"({report.added} added, {report.duplicates} duplicates, {len(report.errors)} errors); "
        f"{counts['stories']} stories, {counts['open_stories']} open at the end; "
        f"story detection {1000 * detect_time[0] / max(1, report.added):.2f} ms/article; "
        f"store {db.stat().st_size / 2**20:.1f} MB; consistency: "
        f"{problems if problems else 'ok'}"
    )
    print(f"{'articles':>14} {'ms/article':>11}")
    prev = t0
    for i in range(block, len(marks) + 1, block):
        print(f"{i - block + 1:>6}-{i:<7} {1000 * (marks[i - 1] - prev) / block:>11.2f}")
        prev = marks[i - 1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--real", type=int, default=1000, help="articles for the onnx run (0: skip)")
    args = ap.parse_args()
    stream = build_stream(args.articles)
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "stream.jsonl"
        src.write_text("".join(json.dumps(r) + "\n" for r in stream), encoding="utf-8")
        print(
            f"stream: {len(stream)} articles, {src.stat().st_size / 2**20:.1f} MB JSONL, "
            f"{stream[0]['published'][:10]} .. {stream[-1]['published'][:10]}",
            file=sys.stderr,
        )
        db = Path(tmp) / "hashing.db"
        hashing = HashingEmbedder()
        run(src, db, 1000, "hashing embedder, empty store", hashing)
        run(
            src,
            db,
            1000,
            "hashing embedder, same file again (all duplicates: the resume path)",
            hashing,
        )
        if args.real:
            small = Path(tmp) / "small.jsonl"
            small.write_text(
                "".join(json.dumps(r) + "\n" for r in stream[: args.real]), encoding="utf-8"
            )
            real = default_embedder()  # onnx unless NEWSFUSE_EMBEDDER says otherwise
            run(
                small,
                Path(tmp) / "real.db",
                max(100, args.real // 4),
                f"{type(real).__name__} ({real.name}), empty store",
                real,
            )


if __name__ == "__main__":
    main()
