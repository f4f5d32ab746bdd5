"""Per-sentence features shared by claim alignment and conflict detection.

Word evidence is weighted by inverse sentence frequency *within the story*: in a story about
Aleppo, "Aleppo" says nothing about which fact a sentence reports, while "displaced" does.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from newsfuse.compare.values import lexicon as lx
from newsfuse.compare.values.dates import DateMention, find_dates
from newsfuse.compare.values.quantities import Quantity, find_quantities
from newsfuse.models import Article, Sentence
from newsfuse.pipeline import Prepared
from newsfuse.text.tokens import STOPWORDS, stem

if TYPE_CHECKING:  # scipy is slow to import: import it only where a matrix is built
    from scipy import sparse  # type: ignore[import-untyped]  # scipy ships no type information

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]")
_NAME = re.compile(
    r"\b(?:[A-Z][a-z]+|[A-Z]{2,}s?|[A-Z]\.(?:[A-Z]\.)+)(?:[\s-]+(?:[A-Z][a-z]+|"
    r"[A-Z]{2,}|of|the|for|and|de|al)\b)*"
)
_NAME_STOP = frozenset(
    {
        "the",
        "a",
        "an",
        "but",
        "and",
        "in",
        "on",
        "at",
        "it",
        "he",
        "she",
        "they",
        "we",
        "i",
        "this",
        "that",
        "there",
        "when",
        "while",
        "as",
        "if",
        "after",
        "before",
        "for",
        "of",
        "or",
        "mr",
        "mrs",
        "ms",
        "dr",
        "so",
    }
)


def norm_word(word: str) -> str:
    """Lowercase stem, with synonyms folded ("countries" -> "nation")."""
    w = lx.singular(word.lower().replace("’", "'"))
    return lx.SYNONYM.get(w, stem(w))


def content_words(text: str) -> list[str]:
    """Normalized content words of ``text`` (no stopwords, no numbers)."""
    out = []
    for w in _WORD.findall(text):
        low = w.lower()
        if low in STOPWORDS or low in lx.UNITS or low in lx.TENS or len(low) < 2:
            continue
        out.append(norm_word(low))
    return out


def names_in(text: str) -> set[str]:
    """Lowercased capitalized phrases and their initials ("International Syria Support Group"
    also yields "issg"), so an acronym in one report matches the full name in another."""
    out: set[str] = set()
    for m in _NAME.finditer(text):
        words = [w for w in re.split(r"[\s-]+", m.group()) if w]
        while words and words[0].lower() in _NAME_STOP:
            words.pop(0)
        if not words:
            continue
        caps = [w for w in words if w[0].isupper()]
        for w in caps:
            key = w.replace(".", "").lower()
            if key not in _NAME_STOP and key not in lx.MONTHS and key not in lx.WEEKDAYS:
                out.add(key.rstrip("s") if w.isupper() and w.endswith("s") else key)
        if len(caps) >= 2:
            out.add("".join(w[0] for w in caps).lower())
    return out


@dataclass(slots=True)
class SentenceFeatures:
    """What the comparison stages read from one sentence."""

    sentence: Sentence
    article: Article
    words: list[str]
    names: set[str]
    quantities: list[Quantity]
    dates: list[DateMention]
    idf: dict[str, float] = field(default_factory=dict)

    @property
    def stems(self) -> set[str]:
        return set(self.words)

    def weight(self, word: str) -> float:
        return self.idf.get(word, 1.0)

    def weighted_jaccard(self, other: SentenceFeatures) -> float:
        a, b = self.stems | self.names, other.stems | other.names
        union = sum(self.weight(w) for w in a | b)
        return sum(self.weight(w) for w in a & b) / union if union else 0.0

    def shares_anchor(self, other: SentenceFeatures) -> bool:
        """Same number or same rare name: what paraphrases of one fact keep."""
        if self.anchors & other.anchors:
            return True
        shared = self.names & other.names
        return any(self.weight(n) >= RARE_NAME_IDF for n in shared)

    @property
    def anchors(self) -> set[str]:
        return {q.normalized() for q in self.quantities if q.comparable}


RARE_NAME_IDF = 1.5
"""A name shared by two sentences counts as an anchor when it is this rare in the story."""

# The claim and conflict stages both read the features of one Prepared; computing them once
# halves the cost. Holding the Prepared keeps its id from being reused while cached.
_CACHE: dict[int, tuple[Prepared, list[SentenceFeatures]]] = {}
_CACHE_SIZE = 4


def sentence_features(prepared: Prepared) -> list[SentenceFeatures]:
    """Features of every sentence of ``prepared``, in order, with story-level IDF."""
    hit = _CACHE.get(id(prepared))
    if hit is not None and hit[0] is prepared:
        return hit[1]
    feats = _compute(prepared)
    while len(_CACHE) >= _CACHE_SIZE:
        del _CACHE[next(iter(_CACHE))]
    _CACHE[id(prepared)] = (prepared, feats)
    return feats


def weighted_terms(feats: Sequence[SentenceFeatures]) -> sparse.csr_matrix:
    """Sparse sentence x term matrix holding each present term's story IDF."""
    return weighted_sets([f.stems | f.names for f in feats], feats[0].weight if feats else None)


