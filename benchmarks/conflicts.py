"""Conflicts and claims: the learned detector beside today's rules and a naive baseline.

    python benchmarks/conflicts.py                 # planted + natural + BASIL scan: ~15 min
    python benchmarks/conflicts.py --per-file 5 --basil 10 --embedder hashing   # quick look

Three sets, all read from ``$NEWSFUSE_DATA`` or ../shared/data, stories cut to four articles:

- **planted** (benchmarks/planted.py, *dev* files only; the model is trained on others): one
  article's number, date, name or verb altered where another article states the same fact
  (recall per kind), or restated compatibly (hedged, rounded, reformatted, vague, converted,
  relative: must stay quiet). The unaltered stories give flags per story.
- **natural** (benchmarks/labels/): sentence pairs read by hand in BASIL, DUC 2003 and
  MultiLing clusters: real disagreements, compatible same-fact pairs, different facts.
- **basil**: the first BASIL triplets, flags per story only (no gold), a sample printed.

Scored by sentence pairs: a conflict is found when the detector reports that pair of sentences.
Claims: same-fact pairs (planted originals, compatible plants, natural compatible pairs) should
share a claim; different-fact and conflicting pairs should not. Citations: summary citations
whose cited sentence carries the other value of a planted conflict (target 0).

The naive baseline: all-MiniLM cosine >= 0.75 and a differing value of the same kind.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import CachedEmbedder, Key, Labelled, cut_case, load_natural, pair_of, parse_date
from newsfuse import api
from newsfuse.compare.claims.link import claims_from_scores, pair_scores
from newsfuse.compare.conflicts.detect import candidates, decide
from newsfuse.compare.features import sentence_features
from newsfuse.compare.values import find_dates, find_quantities
from newsfuse.embed import Embedder, HashingEmbedder, default_embedder
from newsfuse.models import Article, Claim, Conflict, Story
from newsfuse.pipeline import Prepared, prepare
from newsfuse.settings import DEFAULT
from planted import COMPATIBLE_KINDS, DEV_FILES, KINDS, Planted, build, data_dir, person_names

DETECTORS = ["learned", "model", "rules", "naive"]
RULES = DEFAULT.with_(claims="rules", conflicts="rules")
CURVE: list[float] = []
"""Extra thresholds of the learned model to report (``--thresholds``)."""


@dataclass
class Run:
    """What each detector reported on one story, and the story's claims."""

    story: Story
    prepared: Prepared
    flags: dict[str, set[frozenset[Key]]]
    conflicts: list[Conflict]
    claims: list[Claim]
    """The claims newsfuse reports (learned links, conflicting pairs kept apart)."""
    rules: list[Claim]
    """The same alignment without keeping conflicting pairs apart (the 0.1 behaviour there)."""
    seconds: dict[str, float] = field(default_factory=dict)

    def linked(self, pair: frozenset[Key], which: str = "claims") -> bool:
        claims = self.claims if which == "claims" else self.rules
        return any(pair <= {(s.article_id, s.index) for s in c.sentences} for c in claims)


def naive(prepared: Prepared) -> list[frozenset[Key]]:
    """Sentence pairs of different articles with cosine >= 0.75 and a differing value."""
    vec = prepared.vectors
    sims = vec @ vec.T
    values = [_values(prepared, r) for r in range(len(prepared.sentences))]
    out = []
    for i, si in enumerate(prepared.sentences):
        for j in range(i + 1, len(prepared.sentences)):
            sj = prepared.sentences[j]
            if si.article_id == sj.article_id or sims[i, j] < 0.75:
                continue
            for kind in ("quantity", "date", "name"):
                va, vb = values[i][kind], values[j][kind]
                if va and vb and va != vb:
                    out.append(pair_of(si, sj))
                    break
    return out


def _values(prepared: Prepared, row: int) -> dict[str, set[str]]:
    s = prepared.sentences[row]
    published = prepared.story.article(s.article_id).published
    return {
        "quantity": {f"{q.kind}:{q.value:g}" for q in find_quantities(s.text) if q.comparable},
        "date": {d.key for d in find_dates(s.text, published) if d.key},
        "name": {n for _, _, n in person_names(s.text)},
    }


