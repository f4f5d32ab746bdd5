"""What story detection knows about one article: weighted terms, an embedding and a time.

Terms are Porter stems of the content words, the title's counted ``title_weight`` times, plus
name features (``@michael_steele`` and ``@steele``) for runs of capitalized words, so a shared
name counts more than a shared common word. Weights are TF-IDF with document frequencies that
grow with the stream (``TermStats``): no background corpus is needed, and an article's weights
are fixed when it arrives, which keeps the detector's state small and its results reproducible.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from newsfuse.embed import Embedder, Vectors
from newsfuse.stories.params import StoryParams
from newsfuse.text.tokens import STOPWORDS, content_stems

__all__ = [
    "ArticleFeatures",
    "TermStats",
    "article_terms",
    "article_vector",
    "days",
    "lead_texts",
    "names",
    "story_title",
]

_TOKEN = re.compile(r"\S+")
_EDGE = "\"“”'‘’()[]{},;:"
# Capitalized for grammar, not because they name something in the story.
_NOT_NAMES = STOPWORDS | {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "mr", "mrs", "ms", "dr", "i", "ap", "reuters", "associated",
    "press", "update", "editor", "note",
}  # fmt: skip
_TITLES = {
    "sen", "rep", "gov", "gen", "col", "lt", "sgt", "capt", "adm", "jr", "sr", "prof", "rev",
    "mr", "mrs", "ms", "dr", "st", "mt", "ft", "no", "vs",
}  # fmt: skip
"""Abbreviations whose period does not end a sentence ("Sen. John McCain")."""


@dataclass(frozen=True, slots=True)
class ArticleFeatures:
    """One article as story detection sees it."""

    article_id: str
    terms: Mapping[str, int]
    """Raw term counts (stems, title stems repeated, name features)."""
    vector: Vectors
    """L2-normalized float32 embedding of the title and lead sentences."""
    time: float | None
    """Publication time in days since the Unix epoch (UTC), or None when undated."""
    title: str = ""
    source: str = ""


def names(text: str) -> list[str]:
    """Name features of capitalized word runs: the whole run and its last word (``Obama`` in
    ``Barack Obama``), lowercased. A lone capitalized word at a sentence start is skipped."""
    out: list[str] = []
    run: list[str] = []
    run_starts_sentence = False
    sentence_start = True

    def flush() -> None:
        words = [w for w in run if w]
        while words and (words[0] in _NOT_NAMES or words[0] in _TITLES):
            words.pop(0)
        while words and words[-1] in _NOT_NAMES:
            words.pop()
        if words and not (len(words) == 1 and run_starts_sentence and len(run) == 1):
            out.append("@" + "_".join(words))
            if len(words) > 1:
                out.append("@" + words[-1])
        run.clear()

    for m in _TOKEN.finditer(text):
        token = m.group(0)
        core = token.strip(_EDGE)
        bare = core.rstrip(".!?")
        ends = core != bare or token.rstrip(_EDGE + '"”’)') != token.rstrip(_EDGE)
        # "U.S." and "J." end with a period without ending the sentence.
        abbreviation = core.endswith(".") and (
            "." in bare or len(bare) <= 1 or bare.lower() in _TITLES
        )
        ends_sentence = (ends and not abbreviation) or token.endswith(":")
        if bare[:1].isupper() and bare[:1].isalpha():
            if not run:
                run_starts_sentence = sentence_start
            run.append(bare.strip("'’-&").lower())
            if ends_sentence or token[-1:] in ",;)" or token[:1] in '("“':
                flush()
        elif run:
            flush()
        sentence_start = ends_sentence or "\n" in text[m.end() : m.end() + 2]
    if run:
        flush()
    return out


def article_terms(title: str, text: str, params: StoryParams) -> Counter[str]:
    """Raw term counts of an article (see the module docstring)."""
    counts: Counter[str] = Counter(content_stems(text))
    for _ in range(params.title_weight):
        counts.update(content_stems(title))
    for _ in range(params.entity_weight):
        counts.update(names(title))
        counts.update(names(text))
    return counts


def story_title(title: str, text: str, limit: int = 100) -> str:
    """What to call a story an article starts: its title, else its first line cut at a word."""
    if title.strip():
        return title.strip()
    first = text.strip().split("\n", 1)[0]
    if len(first) <= limit:
        return first
    return first[:limit].rsplit(" ", 1)[0] + "…"


def lead_texts(title: str, sentences: Sequence[str], params: StoryParams) -> list[str]:
    """The texts whose embeddings make up the article vector: the title and the lead."""
    lead = list(sentences[: params.lead_sentences])
    return [title, *lead] if title.strip() else lead


def article_vector(vectors: Vectors, dim: int) -> Vectors:
    """Mean of the lead vectors, L2-normalized (zeros when there are none)."""
    if len(vectors) == 0:
        return np.zeros(dim, dtype=np.float32)
    mean = vectors.astype(np.float64).mean(axis=0)
    norm = float(np.linalg.norm(mean))
    out: Vectors = (mean / norm if norm else mean).astype(np.float32)
    return out


def embed_leads(
    items: Sequence[tuple[str, Sequence[str]]], embedder: Embedder, params: StoryParams
) -> list[Vectors]:
    """Article vectors for ``(title, sentences)`` pairs, embedding all leads in one batch."""
    texts: list[str] = []
    spans: list[tuple[int, int]] = []
    for title, sentences in items:
        lead = lead_texts(title, sentences, params)
        spans.append((len(texts), len(texts) + len(lead)))
        texts.extend(lead)
    matrix = embedder.embed(texts) if texts else np.zeros((0, embedder.dim), np.float32)
    return [article_vector(matrix[a:b], embedder.dim) for a, b in spans]


def days(when: dt.datetime | dt.date | None) -> float | None:
    """Days since the Unix epoch (naive datetimes are taken as UTC)."""
    if when is None:
        return None
    if not isinstance(when, dt.datetime):
        when = dt.datetime(when.year, when.month, when.day)
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return when.timestamp() / 86400.0


class TermStats:
    """Document frequencies of the stream so far, for IDF weights that grow with it."""

    def __init__(
        self, n_docs: int = 0, df: Mapping[str, int] | None = None, *, frozen: bool = False
    ) -> None:
        self.n_docs = n_docs
        self.df: dict[str, int] = dict(df or {})
        self.frozen = frozen
        """Ignore ``observe``: for re-clustering articles already counted."""

    def observe(self, terms: Iterable[str]) -> None:
        """Count one more document containing ``terms`` (each distinct term once)."""
        if self.frozen:
            return
        self.n_docs += 1
        df = self.df
        for t in terms:
            df[t] = df.get(t, 0) + 1

    def idf(self, term: str) -> float:
        # The smoothed form sklearn uses: never zero, so a term in every document still counts.
        return math.log((self.n_docs + 1) / (self.df.get(term, 0) + 1)) + 1.0

    def weigh(self, terms: Mapping[str, int], keep: int) -> dict[str, float]:
        """Sublinear TF-IDF of the ``keep`` strongest terms, L2-normalized. Ties break by term,
        and the result is ordered by weight, so the same input gives the same floats."""
        weighted = [((1.0 + math.log(c)) * self.idf(t), t) for t, c in terms.items() if c > 0]
        weighted.sort(key=lambda wt: (-wt[0], wt[1]))
        top = weighted[:keep]
        norm = math.sqrt(sum(w * w for w, _ in top)) or 1.0
        return {t: w / norm for w, t in top}
