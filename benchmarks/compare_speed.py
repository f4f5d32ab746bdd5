"""Time of the comparison stages per story (claims, conflicts, quotes: ``compare_record``) on
BASIL triplets, with reading, embedding and parsing timed apart.

    .venv/bin/python benchmarks/compare_speed.py
    # against an earlier release, from a worktree of it (same venv, its own sources):
    git worktree add /tmp/old <rev>
    PYTHONPATH=/tmp/old/src .venv/bin/python benchmarks/compare_speed.py
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import time
from pathlib import Path

from newsfuse.embed import default_embedder
from newsfuse.models import Article, Story
from newsfuse.pipeline import prepare
from newsfuse.settings import DEFAULT

try:  # newsfuse >= 0.2 keeps the stages in sub-packages
    from newsfuse.compare.brief.build import compare_record
    from newsfuse.compare.mentions.entities import parse_articles
except ImportError:  # 0.1
    from newsfuse.compare.entities import parse_articles  # type: ignore[no-redef]

    from newsfuse.compare.brief import compare_record  # type: ignore[no-redef]

DATA = Path(
    os.environ.get("NEWSFUSE_DATA", Path(__file__).resolve().parents[2] / "shared" / "data")
)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--stories", type=int, default=30)
    args = ap.parse_args()
    stories = []
    with (DATA / "comparison" / "basil_triplets.jsonl").open(encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            if n >= args.stories:
                break
            rec = json.loads(line)
            articles = tuple(
                Article(
                    id=f"d{i}",
                    text=text,
                    source=meta.get("source", ""),
                    published=dt.datetime.fromisoformat(meta["date"]) if meta.get("date") else None,
                )
                for i, (text, meta) in enumerate(
                    zip(rec["documents"], rec["doc_meta"], strict=True)
                )
            )
            stories.append(Story(rec["id"], articles))
    emb = default_embedder()
    t0 = time.perf_counter()
    prepared = [prepare(s, emb) for s in stories]
    for p in prepared:
        p.vectors  # noqa: B018  (embed every sentence, as compare does)
    docs = [parse_articles(s.articles) for s in stories]
    t1 = time.perf_counter()
    compare_record(prepared[0], DEFAULT, docs[0])  # load the models once, outside the timing
    t2 = time.perf_counter()
    for p, d in zip(prepared, docs, strict=True):
        compare_record(p, DEFAULT, d)
    t3 = time.perf_counter()
    n = len(stories)
    print(
        f"{n} BASIL triplets: compare_record {(t3 - t2) / n:.3f} s/story; "
        f"reading, embedding and parsing {(t1 - t0) / n:.3f} s/story"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