def run(story: Story, emb: Embedder) -> Run:
    t0 = time.perf_counter()
    prepared = prepare(story, emb)
    feats = sentence_features(prepared)
    scores = pair_scores(prepared, feats)
    first = claims_from_scores(prepared, feats, scores, DEFAULT) if prepared.sentences else []
    t_claims = time.perf_counter() - t0
    found = candidates(prepared, feats, first)
    t_cands = time.perf_counter() - t0
    flags: dict[str, set[frozenset[Key]]] = {}
    seconds = {}
    conflicts: list[Conflict] = []
    for name in ("learned", "model", "rules"):
        t = time.perf_counter()
        out = decide(prepared, feats, found, DEFAULT.with_(conflicts=name))
        flags[name] = {pair_of(c.a, c.b) for c in out}
        seconds[name] = t_cands + time.perf_counter() - t
        if name == "learned":
            conflicts = out
    for cut in CURVE:
        out = decide(prepared, feats, found, DEFAULT, threshold=cut)
        flags[f"learned@{cut:g}"] = {pair_of(c.a, c.b) for c in out}
        seconds[f"learned@{cut:g}"] = seconds["learned"]
    t = time.perf_counter()
    flags["naive"] = set(naive(prepared))
    seconds["naive"] = t_claims + time.perf_counter() - t
    apart = [(prepared.position(*min(k)), prepared.position(*max(k))) for k in flags["learned"]]
    claims = claims_from_scores(prepared, feats, scores, DEFAULT, apart) if apart else first
    rules = claims_from_scores(prepared, feats, scores, RULES) if prepared.sentences else []
    return Run(story, prepared, flags, conflicts, claims, rules, seconds)


@dataclass
class Score:
    found: Counter[str] = field(default_factory=Counter)
    gold: Counter[str] = field(default_factory=Counter)
    alarms: Counter[str] = field(default_factory=Counter)
    quiet: Counter[str] = field(default_factory=Counter)
    flags: int = 0
    stories: int = 0
    seconds: float = 0.0

    def recall(self, kinds: Iterable[str] | None = None) -> float:
        keys = list(kinds) if kinds is not None else list(self.gold)
        gold = sum(self.gold[k] for k in keys)
        return sum(self.found[k] for k in keys) / gold if gold else float("nan")

    def alarm_rate(self, kinds: Iterable[str] | None = None) -> float:
        keys = list(kinds) if kinds is not None else list(self.quiet)
        total = sum(self.quiet[k] for k in keys)
        return sum(self.alarms[k] for k in keys) / total if total else float("nan")


def planted_eval(
    cases: list[Planted], emb: Embedder, misses: list[str]
) -> tuple[dict[str, Score], Counter[str], list[Run]]:
    scores = {d: Score() for d in DETECTORS}
    links: Counter[str] = Counter()
    originals: dict[tuple[str, ...], Story] = {}
    for case in cases:
        originals.setdefault(
            (case.original.id, *(a.id for a in case.original.articles)), case.original
        )
    runs = []
    for story in originals.values():
        r = run(story, emb)
        runs.append(r)
        for d in DETECTORS:
            scores[d].flags += len(r.flags[d])
            scores[d].stories += 1
            scores[d].seconds += r.seconds[d]
    by_original = {(r.story.id, *(a.id for a in r.story.articles)): r for r in runs}
    for case in cases:
        r = run(case.story, emb)
        pair = frozenset({case.a, case.b})
        original = by_original[(case.original.id, *(a.id for a in case.original.articles))]
        links["same fact pairs (original)"] += 1
        if case.label == "conflict":
            links["conflict pairs"] += 1
            cited, total = _cross_citations(r, pair)
            links["citations to the other value"] += cited
            links["cross-source citations"] += total
            if cited:
                links[f"kind:{case.kind}"] += cited
        else:
            links["compatible pairs"] += 1
        for which in ("claims", "rules"):
            links[f"{which}: same fact linked (original)"] += original.linked(pair, which)
            if case.label == "conflict":
                links[f"{which}: conflict pairs in one claim"] += r.linked(pair, which)
            else:
                links[f"{which}: compatible linked"] += r.linked(pair, which)
        for d in DETECTORS:
            hit = pair in r.flags[d]
            if case.label == "conflict":
                scores[d].gold[case.kind] += 1
                scores[d].found[case.kind] += hit
                if d == "learned" and not hit:
                    misses.append(f"[{case.kind}] {case.old!r} -> {case.new!r} ({case.story.id})")
            else:
                scores[d].quiet[case.kind] += 1
                scores[d].alarms[case.kind] += hit
    return scores, links, runs


