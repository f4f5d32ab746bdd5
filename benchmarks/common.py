"""What the conflict benchmark and the conflict-model trainer share: a caching embedder, stories
cut to the shape newsfuse is scored on (2-4 articles), the hand-labelled natural pairs resolved
against ../shared/data, and how a finding is matched to a planted pair."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from newsfuse.embed import Embedder, Vectors
from newsfuse.models import Article, Sentence, Story
from newsfuse.text.sentences import split_article
from planted import Planted, data_dir

HERE = Path(__file__).resolve().parent
LABELS = HERE / "labels"
MAX_ARTICLES = 4
"""Stories are cut to this many articles: the shape of the sets newsfuse is scored on."""


class CachedEmbedder:
    """Embeds each distinct text once: a planted story differs from its original in one
    sentence, so the second run costs one embedding."""

    def __init__(self, inner: Embedder) -> None:
        self.inner = inner
        self.name = inner.name
        self.dim = inner.dim
        self.cache: dict[str, np.ndarray] = {}

    def embed(self, texts: Sequence[str]) -> Vectors:
        todo = list(dict.fromkeys(t for t in texts if t not in self.cache))
        if todo:
            for t, v in zip(todo, self.inner.embed(todo), strict=True):
                self.cache[t] = v
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([self.cache[t] for t in texts]).astype(np.float32)


def cut(story: Story, keep: Sequence[str], limit: int = MAX_ARTICLES) -> Story:
    """``story`` with the articles ``keep`` and the first others, at most ``limit``, in order."""
    chosen = list(dict.fromkeys(keep))
    for a in story.articles:
        if len(chosen) >= limit:
            break
        if a.id not in chosen:
            chosen.append(a.id)
    return Story(story.id, tuple(a for a in story.articles if a.id in chosen), story.title)


def halves(article: Article) -> list[Article]:
    """An article's sentences split in two pseudo-articles (even and odd, ids ``h...`` and
    ``k...``): a report does not state one fact twice in other words, nor contradict itself, so
    pairs across its halves are different facts (another city's toll, another stage's winner)
    in one story's words. The trainers' source of hard negatives."""
    sentences = split_article(article)
    return [
        dataclasses.replace(
            article,
            id=f"{prefix}{article.id}",
            text="\n\n".join(s.text for s in sentences if s.index % 2 == parity),
        )
        for parity, prefix in ((0, "h"), (1, "k"))
    ]


def apart(a: str, b: str) -> bool:
    """Are articles ``a`` and ``b`` (ids from ``halves`` or prefixed ``x``/``y`` by story) surely
    about different facts: two halves of one article, or articles of two stories?"""
    if {a[:1], b[:1]} == {"h", "k"}:
        return a[1:] == b[1:]
    return {a[:1], b[:1]} == {"x", "y"}


def cut_case(case: Planted) -> Planted:
    keep = (case.a[0], case.b[0])
    return Planted(
        cut(case.original, keep),
        cut(case.story, keep),
        case.kind,
        case.label,
        case.a,
        case.b,
        case.old,
        case.new,
    )


Key = tuple[str, int]


def pair_of(a: Sentence, b: Sentence) -> frozenset[Key]:
    return frozenset({(a.article_id, a.index), (b.article_id, b.index)})


# --- the natural set -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Labelled:
    """A hand-read sentence pair, resolved to the sentences of newsfuse's own split."""

    story: str
    a: Key
    b: Key
    label: str
    kind: str
    reason: str

    @property
    def pair(self) -> frozenset[Key]:
        return frozenset({self.a, self.b})


