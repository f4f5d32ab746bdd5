"""Development streams for story detection, built from ../shared/data at run time (never copied).

A *base* is one data set cut to one item shape; a *stream* is a base in one arrival order, with
or without dates. Every story of a base is one gold event:

============  ==========================================  ====================================
family        source                                      one gold story
============  ==========================================  ====================================
basil         clustering/basil_event_clusters.jsonl       a same-day event (Fox, NYT, HuffPost)
duc-topics    clustering/duc_topic_clusters.jsonl         a broad DUC topic (the coarse set)
duc03         summarization/duc2003_task2.jsonl           a DUC 2003 task 2 event cluster
allsides      comparison/allsides_roundups_2021.jsonl     an AllSides headline roundup
multinews     summarization/multinews_test_longbench200   a Multi-News cluster (LongBench 200)
============  ==========================================  ====================================

Shapes: ``full`` (the whole article), ``lead2`` (its first two sentences), ``excerpt`` (title
and the first ~60 words: an RSS description), ``title`` (title only); the last two only where
the data has titles. Orders: ``date`` (stable sort by publication date; undated sets have none)
and ``shuffled`` (a fixed seed). Dated bases are also run with the dates removed, so a stream
"in date order without dates" is a feed whose dates were lost.

Families are what the merge model is held out by: ``scripts/train_story_model.py`` fits one
model per fold on the other fold's families, and ``benchmarks/clustering.py`` scores each
stream with the model that never saw its family.
"""

from __future__ import annotations

import dataclasses
import json
import random
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from common import parse_date
from newsfuse.models import Article
from newsfuse.stories import DEFAULT_PARAMS, ArticleFeatures, StoryParams
from newsfuse.stories.batch import LabeledArticle, featurize, labeled
from newsfuse.text.sentences import split_spans
from planted import data_dir

SEED = 7
EXCERPT_WORDS = 60
FOLDS = {"A": ("basil", "duc03", "duc-topics"), "B": ("allsides", "multinews")}
"""Held-out folds by family: a stream of fold A is scored with the model fitted on fold B."""


@dataclass(frozen=True, slots=True)
class Base:
    """One data set in one shape: items in file order, each with its gold story."""

    family: str
    shape: str
    items: tuple[LabeledArticle, ...]

    @property
    def name(self) -> str:
        return f"{self.family}/{self.shape}"

    @property
    def dated(self) -> bool:
        return any(i.article.published is not None for i in self.items)


@dataclass(frozen=True, slots=True)
class Stream:
    """A base in one order, with or without dates: ``order[k]`` is the index of the k-th item."""

    base: Base
    order_name: str
    with_dates: bool
    order: tuple[int, ...]

    @property
    def name(self) -> str:
        return f"{self.base.name} {self.order_name}{'' if self.with_dates else ' nodate'}"

    def features(self, feats: Sequence[ArticleFeatures]) -> list[ArticleFeatures]:
        """``feats`` (of the base, in file order) in stream order, dates dropped if so."""
        out = [feats[i] for i in self.order]
        if not self.with_dates:
            out = [dataclasses.replace(f, time=None) for f in out]
        return out

    def gold(self) -> list[str]:
        return [str(self.base.items[i].gold) for i in self.order]


def _rows(rel: str) -> Iterator[dict[str, object]]:
    with (data_dir() / rel).open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def _item(rec: dict[str, object], origin: str) -> LabeledArticle:
    return labeled(rec, origin)


def _lead(text: str, n: int) -> str:
    spans = []
    for span in split_spans(text):
        spans.append(span)
        if len(spans) >= n:
            break
    return " ".join(text[s:e] for s, e in spans) if spans else text


def _excerpt(text: str) -> str:
    words = text.split()
    return " ".join(words[:EXCERPT_WORDS]) + (" …" if len(words) > EXCERPT_WORDS else "")


Shaper = Callable[[str, str], tuple[str, str] | None]
"""(title, text) -> the item's (title, text) in a shape, or None when the shape does not apply."""

SHAPES: dict[str, Shaper] = {
    "full": lambda title, text: (title, text),
    "lead2": lambda title, text: ("", _lead(text, 2)),
    "excerpt": lambda title, text: (title, _excerpt(text)) if title else None,
    "title": lambda title, text: (title, title) if title else None,
}


def _records(family: str) -> list[dict[str, object]]:
    """Flat records ``{article_id, cluster_id, title, text, date}`` of a family, file order."""
    out: list[dict[str, object]] = []
    if family in ("basil", "duc-topics"):
        name = "basil_event_clusters" if family == "basil" else "duc_topic_clusters"
        for r in _rows(f"clustering/{name}.jsonl"):
            date = r.get("date") or _iso(parse_date(str(r["article_id"])))
            out.append({**r, "date": date})
        return out
    rel = {
        "duc03": "summarization/duc2003_task2.jsonl",
        "allsides": "comparison/allsides_roundups_2021.jsonl",
        "multinews": "summarization/multinews_test_longbench200.jsonl",
    }[family]
    for r in _rows(rel):
        docs = r["documents"]
        assert isinstance(docs, list)
        meta = r.get("doc_meta") or [{} for _ in docs]
        ids = r.get("doc_ids") or [""] * len(docs)
        assert isinstance(meta, list) and isinstance(ids, list)
        for k, text in enumerate(docs):
            when = parse_date(str(ids[k])) or parse_date(str(r.get("date", "")))
            out.append(
                {
                    "article_id": f"{r['id']}:{k}",
                    "cluster_id": r["id"],
                    "title": meta[k].get("title") or "",
                    "source": meta[k].get("outlet") or "",
                    "text": text,
                    "date": _iso(when),
                }
            )
    return out


def _iso(when: object) -> str | None:
    return None if when is None else when.isoformat()[:10]  # type: ignore[attr-defined]


BASES: dict[str, tuple[str, ...]] = {
    "basil": ("full", "excerpt", "title"),
    "duc-topics": ("full",),
    "duc03": ("full", "lead2"),
    "allsides": ("excerpt", "title"),
    "multinews": ("full", "lead2"),
}


def bases(families: Sequence[str] = tuple(BASES)) -> list[Base]:
    out = []
    for family in families:
        records = _records(family)
        for shape in BASES[family]:
            items = []
            for n, rec in enumerate(records):
                shaped = SHAPES[shape](str(rec.get("title") or ""), str(rec["text"]))
                if shaped is None:
                    continue
                title, text = shaped
                origin = f"{family}:{n}"
                items.append(_item({**rec, "title": title, "text": text}, origin))
            out.append(Base(family, shape, tuple(items)))
    return out


def streams(base: Base) -> list[Stream]:
    """The orders a base is scored in (see the module docstring)."""
    n = len(base.items)
    shuffled = tuple(random.Random(SEED).sample(range(n), n))
    if not base.dated:
        return [Stream(base, "shuffled", True, shuffled)]
    far = 1e18
    dated = sorted(
        range(n),
        key=lambda i: (
            base.items[i].article.published.timestamp()  # type: ignore[union-attr]
            if base.items[i].article.published
            else far,
            i,
        ),
    )
    return [
        Stream(base, "date", True, tuple(dated)),
        Stream(base, "shuffled", True, shuffled),
        Stream(base, "date", False, tuple(dated)),
        Stream(base, "shuffled", False, shuffled),
    ]


def base_features(
    base: Base, embed: Callable[[Sequence[str]], np.ndarray], dim: int,
    params: StoryParams = DEFAULT_PARAMS,
) -> list[ArticleFeatures]:  # fmt: skip
    articles: list[Article] = [i.article for i in base.items]
    return list(featurize(articles, embed, dim, params))