def _cross_citations(r: Run, pair: frozenset[Key]) -> tuple[int, int]:
    """Summary citations to another article, and those joining the two sides of ``pair``."""
    summary = api.summarize_prepared(r.prepared, DEFAULT.with_(citation_screen=0))
    bad = total = 0
    for s in summary.sentences:
        own = (s.sentence.article_id, s.sentence.index)
        for c in s.citations:
            if c.article_id == s.sentence.article_id:
                continue
            total += 1
            bad += frozenset({own, (c.article_id, c.sentence_index)}) == pair
    return bad, total


def natural_eval(emb: Embedder) -> tuple[dict[str, Score], Counter[str]]:
    stories, labelled = load_natural()
    scores = {d: Score() for d in DETECTORS}
    links: Counter[str] = Counter()
    by_story: dict[str, list[Labelled]] = defaultdict(list)
    for lab in labelled:
        by_story[lab.story].append(lab)
    for key, labs in by_story.items():
        r = run(stories[key], emb)
        has_conflict = any(lab.label == "conflict" for lab in labs)
        for d in DETECTORS:
            scores[d].seconds += r.seconds[d]
            if not has_conflict:
                scores[d].flags += len(r.flags[d])
                scores[d].stories += 1
        for lab in labs:
            links[f"{lab.label} pairs"] += 1
            for which in ("claims", "rules"):
                links[f"{which}: {lab.label} linked"] += r.linked(lab.pair, which)
            for d in DETECTORS:
                hit = lab.pair in r.flags[d]
                if lab.label == "conflict":
                    scores[d].gold[lab.kind] += 1
                    scores[d].found[lab.kind] += hit
                else:
                    scores[d].quiet[lab.label] += 1
                    scores[d].alarms[lab.label] += hit
    return scores, links


def load_basil(limit: int) -> list[Story]:
    path = data_dir() / "comparison" / "basil_triplets.jsonl"
    out = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            if n >= limit:
                break
            rec = json.loads(line)
            arts = []
            for i, (text, meta) in enumerate(zip(rec["documents"], rec["doc_meta"], strict=True)):
                arts.append(
                    Article(
                        id=f"d{i}",
                        text=text,
                        source=meta.get("source", ""),
                        title=meta.get("title", ""),
                        published=parse_date(meta.get("date", "")),
                    )
                )
            out.append(Story(rec["id"], tuple(arts)))
    return out


def _fmt(x: float) -> str:
    return "   -" if x != x else f"{x:4.2f}"


def table(title: str, scores: dict[str, Score], kinds: Sequence[str], quiet: Sequence[str]) -> None:
    print(f"\n{title}")
    head = " ".join(f"{k[:8]:>8}" for k in kinds)
    qhead = " ".join(f"{('fa:' + k)[:9]:>9}" for k in quiet)
    print(
        f"{'detector':12} {'recall':>6} {head} {'false alarms':>12} {qhead} "
        f"{'flags/story':>11} {'s/story':>7}"
    )
    for d, s in scores.items():
        per_kind = " ".join(f"{_fmt(s.recall([k])):>8}" for k in kinds)
        per_quiet = " ".join(f"{_fmt(s.alarm_rate([k])):>9}" for k in quiet)
        rate = s.flags / s.stories if s.stories else float("nan")
        print(
            f"{d:12} {_fmt(s.recall()):>6} {per_kind} {_fmt(s.alarm_rate()):>12} {per_quiet} "
            f"{_fmt(rate):>11} {s.seconds / max(s.stories, 1):7.2f}"
        )