def load_natural(files: Sequence[Path] | None = None) -> tuple[dict[str, Story], list[Labelled]]:
    """Stories (one per labelled cluster) and their labelled pairs."""
    files = files or sorted(LABELS.glob("natural_*.jsonl"))
    rows = [json.loads(line) for f in files for line in f.open(encoding="utf-8") if line.strip()]
    records: dict[tuple[str, str], dict[str, object]] = {}
    for dataset in sorted({r["dataset"] for r in rows}):
        wanted = {r["cluster"] for r in rows if r["dataset"] == dataset}
        with (data_dir() / dataset).open(encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                if rec["id"] in wanted:
                    records[dataset, rec["id"]] = rec
    stories: dict[str, Story] = {}
    splits: dict[str, dict[str, list[Sentence]]] = {}
    out = []
    for r in rows:
        rec = records[r["dataset"], r["cluster"]]
        key = f"{r['cluster']}:{','.join(map(str, r['docs']))}"
        if key not in stories:
            stories[key] = _story(key, rec, r["docs"])
            splits[key] = {a.id: split_article(a) for a in stories[key].articles}
        ids = {doc: f"d{k}" for k, doc in enumerate(r["docs"])}
        a = _sentence(splits[key][ids[r["a"]["doc"]]], r["a"])
        b = _sentence(splits[key][ids[r["b"]["doc"]]], r["b"])
        if a is not None and b is not None:
            out.append(Labelled(key, a, b, r["label"], r["kind"], r["reason"]))
    return stories, out


def _story(key: str, rec: dict[str, object], docs: Sequence[int]) -> Story:
    documents = rec["documents"]
    assert isinstance(documents, list)
    meta = rec.get("doc_meta") or [{} for _ in documents]
    ids = rec.get("doc_ids") or [""] * len(documents)
    assert isinstance(meta, list) and isinstance(ids, list)
    articles = []
    for k, doc in enumerate(docs):
        text = documents[doc]
        m = meta[doc]
        published = parse_date(m.get("date", "")) or parse_date(ids[doc]) or parse_date(text[:10])
        articles.append(
            Article(
                id=f"d{k}",
                text=text,
                source=m.get("source", "") or ids[doc],
                title=m.get("title", ""),
                published=published,
            )
        )
    return Story(key, tuple(articles))


def parse_date(text: str) -> dt.datetime | None:
    m = re.search(r"((?:19|20)\d\d)[-/]?(\d\d)[-/]?(\d\d)", text)
    if not m:
        return None
    try:
        return dt.datetime(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _sentence(sentences: list[Sentence], span: dict[str, int]) -> Key | None:
    """The sentence of our split overlapping the labelled span most."""
    best, overlap = None, 0
    for s in sentences:
        o = min(s.end, span["end"]) - max(s.start, span["start"])
        if o > overlap:
            best, overlap = (s.article_id, s.index), o
    return best


# --- shipping a trained model (scripts/train_*_model.py) --------------------------------------


def provenance(script: str, argv: Sequence[str], files: Sequence[str], emb: Embedder) -> dict:
    """What every shipped model records about how it was made."""
    import sklearn

    return {
        "script": script,
        "command": " ".join([script, *argv]),
        "data": [f"../shared/data/summarization/{f}" for f in files],
        "embedder": emb.name,
        "sklearn": sklearn.__version__,
        "trained": dt.date.today().isoformat(),
    }


def ship(
    clf: object,
    features: Sequence[str],
    threshold: float,
    prov: dict,
    x,
    out: Path,
    kind_thresholds: dict[str, float] | None = None,
) -> None:
    """Export ``clf``'s trees, check they predict what scikit-learn does, write ``out``."""
    import dataclasses

    from newsfuse.compare.trees import TreeModel

    model = TreeModel.from_sklearn(clf, features, threshold, prov)
    if kind_thresholds:
        model = dataclasses.replace(model, kind_thresholds=dict(kind_thresholds))
    gap = float(np.abs(model.probability(x) - clf.predict_proba(x)[:, 1]).max())  # type: ignore[attr-defined]
    assert gap < 1e-6, f"exported trees disagree with scikit-learn by {gap}"
    out.write_text(json.dumps(model.to_dict(), separators=(",", ":")) + "\n")
    importance = sorted(zip(clf.feature_importances_, features, strict=True), reverse=True)  # type: ignore[attr-defined]
    print("top features:", ", ".join(f"{n} {v:.3f}" for v, n in importance[:10]))
    print(f"wrote {out} ({out.stat().st_size // 1024} KB)")
