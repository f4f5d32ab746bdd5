"""Summary quality and speed, newsfuse beside the baselines, in one run.

    .venv/bin/python benchmarks/summarization.py            # quality + speed (~10 min on 2 cores)
    .venv/bin/python benchmarks/summarization.py --only quality
    .venv/bin/python benchmarks/summarization.py --only focused   # DUC 2006 and 2007 update
    .venv/bin/python benchmarks/summarization.py --only speed

Quality follows ../shared/data/README.md: every output cut to the budget (100 words DUC, 250
Multi-News), ROUGE-1/2/Lsum F1 from rouge-score with stemming, averaged over references, then
clusters. Rows:
- ``newsfuse``, ``lead``, ``lexrank``, ``textrank``: the product's methods (whole sentences under
  the budget, redundancy removed, cited);
- ``protocol-lead``, ``protocol-lexrank``, ``protocol-textrank``: the protocol's baselines as
  published systems run them: every sentence, no filtering, ranked output truncated mid-sentence
  to exactly the budget.

Focused sets (``--only focused``): DUC 2006 query-focused (250 words) and DUC 2007 update (100
words): the summary focused by each line's ``topic`` (and ``background``), the generic summary of
the same documents, lead, and the official runs of ``baseline_summaries``.

Speed runs each system in its own process over the 200 LongBench clusters: read + clean + split,
then embed + select for newsfuse, or sumy's LexRank for the baseline. Model load is timed apart;
peak memory is the process's maximum resident set.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("NEWSFUSE_DATA", ROOT.parent / "shared" / "data")) / "summarization"
SETS = [("multinews_test_longbench200.jsonl", 250), ("duc2003_task2.jsonl", 100)]
FOCUSED_SETS = [("duc2006.jsonl", 250), ("duc2007_update_dev.jsonl", 100)]
"""Query-focused (DUC 2006) and update (DUC 2007) sets: lines carry ``topic`` and
``background``, and ``baseline_summaries`` holds the official runs."""
METHODS = ["newsfuse", "lead", "lexrank", "textrank"]


def protocol_baselines(prepared, budget: int) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    """Round-robin lead and sumy LexRank/TextRank over all sentences, ranked, cut to budget."""
    from sumy.nlp.stemmers import Stemmer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer

    from newsfuse.summarize.sumy_methods import sumy_scores

    sents = prepared.sentences
    rows = list(range(len(sents)))
    per_article = list(prepared.by_article.values())
    rr = [r[k] for k in range(max(map(len, per_article))) for r in per_article if k < len(r)]
    out = {"protocol-lead": [sents[i].text for i in rr]}
    for name, cls in (("lexrank", LexRankSummarizer), ("textrank", TextRankSummarizer)):
        scores = sumy_scores(prepared, rows, lambda c=cls: c(Stemmer("english")))
        ranked = sorted(rows, key=lambda i: -scores[i])
        chosen, used = [], 0
        for i in ranked:  # enough top sentences to fill the budget, then document order
            if used >= budget:
                break
            chosen.append(i)
            used += len(sents[i].text.split())
        out[f"protocol-{name}"] = [sents[i].text for i in sorted(chosen)]
    return out


def quality() -> None:
    from newsfuse.eval.run import evaluate

    for name, budget in SETS:
        result = evaluate(DATA / name, METHODS, budget, extra=protocol_baselines)
        print(f"\n{name}: {result.clusters} clusters, {budget} words, ROUGE x 100")
        print(f"{'method':<20}{'R-1 F1':>8}{'R-2 F1':>8}{'R-L F1':>8}{'R-2 rec':>9}")
        for m, t in result.methods.items():
            f = [t.f1[k] * 100 for k in ("rouge1", "rouge2", "rougeLsum")]
            print(f"{m:<20}{f[0]:8.2f}{f[1]:8.2f}{f[2]:8.2f}{t.recall['rouge2'] * 100:9.2f}")


def official_runs(path: Path, budget: int) -> dict[str, tuple[float, float]]:
    """Mean ROUGE-1 and ROUGE-2 F1 of every official run in ``baseline_summaries``, scored
    with the same protocol (cut to the budget, averaged over references, then clusters)."""
    from newsfuse.eval.rouge import as_sentences, references_of, score

    sums: dict[str, list[float]] = {}
    with path.open(encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh if line.strip()]
    for rec in records:
        refs = references_of(rec)
        for name, text in (rec.get("baseline_summaries") or {}).items():
            r = score(as_sentences(text), refs, budget)
            acc = sums.setdefault(name, [0.0, 0.0, 0.0])
            acc[0] += r.f1["rouge1"]
            acc[1] += r.f1["rouge2"]
            acc[2] += 1
    return {name: (a / n, b / n) for name, (a, b, n) in sums.items()}


def focused_quality(sets: list[tuple[str, int]] = FOCUSED_SETS) -> None:
    """The focused/update method beside the generic one, lead and every official run."""
    from newsfuse.eval.run import evaluate

    for name, budget in sets:
        path = DATA / name
        mine = evaluate(path, ["newsfuse", "lead"], budget)
        generic = evaluate(path, ["newsfuse"], budget, focused=False)
        runs = official_runs(path, budget)
        rows = [
            ("newsfuse (focused/update)", mine.methods["newsfuse"]),
            ("newsfuse (generic)", generic.methods["newsfuse"]),
            ("lead (focused/update)", mine.methods["lead"]),
        ]
        print(f"\n{name}: {mine.clusters} clusters, {budget} words, ROUGE F1 x 100")
        print(f"{'method':<28}{'R-1 F1':>8}{'R-2 F1':>8}")
        for label, t in rows:
            print(f"{label:<28}{t.f1['rouge1'] * 100:8.2f}{t.f1['rouge2'] * 100:8.2f}")
        ranked = sorted(runs.items(), key=lambda kv: -kv[1][1])
        for run, (r1, r2) in ranked[:3]:
            print(f"{'official ' + run:<28}{r1 * 100:8.2f}{r2 * 100:8.2f}")
        f = mine.methods["newsfuse"].f1
        best1 = max(r1 for r1, _ in runs.values())
        best2 = max(r2 for _, r2 in runs.values())
        print(
            f"{'best official (of ' + str(len(runs)) + ')':<28}{best1 * 100:8.2f}{best2 * 100:8.2f}"
        )
        beaten1 = sum(f["rouge1"] > r1 for r1, _ in runs.values())
        beaten2 = sum(f["rouge2"] > r2 for _, r2 in runs.values())
        lift = (f["rouge2"] - generic.methods["newsfuse"].f1["rouge2"]) * 100
        print(
            f"focused/update beats {beaten1}/{len(runs)} official runs on R-1, "
            f"{beaten2}/{len(runs)} on R-2; R-2 over generic: {lift:+.2f}"
        )


def _speed_child(system: str) -> None:
    """One system over the LongBench clusters; prints a JSON line of timings."""
    from newsfuse.ingest import read_clusters

    t0 = time.perf_counter()
    if system == "newsfuse":
        from newsfuse.api import summarize_prepared
        from newsfuse.embed import default_embedder, sketcher_for
        from newsfuse.pipeline import prepare
        from newsfuse.settings import DEFAULT

        embedder = default_embedder()
        embedder.embed(["warm up"])
        sketcher_for(embedder)  # the static table: loaded with the model, not by the first story
        settings = DEFAULT.with_(words=250)

        def run(story):  # type: ignore[no-untyped-def]
            return summarize_prepared(prepare(story, embedder), settings)
    else:
        from sumy.models.dom import ObjectDocumentModel, Paragraph
        from sumy.models.dom import Sentence as SumySentence
        from sumy.nlp.stemmers import Stemmer
        from sumy.summarizers.lex_rank import LexRankSummarizer
        from sumy.utils import get_stop_words

        from newsfuse.summarize.sumy_methods import WordTokenizer
        from newsfuse.text.sentences import split_article

        summarizer = LexRankSummarizer(Stemmer("english"))
        summarizer.stop_words = get_stop_words("english")
        tok = WordTokenizer()

        def run(story):  # type: ignore[no-untyped-def]
            paragraphs = [
                Paragraph([SumySentence(s.text, tok) for s in split_article(a)])
                for a in story.articles
            ]
            return summarizer(ObjectDocumentModel(paragraphs), 10)

    load = time.perf_counter() - t0
    t0 = time.perf_counter()
    n = 0
    for c in read_clusters(DATA / SETS[0][0]):
        run(c.story)
        n += 1
    seconds = time.perf_counter() - t0
    peak = peak_mb()
    print(
        json.dumps(
            {"system": system, "clusters": n, "load_s": load, "run_s": seconds, "peak_mb": peak}
        )
    )


def peak_mb() -> float:
    """The process's peak resident memory. Linux keeps ``ru_maxrss`` across exec, so a child
    started by a big parent would report the parent's peak; VmHWM belongs to this image only."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def speed() -> None:
    print(
        f"\nSpeed: {SETS[0][0]}, end to end (read, clean, split, embed, select), one process each"
    )
    print(f"{'system':<16}{'load s':>8}{'run s':>8}{'clusters/s':>12}{'peak MB':>9}")
    for system in ("newsfuse", "sumy-lexrank"):
        out = (
            subprocess.run(
                [sys.executable, __file__, "--child", system],
                check=True,
                capture_output=True,
                text=True,
            )
            .stdout.strip()
            .splitlines()[-1]
        )
        r = json.loads(out)
        print(
            f"{system:<16}{r['load_s']:8.1f}{r['run_s']:8.1f}"
            f"{r['clusters'] / r['run_s']:12.2f}{r['peak_mb']:9.0f}"
        )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", choices=["quality", "focused", "speed"])
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        _speed_child(args.child)
        return
    if not DATA.exists():
        sys.exit(f"no evaluation data at {DATA}; set NEWSFUSE_DATA to the shared data folder")
    if args.only in (None, "quality"):
        quality()
    if args.only in (None, "focused"):
        focused_quality()
    if args.only in (None, "speed"):
        speed()


if __name__ == "__main__":
    main()