def show_links(title: str, links: Counter[str], pairs: Sequence[tuple[str, str]]) -> None:
    parts = []
    for num, den in pairs:
        if links[den]:
            name = num.split(": ", 1)[-1]
            parts.append(f"{name}: {links[num] / links[den]:.2f} ({links[num]}/{links[den]})")
    print(f"{title}: " + "; ".join(parts))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--per-file", type=int, default=15, help="clusters per dev summarization file")
    ap.add_argument("--basil", type=int, default=40, help="BASIL triplets to scan")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--show", type=int, default=8, help="BASIL flags to print for reading")
    ap.add_argument("--embedder", choices=("minilm", "hashing"), default="minilm")
    ap.add_argument("--misses", action="store_true", help="list planted conflicts not found")
    ap.add_argument("--thresholds", default="", help="extra learned thresholds, e.g. 0.3,0.6")
    args = ap.parse_args()
    CURVE.extend(float(t) for t in args.thresholds.split(",") if t)
    DETECTORS.extend(f"learned@{t:g}" for t in CURVE)
    t0 = time.time()
    inner: Embedder = default_embedder() if args.embedder == "minilm" else HashingEmbedder()
    emb = CachedEmbedder(inner)
    cases = [cut_case(c) for c in build(args.seed, args.per_file, files=DEV_FILES)]
    count = Counter(c.label for c in cases)
    print(
        f"planted: {count['conflict']} conflicts, {count['compatible']} compatible restatements "
        f"in {len({c.story.id for c in cases})} clusters (first {args.per_file} of each dev "
        f"file: {', '.join(DEV_FILES)}; seed {args.seed}; stories cut to 4 articles)"
    )
    misses: list[str] = []
    scores, links, _ = planted_eval(cases, emb, misses)
    table(
        "planted set (recall per kind; false alarms per compatible kind)",
        scores,
        KINDS,
        COMPATIBLE_KINDS,
    )
    for which, title in (("claims", "claims"), ("rules", "claims, conflicts not kept apart")):
        show_links(
            title,
            links,
            [
                (f"{which}: same fact linked (original)", "same fact pairs (original)"),
                (f"{which}: compatible linked", "compatible pairs"),
                (f"{which}: conflict pairs in one claim", "conflict pairs"),
            ],
        )
    show_links(
        "summary citations", links, [("citations to the other value", "cross-source citations")]
    )
    wrong = {k[5:]: n for k, n in links.items() if k.startswith("kind:")}
    print(f"  citations to the other value, by planted kind: {wrong}")
    if args.misses:
        print("\nmissed:", *misses, sep="\n  ")
    nscores, nlinks = natural_eval(emb)
    nkinds = sorted({k for s in nscores.values() for k in s.gold})
    table("natural set (hand-read pairs)", nscores, nkinds, ("compatible", "different"))
    for which, title in (("claims", "claims"), ("rules", "claims, conflicts not kept apart")):
        show_links(
            title,
            nlinks,
            [
                (f"{which}: compatible linked", "compatible pairs"),
                (f"{which}: different linked", "different pairs"),
                (f"{which}: conflict linked", "conflict pairs"),
            ],
        )
    stories = load_basil(args.basil)
    flagged: list[tuple[Story, Conflict]] = []
    per = Counter()
    for story in stories:
        r = run(story, emb)
        flagged += [(story, c) for c in r.conflicts]
        for d in DETECTORS:
            per[d] += len(r.flags[d])
    n = max(len(stories), 1)
    print(
        f"\nBASIL scan: {len(stories)} triplets, flags/story "
        + ", ".join(f"{d} {per[d] / n:.2f}" for d in DETECTORS)
    )
    rng = random.Random(args.seed)
    for _, c in rng.sample(flagged, min(args.show, len(flagged))):
        print(f"\n[{c.kind} {c.confidence:.2f}] {c.reason}")
        print(f"  A: {c.a.text[:200]}\n  B: {c.b.text[:200]}")
    print(f"\n{time.time() - t0:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
