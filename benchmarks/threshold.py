"""How the citation threshold (Settings.support_threshold) was chosen.

    .venv/bin/python benchmarks/threshold.py            # DUC 2003 task 2 + 50 Multi-News clusters

A summary sentence cites another article when that article's most similar sentence reaches the
threshold. For candidate sentences of every cluster this prints, per threshold:
- false citations: how often the best match in an article from a *different* story (which can
  never support it) would be cited;
- restatement recall: of best matches in the same story that restate the sentence (content-word
  Jaccard >= 0.5, a lexical proxy for "says the same thing"), how many would be cited;
- cited: how often an article of the same story is cited at all.
Sentences of a different story are easy negatives (false citations stay under 0.5% even at 0.5), so
they cannot bound false citations *within* a story; the default is therefore the highest
threshold that still cites at least 99% of restatements.

Then, for the sentences the default summarizer chooses, it compares the citations of the default
screening (Settings.citation_screen / screen_floor: only each other article's sentence most like
the chosen one by the static sketch is embedded and checked) with exhaustive checking of every
sentence (citation_screen=0), by the similarity of the exhaustive citation.
"""

from __future__ import annotations

import os
import random
from pathlib import Path

import numpy as np

from newsfuse.embed import default_embedder
from newsfuse.ingest import read_clusters
from newsfuse.pipeline import Prepared, prepare
from newsfuse.settings import DEFAULT
from newsfuse.summarize.base import candidates, cite, select
from newsfuse.summarize.fusion import FusionObjective
from newsfuse.text.tokens import content_stems

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("NEWSFUSE_DATA", ROOT.parent / "shared" / "data")) / "summarization"
THRESHOLDS = [0.5, 0.55, 0.6, 0.65, 0.68, 0.7, 0.75, 0.8, 0.85]


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / max(len(a | b), 1)


def main() -> None:
    rng = random.Random(0)
    embedder = default_embedder()
    prepared = [prepare(c.story, embedder) for c in read_clusters(DATA / "duc2003_task2.jsonl")]
    mn = list(read_clusters(DATA / "multinews_test_longbench200.jsonl"))[:50]
    prepared += [prepare(c.story, embedder) for c in mn]
    same, restate, other = [], [], []
    for k, p in enumerate(prepared):
        pool = candidates(p, DEFAULT)
        for row in rng.sample(pool, min(20, len(pool))):
            s = p.sentences[row]
            stems = set(content_stems(s.text))
            for aid, rows in p.by_article.items():
                if aid == s.article_id or not rows:
                    continue
                sims = p.vectors[rows] @ p.vectors[row]
                best = int(np.argmax(sims))
                same.append(float(sims[best]))
                if jaccard(stems, set(content_stems(p.sentences[rows[best]].text))) >= 0.5:
                    restate.append(float(sims[best]))
            q = prepared[(k + 1 + rng.randrange(len(prepared) - 1)) % len(prepared)]
            for rows in q.by_article.values():
                if rows:
                    other.append(float(np.max(q.vectors[rows] @ p.vectors[row])))
    print(
        f"{len(same)} same-story best matches ({len(restate)} restatements), "
        f"{len(other)} other-story best matches"
    )
    print(f"{'threshold':>9}{'false citations':>17}{'restatement recall':>20}{'cited':>8}")
    for t in THRESHOLDS:
        f = np.mean(np.array(other) >= t) * 100
        r = np.mean(np.array(restate) >= t) * 100
        c = np.mean(np.array(same) >= t) * 100
        mark = "  <- default" if abs(t - DEFAULT.support_threshold) < 1e-9 else ""
        print(f"{t:9.2f}{f:16.2f}%{r:19.1f}%{c:7.1f}%{mark}")
    screening(prepared)


BANDS = [(0.70, 0.75), (0.75, 0.80), (0.80, 0.85), (0.85, 1.01)]


def screening(prepared: list[Prepared]) -> None:
    exhaustive = DEFAULT.with_(citation_screen=0)
    found = {b: [0, 0, 0] for b in BANDS}  # citations, found by screening, same sentence
    extra = restated = restated_found = 0
    for p in prepared:
        p.embed(range(len(p.sentences)))  # all at once: both ways compare the same vectors
        settings = DEFAULT.with_(words=250 if len(p.story.articles) < 5 else 100)
        for row in select(p, FusionObjective(p).fresh, settings):
            full = {c.article_id: c for c in cite(p, row, exhaustive)[1:]}
            fast = {c.article_id: c for c in cite(p, row, DEFAULT)[1:]}
            extra += len(fast.keys() - full.keys())
            stems = set(content_stems(p.sentences[row].text))
            for aid, c in full.items():
                band = next(b for b in BANDS if b[0] <= c.similarity < b[1])
                found[band][0] += 1
                found[band][1] += aid in fast
                found[band][2] += aid in fast and fast[aid].sentence_index == c.sentence_index
                other = p.sentences[p.position(aid, c.sentence_index)].text
                if jaccard(stems, set(content_stems(other))) >= 0.5:
                    restated += 1
                    restated_found += aid in fast
    total = sum(v[0] for v in found.values())
    print(
        f"\nScreened citations (citation_screen={DEFAULT.citation_screen}, "
        f"screen_floor={DEFAULT.screen_floor}) against checking every sentence, "
        f"{total} exhaustive citations of chosen sentences"
    )
    print(f"{'similarity':>11}{'citations':>11}{'found':>8}{'same sentence':>15}")
    for (lo, hi), (n, hit, same) in found.items():
        label = f"{lo:.2f}-{min(hi, 1.0):.2f}"
        print(f"{label:>11}{n:11d}{hit / max(n, 1) * 100:7.1f}%{same / max(n, 1) * 100:14.1f}%")
    hits = sum(v[1] for v in found.values())
    print(
        f"{'all':>11}{total:11d}{hits / max(total, 1) * 100:7.1f}%   "
        f"restatements found {restated_found}/{restated}; citations screening adds: {extra}"
    )


if __name__ == "__main__":
    main()
