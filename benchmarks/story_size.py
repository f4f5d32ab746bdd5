"""Time and peak memory against story size, in one run: does the work grow near-linearly?

    .venv/bin/python benchmarks/story_size.py                   # ~10 min on 2 cores
    .venv/bin/python benchmarks/story_size.py --base 8cf3850    # the same cases at a commit too
    .venv/bin/python benchmarks/story_size.py --only summarize --sizes 10,100

Cases, each in its own process (peak memory is that process's high-water mark, models included;
the model load is timed apart and not counted):
- ``summarize N``: one story of N short articles, the opening ~120 words of real articles from
  ../shared/data (AllSides excerpts, BASIL, Multi-News, DUC), mixed round-robin across the sets;
- ``number pair N``: the adversarial pair of the issue: two articles of N sentences "0 people
  died. 1 people died. ...", offset by one, briefed (every sentence holds a comparable value);
- ``DUC 2006 brief``: the 50 documents of the first two DUC 2006 topics as one story, briefed.

``--base REV`` runs the same cases with the ``newsfuse`` of commit REV (a temporary git worktree
on PYTHONPATH), so the table shows the change beside what it replaced; a case over
``--timeout`` seconds is shown as ``>T``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("NEWSFUSE_DATA", ROOT.parent / "shared" / "data"))
SIZES = (10, 100, 300, 1000, 3000)
PAIR_SIZES = (100, 400, 3000)
SHORT_WORDS = 120
"""A short article: a real article's opening sentences up to about this many words."""


