"""A planted-conflict set built from the summarization clusters in ../shared/data.

For each cluster, find facts that two articles state the same way, chosen *without* the
detector under test: two sentences of different articles carrying the same number (or the same
resolved date, or the same person's name) and sharing at least ``MIN_SHARED`` other content
words. Then alter the value in one of the two sentences (a number scaled well outside any
rounding, a date moved by days, a name swapped for a person named in another cluster) and record
the pair as the gold conflict. Everything is deterministic for a given seed.

    python benchmarks/planted.py [--seed 13] [--per-file 40]   # prints a sample of the set
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from newsfuse.compare.features import content_words
from newsfuse.compare.values.dates import find_dates
from newsfuse.compare.values.quantities import find_quantities
from newsfuse.models import Article, Sentence, Story
from newsfuse.text.nlp import load_nlp
from newsfuse.text.sentences import split_article
from newsfuse.text.tokens import stem

HERE = Path(__file__).resolve().parent
FILES = (
    "duc2003_task2.jsonl",
    "duc2003_task3.jsonl",
    "multiling2011_en.jsonl",
    "multinews_test_longbench200.jsonl",
)
MIN_SHARED = 4
"""Content words (besides the value) two sentences must share to count as one fact."""
MAX_WORDS = 60


def data_dir() -> Path:
    """``$NEWSFUSE_DATA`` or ``../shared/data`` next to the repository."""
    env = os.environ.get("NEWSFUSE_DATA")
    return Path(env) if env else HERE.parent.parent / "shared" / "data"


@dataclass(frozen=True, slots=True)
class Planted:
    """One planted conflict: the altered story and the sentence pair that now disagrees."""

    original: Story
    story: Story
    kind: str  # "quantity", "date" or "entity"
    a: tuple[str, int]  # (article id, sentence index) of the untouched sentence
    b: tuple[str, int]  # the altered sentence
    old: str
    new: str


def load_stories(path: Path, limit: int) -> Iterator[Story]:
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            if n >= limit:
                return
            rec = json.loads(line)
            ids = rec.get("doc_ids") or []
            articles = []
            for i, text in enumerate(rec["documents"]):
                if not isinstance(text, str) or not text.strip():
                    continue
                doc_id = ids[i] if i < len(ids) else f"d{i}"
                articles.append(
                    Article(
                        id=f"d{i}", text=text.strip(), source=doc_id, published=_published(doc_id)
                    )
                )
            if len(articles) >= 2:
                yield Story(str(rec.get("id", f"{path.stem}:{n}")), tuple(articles))


def _published(doc_id: str) -> dt.datetime | None:
    # DUC ids carry the wire date: APW19981017.0151, NYT19981018.0098.
    m = re.search(r"(19|20)(\d{2})(\d{2})(\d{2})", doc_id)
    if not m:
        return None
    try:
        return dt.datetime(int(m.group(1) + m.group(2)), int(m.group(3)), int(m.group(4)))
    except ValueError:
        return None


_NAME = re.compile(r"\b([A-Z][a-z]+(?:\s+[A-Z]\.)?\s+[A-Z][a-z]{2,})\b")
_TITLE_WORDS = (
    "The A An In On At But And For With After Before When While If As By From To Of This That "
    "Mr Mrs Ms Dr President Prime Minister Secretary Sen Senator Gov Governor Judge Gen "
    "General North South East West New United Saudi Supreme Republican Democratic Monday "
    "Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June "
    "July August September October November December "
)
_NOT_FIRST = frozenset(_TITLE_WORDS.split())


def person_names(text: str) -> list[tuple[int, int, str]]:
    """Two-word capitalized names ("Ann Clwyd") not starting with a title or function word."""
    out = []
    for m in _NAME.finditer(text):
        first = m.group(1).split()[0]
        if first in _NOT_FIRST or m.start() == 0:
            continue
        out.append((m.start(), m.end(), m.group(1)))
    return out


def _candidates(story: Story) -> list[tuple[str, Sentence, Sentence, int, int, str]]:
    """(kind, sentence a, sentence b, start, end in b, old text) for facts both state."""
    sents = {
        a.id: [s for s in split_article(a) if len(s.text.split()) <= MAX_WORDS]
        for a in story.articles
    }
    published = {a.id: a.published for a in story.articles}
    feats: dict[tuple[str, int], tuple[set[str], Sentence]] = {}
    values: dict[str, list[tuple[str, str, Sentence, int, int, str]]] = {}
    for aid, ss in sents.items():
        for s in ss:
            feats[aid, s.index] = (set(content_words(s.text)), s)
            for q in find_quantities(s.text):
                # Single values stated exactly or "about": altering a bound ("more than 50")
                # or one end of a range need not make two reports disagree.
                single = q.hedge in ("", "about") and not re.search(r"\b(?:to|or|and)\b|-", q.text)
                if single and q.comparable and not q.vague and q.text[-1].isdigit():
                    m = re.search(r"\d[\d,.]*$", q.text)
                    if m and q.value >= 2 and q.noun:
                        key = f"q:{q.kind}:{q.unit}:{q.value:g}:{stem(q.noun[-1])}"
                        start = q.start + m.start()
                        values.setdefault(key, []).append(
                            ("quantity", aid, s, start, q.end, q.text[m.start() :])
                        )
            for d in find_dates(s.text, published[aid]):
                if d.granularity == "day" and d.key and not d.relative:
                    values.setdefault(f"d:{d.key}", []).append(
                        ("date", aid, s, d.start, d.end, d.text)
                    )
            for start, end, name in person_names(s.text):
                values.setdefault(f"n:{name}", []).append(("entity", aid, s, start, end, name))
    out = []
    for key in sorted(values):
        occ = values[key]
        for i, (_kind, aid, sa, *_rest) in enumerate(occ):
            for kind_b, bid, sb, start, end, old in occ[i + 1 :]:
                if aid == bid:
                    continue
                wa, wb = feats[aid, sa.index][0], feats[bid, sb.index][0]
                value_words = set(content_words(old))
                if len((wa & wb) - value_words) < MIN_SHARED:
                    continue
                # The altered article must not state the old value again elsewhere.
                rest = story.article(bid).text.replace(sb.text, "")
                if re.search(rf"(?<![\w,.]){re.escape(old)}(?![\w,]|\.\d)", rest):
                    continue
                out.append((kind_b, sa, sb, start, end, old))
    return out


def _alter_number(old: str, rng: random.Random) -> str:
    value = float(old.replace(",", ""))
    factor = rng.choice((0.4, 0.5, 0.6, 1.7, 2.0, 2.5, 3.0))
    new = value * factor
    if "." in old:
        decimals = len(old.split(".")[1])
        return f"{new:.{decimals}f}"
    new_int = round(new)
    if new_int == value:
        new_int += 3
    return f"{new_int:,}" if "," in old else str(new_int)


_MONTH_DAY = re.compile(r"(\d{1,2})")


def _alter_date(old: str, rng: random.Random) -> str | None:
    m = _MONTH_DAY.search(old)
    if not m:
        return None
    day = int(m.group(1))
    shift = rng.choice((-4, -3, -2, 2, 3, 4))
    new_day = day + shift if 1 <= day + shift <= 28 else day - shift
    if not 1 <= new_day <= 28:
        return None
    return old[: m.start()] + str(new_day) + old[m.end() :]


def build(seed: int = 13, per_file: int = 40, per_story: int = 3) -> list[Planted]:
    """The planted set: up to ``per_story`` cases (one per kind) from each of the first
    ``per_file`` clusters of every file."""
    rng = random.Random(seed)
    stories = [s for f in FILES for s in load_stories(data_dir() / "summarization" / f, per_file)]
    # First pass: pick the facts; the names spaCy confirmed as people become the pool of
    # replacement names, so a swapped name is always another real person's name.
    picks: list[tuple[Story, str, tuple[str, Sentence, Sentence, int, int, str]]] = []
    for story in stories:
        by_kind: dict[str, list[tuple[str, Sentence, Sentence, int, int, str]]] = {}
        for c in _candidates(story):
            by_kind.setdefault(c[0], []).append(c)
        for kind in sorted(by_kind)[:per_story]:
            pick = _pick(kind, by_kind[kind], rng)
            if pick is not None:
                picks.append((story, kind, pick))
    name_pool = sorted({p[5] for _, kind, p in picks if kind == "entity"})
    out: list[Planted] = []
    for story, kind, pick in picks:
        _, sa, sb, start, end, old = pick
        if kind == "quantity":
            new: str | None = _alter_number(old, rng)
        elif kind == "date":
            new = _alter_date(old, rng)
        else:
            new = _other_name(old, name_pool, story, rng)
        if not new or new == old:
            continue
        article = story.article(sb.article_id)
        pos = sb.start + start
        text = article.text[:pos] + new + article.text[sb.start + end :]
        altered = Article(
            id=article.id, text=text, source=article.source, published=article.published
        )
        articles = tuple(altered if a.id == article.id else a for a in story.articles)
        planted = Story(story.id, articles)
        # The altered sentence keeps its index unless the edit changed sentence splitting.
        idx = next((s.index for s in split_article(altered) if s.start <= pos < s.end), -1)
        if idx != sb.index:
            continue
        out.append(
            Planted(
                story,
                planted,
                kind,
                (sa.article_id, sa.index),
                (sb.article_id, sb.index),
                old,
                new,
            )
        )
    return out


def _pick(
    kind: str, cands: list[tuple[str, Sentence, Sentence, int, int, str]], rng: random.Random
) -> tuple[str, Sentence, Sentence, int, int, str] | None:
    """A random candidate; for names, one spaCy also tags as a person in both sentences."""
    order = rng.sample(cands, len(cands))
    if kind != "entity":
        return order[0]
    nlp = load_nlp()
    for c in order[:8]:
        name = c[5]
        if all(
            any(e.label_ == "PERSON" and e.text == name for e in nlp(s.text).ents)
            for s in (c[1], c[2])
        ):
            return c
    return None


def _other_name(old: str, pool: list[str], story: Story, rng: random.Random) -> str | None:
    text = " ".join(a.text for a in story.articles)
    last = old.split()[-1]
    for _ in range(20):
        cand = rng.choice(pool)
        if (
            cand.split()[-1] != last
            and cand.split()[-1] not in text
            and cand.split()[0] not in text
        ):
            return cand
    return None


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--per-file", type=int, default=40)
    args = ap.parse_args()
    cases = build(args.seed, args.per_file)
    kinds: dict[str, int] = {}
    for c in cases:
        kinds[c.kind] = kinds.get(c.kind, 0) + 1
    print(f"{len(cases)} planted conflicts in {len({c.story.id for c in cases})} stories: {kinds}")
    for c in cases[:: max(1, len(cases) // 12)]:
        sa = split_article(c.story.article(c.a[0]))[c.a[1]].text
        sb = split_article(c.story.article(c.b[0]))[c.b[1]].text
        print(f"\n[{c.kind}] {c.old!r} -> {c.new!r}\n  A: {sa[:200]}\n  B: {sb[:200]}")


if __name__ == "__main__":
    sys.exit(main())
