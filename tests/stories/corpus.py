"""Small generated news streams for story tests: each event has its own names and words, its
articles share some of them and are published within a day or two of each other."""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

from newsfuse.models import Article

_SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "ran",
    "tu",
    "vel",
    "so",
    "dra",
    "nik",
    "pe",
    "zor",
    "ul",
    "am",
    "bri",
    "ste",
    "go",
    "fa",
    "rix",
    "ten",
    "ol",
]
_COMMON = [
    "officials",
    "said",
    "the",
    "situation",
    "was",
    "being",
    "monitored",
    "and",
    "more",
    "details",
    "would",
    "follow",
    "later",
    "in",
    "the",
    "week",
    "according",
    "to",
    "people",
    "familiar",
    "with",
    "the",
    "matter",
]
_OUTLETS = ["Daily Herald", "Morning Post", "City Wire", "Evening Star"]


def _word(rng: random.Random, n: int = 3) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(n))


def synthetic_records(
    events: int, per_event: int, seed: int = 0, start: dt.date = dt.date(2024, 1, 1)
) -> list[dict[str, str]]:
    """``events * per_event`` article records (id, title, text, published, source, url, and the
    gold ``event``), interleaved in publication order."""
    rng = random.Random(seed)
    out: list[tuple[dt.date, int, dict[str, str]]] = []
    for e in range(events):
        names = [_word(rng).capitalize() for _ in range(3)]
        words = [_word(rng, 2) for _ in range(12)]
        day = start + dt.timedelta(days=3 * e)
        for k in range(per_event):
            sentences = []
            for _ in range(6):
                picked = [*rng.sample(words, 5), rng.choice(names), *rng.sample(_COMMON, 4)]
                rng.shuffle(picked)
                sentences.append(" ".join(picked).capitalize() + ".")
            title = f"{names[0]} and {names[1]} {' '.join(rng.sample(words, 3))}"
            published = day + dt.timedelta(days=rng.randint(0, 1))
            rec = {
                "id": f"e{e}-a{k}",
                "title": title,
                "text": " ".join(sentences),
                "published": published.isoformat(),
                "source": _OUTLETS[k % len(_OUTLETS)],
                "url": f"https://news{k % len(_OUTLETS)}.example/{e}/{k}",
                "event": f"e{e}",
            }
            out.append((published, e * per_event + k, rec))
    out.sort(key=lambda x: (x[0], x[1]))
    return [rec for _, _, rec in out]


def to_article(rec: dict[str, str]) -> Article:
    return Article(
        id=rec["id"],
        text=rec["text"],
        title=rec["title"],
        source=rec["source"],
        url=rec["url"],
        published=dt.datetime.fromisoformat(rec["published"]),
    )


def articles(events: int, per_event: int, seed: int = 0) -> list[Article]:
    return [to_article(r) for r in synthetic_records(events, per_event, seed)]


def write_jsonl(path: Path, records: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def partition(assignments: dict[str, str]) -> set[frozenset[str]]:
    """The grouping of article ids, whatever the story ids are called."""
    groups: dict[str, set[str]] = {}
    for aid, sid in assignments.items():
        groups.setdefault(sid, set()).add(aid)
    return {frozenset(g) for g in groups.values()}