def _texts() -> Iterator[list[tuple[str, str]]]:
    """Per data set, (id, text) of its articles in file order."""
    sets = [
        ("comparison/allsides_roundups_2021.jsonl", "documents"),
        ("comparison/basil_triplets.jsonl", "documents"),
        ("summarization/multinews_test_longbench200.jsonl", "documents"),
        ("summarization/duc2003_task2.jsonl", "documents"),
        ("clustering/duc_topic_clusters.jsonl", "text"),
    ]
    for name, field in sets:
        out: list[tuple[str, str]] = []
        with open(DATA / name, encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                docs = rec[field] if isinstance(rec[field], list) else [rec[field]]
                rid = rec.get("id") or rec.get("article_id")
                out.extend((f"{rid}-{k}", d) for k, d in enumerate(docs) if isinstance(d, str))
        yield out


def short_articles(n: int):  # type: ignore[no-untyped-def]
    """``n`` short articles, round-robin over the data sets, each cut at a sentence end."""
    from newsfuse.models import Article
    from newsfuse.text.sentences import split_spans

    pools = [iter(p) for p in _texts()]
    out: list[Article] = []
    while len(out) < n and pools:
        for pool in list(pools):
            item = next(pool, None)
            if item is None:
                pools.remove(pool)
                continue
            aid, text = item
            kept: list[str] = []
            for a, b in split_spans(text):
                s = text[a:b]
                kept.append(s)
                if sum(len(k.split()) for k in kept) >= SHORT_WORDS:
                    break
            if kept:
                out.append(Article(id=aid, text=" ".join(kept), title=""))
            if len(out) == n:
                break
    if len(out) < n:
        sys.exit(f"only {len(out)} articles in {DATA}; the case needs {n}")
    return out


def number_pair(n: int):  # type: ignore[no-untyped-def]
    from newsfuse.models import Article

    return [
        Article(id=f"n{k}", text=" ".join(f"{i + k} people died." for i in range(n)), title="")
        for k in range(2)
    ]


def duc_documents(n: int = 50):  # type: ignore[no-untyped-def]
    from newsfuse.models import Article

    out = []
    with open(DATA / "summarization/duc2006.jsonl", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            for k, d in enumerate(rec["documents"]):
                out.append(Article(id=f"{rec['id']}-{k}", text=d, title=""))
            if len(out) >= n:
                return out[:n]
    return out


def peak_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def child(case: str, size: int) -> None:
    """One case in this process; prints a JSON line."""
    from newsfuse import api
    from newsfuse.embed import default_embedder, sketcher_for

    t0 = time.perf_counter()
    embedder = default_embedder()
    embedder.embed(["warm up"])
    sketcher_for(embedder)
    from newsfuse.text.tokens import stem

    stem("warming")  # nltk's import (a library load, about a second) is paid once per process
    if case != "summarize":
        from newsfuse.text.nlp import load_nlp

        load_nlp()
    load = time.perf_counter() - t0
    if case == "summarize":
        articles = short_articles(size)
    elif case == "pair":
        articles = number_pair(size)
    else:
        articles = duc_documents(size)
    t0 = time.perf_counter()
    if case == "summarize":
        out = api.summarize(articles, words=250, embedder=embedder)
        lines = len(out.sentences)
    else:
        out = api.brief(articles, embedder=embedder)
        lines = len(out.claims)
    seconds = time.perf_counter() - t0
    print(json.dumps({"load": load, "seconds": seconds, "peak": peak_mb(), "items": lines}))


def run(case: str, size: int, src: Path, timeout: float) -> dict[str, float] | None:
    env = {**os.environ, "PYTHONPATH": str(src)}
    try:
        done = subprocess.run(
            [sys.executable, __file__, "--child", case, "--size", str(size)],
            capture_output=True,
            text=True,
            timeout=timeout,
            env=env,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return None
    if done.returncode != 0:
        sys.exit(f"{case} {size} failed:\n{done.stderr[-2000:]}")
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def cases(only: str | None, sizes: tuple[int, ...], pairs: tuple[int, ...]):  # type: ignore[no-untyped-def]
    if only in (None, "summarize"):
        yield from (("summarize", n, f"summarize {n:>5} articles", n) for n in sizes)
    if only in (None, "pair"):
        yield from (("pair", n, f"number pair {n:>5} sentences", 2 * n) for n in pairs)
    if only in (None, "duc"):
        yield ("duc", 50, "DUC 2006 brief  50 documents", 50)


def _cell(r: dict[str, float] | None, timeout: float, per: int, unit: str) -> str:
    if r is None:
        return f"{'>' + format(timeout, '.0f'):>8}{'':>9}{'':>10}"
    return f"{r['seconds']:8.1f}{r['peak']:9.0f}{1000 * r['seconds'] / per:10.1f}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", choices=["summarize", "pair", "duc"])
    ap.add_argument("--sizes", help="comma-separated story sizes for summarize")
    ap.add_argument("--pairs", help="comma-separated sentence counts for the number pair")
    ap.add_argument("--base", help="also run the cases at this commit")
    ap.add_argument("--timeout", type=float, default=600.0, help="seconds per case")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--size", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child, args.size)
        return
    if not DATA.exists():
        sys.exit(f"no evaluation data at {DATA}; set NEWSFUSE_DATA to the shared data folder")
    sizes = tuple(int(s) for s in args.sizes.split(",")) if args.sizes else SIZES
    pairs = tuple(int(s) for s in args.pairs.split(",")) if args.pairs else PAIR_SIZES
    trees = [("now", ROOT / "src")]
    with tempfile.TemporaryDirectory() as tmp:
        if args.base:
            base = Path(tmp) / "base"
            subprocess.run(
                ["git", "-C", str(ROOT), "worktree", "add", "-q", "--detach", str(base), args.base],
                check=True,
            )
            trees.insert(0, (args.base[:8], base / "src"))
        try:
            head = "".join(f"{t + ' s':>8}{'peak MB':>9}{'ms/item':>10}" for t, _ in trees)
            print(f"\n{'case':<34}{head}")
            for case, size, label, per in cases(args.only, sizes, pairs):
                row = "".join(
                    _cell(run(case, size, src, args.timeout), args.timeout, per, "")
                    for _, src in trees
                )
                print(f"{label:<34}{row}", flush=True)
        finally:
            if args.base:
                subprocess.run(
                    ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(base)],
                    check=False,
                )
    print(
        "\nseconds exclude the model load; ms/item is per article (summarize, DUC) or per "
        "sentence (pair); peak MB is the process's high-water mark, models included"
    )


if __name__ == "__main__":
    main()