def weighted_sets(
    sets: Sequence[Iterable[str]], weight: Callable[[str], float] | None
) -> sparse.csr_matrix:
    """Sparse row per set, a column per distinct word, holding ``weight(word)``."""
    from scipy import sparse  # see the TYPE_CHECKING import

    vocab: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    for i, words in enumerate(sets):
        for w in words:
            rows.append(i)
            cols.append(vocab.setdefault(w, len(vocab)))
            vals.append(weight(w) if weight is not None else 1.0)
    shape = (len(sets), max(len(vocab), 1))
    return sparse.csr_matrix((np.array(vals, np.float32), (rows, cols)), shape=shape)


def _compute(prepared: Prepared) -> list[SentenceFeatures]:
    story = prepared.story
    out: list[SentenceFeatures] = []
    for s in prepared.sentences:
        article = story.article(s.article_id)
        out.append(
            SentenceFeatures(
                sentence=s,
                article=article,
                words=content_words(s.text),
                names=names_in(s.text),
                quantities=find_quantities(s.text),
                dates=find_dates(s.text, article.published),
            )
        )
    idf = story_idf(f.stems | f.names for f in out)
    for f in out:
        f.idf = idf
    return out


def story_idf(docs: Iterable[set[str]]) -> dict[str, float]:
    """log(N / df) over the story's sentences, floored at a small positive weight."""
    df: Counter[str] = Counter()
    n = 0
    for d in docs:
        n += 1
        df.update(d)
    return {w: max(math.log((n + 1) / (c + 0.5)), 0.1) for w, c in df.items()}


SENTENCE_EVIDENCE = (
    "cosine",
    "jaccard",
    "rest_overlap",
    "rest_min_cover",
    "rest_max_cover",
    "names_only_a",
    "names_only_b",
    "shared_rare_names",
    "shared_values",
    "length_ratio",
    "days_apart",
    "quoted",
)
"""What ``sentence_evidence`` measures, in order."""


def sentence_evidence(
    prepared: Prepared,
    feats: Sequence[SentenceFeatures],
    rows: tuple[int, int],
    spans: tuple[str, str],
) -> dict[str, float]:
    """How the two sentences compare once the two differing values are taken out."""
    i, j = rows
    fa, fb = feats[i], feats[j]
    va, vb = prepared.embed([i, j])
    value_words = set(content_words(spans[0])) | set(content_words(spans[1]))
    wa = set(fa.words) - value_words
    wb = set(fb.words) - value_words
    union = wa | wb
    shared = wa & wb
    names_a = {n for n in fa.names - fb.names if n not in spans[0].lower()}
    names_b = {n for n in fb.names - fa.names if n not in spans[1].lower()}
    pa, pb = fa.article.published, fb.article.published
    days = abs((pa - pb).total_seconds()) / 86400 if pa is not None and pb is not None else -1.0
    ta, tb = fa.sentence.text, fb.sentence.text
    return {
        "cosine": float(np.dot(va, vb)),
        "jaccard": fa.weighted_jaccard(fb),
        "rest_overlap": len(shared) / len(union) if union else 0.0,
        "rest_min_cover": min(_cover(shared, wa), _cover(shared, wb)),
        "rest_max_cover": max(_cover(shared, wa), _cover(shared, wb)),
        "names_only_a": float(len(names_a)),
        "names_only_b": float(len(names_b)),
        "shared_rare_names": float(
            sum(1 for n in fa.names & fb.names if fa.weight(n) >= RARE_NAME_IDF)
        ),
        "shared_values": float(len(fa.anchors & fb.anchors)),
        "length_ratio": min(len(ta), len(tb)) / max(len(ta), len(tb), 1),
        "days_apart": math.log1p(days) if days >= 0 else -1.0,
        "quoted": float(_quoted(ta) or _quoted(tb)),
    }


def _cover(shared: set[str], words: set[str]) -> float:
    return len(shared) / len(words) if words else 0.0


def _quoted(text: str) -> bool:
    return any(q in text for q in ('"', "“", "”"))
