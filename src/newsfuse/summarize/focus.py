"""What a reader's question and what they have already read add to the summary objective.

- *Relevance* of each sentence to the query: its sketch similarity to the query (both centered on
  the story) blended with the IDF-weighted share of the query's content words it uses. Topic
  statements like DUC's ("Describe the steps taken ... Include predictions reported in the
  press") carry instruction words that say what kind of answer is wanted, not what it is about;
  those are not query words. The query is then expanded with the content words most common in
  the sentences that match it best (pseudo-relevance feedback): a topic's answer uses words its
  question does not ("wetlands" asks about "flood prevention" and "habitat").
- *Background*: the articles the reader has read. Their bigrams count as covered and their
  sentences as already chosen, so only what they do not say gains anything.

Both enter ``fusion.FusionObjective`` as weights on the same terms; there is no second summarizer.
"""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
import numpy.typing as npt

from newsfuse.pipeline import Prepared
from newsfuse.text.tokens import STOPWORDS, stem, words

_INSTRUCTION_WORDS = """
    describe discuss identify explain include including includes report reported reports press
    media information specific specifically details detail give provide indicate mention
    mentioned note noted address addressed cover covered any all various kinds kind types type
    ways way aspects aspect efforts effort involved involving regarding related concerning well
    also what who whom whose where when why how which
"""
INSTRUCTIONS: frozenset[str] = frozenset(stem(w) for w in _INSTRUCTION_WORDS.split())
"""Words of a topic statement that say what is asked for, not what it is about."""


def query_terms(query: str) -> list[str]:
    """Stems of the query's content words, instruction words left out, each once."""
    return list(dict.fromkeys(query_stems(query)))


def relevance(
    prepared: Prepared,
    lexical: float = 0.5,
    floor: float = 0.0,
    *,
    repeat: float = 0.0,
    expand: int = 0,
    expand_weight: float = 0.0,
    power: float = 1.0,
) -> npt.NDArray[np.float64] | None:
    """Each sentence's relevance to the query in [0, 1] (the best sentence scores 1), or
    ``None`` without a query. ``lexical`` is the share of the word overlap in the blend; sketch
    similarities at or below ``floor`` count as none.

    A query term weighs its IDF over the story times (times it occurs in the query) ** ``repeat``
    (a topic's title words come back in its narrative). With ``expand``, the ``expand``
    sentences most relevant at first lend their most frequent content words to the query
    (pseudo-relevance feedback), at ``expand_weight`` of an original term. ``power`` sharpens the
    result (above 1: only the closest sentences keep much)."""
    n = len(prepared.sentences)
    if not prepared.query or prepared.query_sketch is None or n == 0:
        return None
    sim = prepared.sketch @ prepared.query_sketch[0]
    semantic = _unit(np.clip((sim - floor) / (1.0 - floor), 0.0, None).astype(np.float64))
    counts = Counter(query_stems(prepared.query))
    stems = _sentence_stems(prepared)
    overlap = _overlap(stems, {t: float(c) ** repeat for t, c in counts.items()})
    rel = _unit((1.0 - lexical) * semantic + lexical * overlap)
    if expand > 0 and expand_weight > 0 and counts:
        top = np.argsort(-rel, kind="stable")[:expand]
        found = Counter(t for i in top for t in stems[i] if t not in counts and t in _CONTENT)
        extra = {t: expand_weight * c / expand for t, c in found.most_common(2 * len(counts))}
        terms = {t: float(c) ** repeat for t, c in counts.items()} | extra
        rel = _unit((1.0 - lexical) * semantic + lexical * _overlap(stems, terms))
    return _unit(rel**power) if power != 1.0 else rel


def query_stems(query: str) -> list[str]:
    """``query_terms`` with repeats, in query order."""
    return [s for w in words(query) if w not in STOPWORDS and (s := stem(w)) not in INSTRUCTIONS]


class _AnyContent:
    """Membership test for content stems (no digits-only tokens, no one-letter ones)."""

    def __contains__(self, t: object) -> bool:
        return isinstance(t, str) and len(t) > 2 and not t.isdigit() and t not in INSTRUCTIONS


_CONTENT = _AnyContent()


def _sentence_stems(prepared: Prepared) -> list[set[str]]:
    return [{stem(w) for w in words(s.text) if w not in STOPWORDS} for s in prepared.sentences]


def _overlap(stems: list[set[str]], terms: dict[str, float]) -> npt.NDArray[np.float64]:
    """Per sentence, the IDF- and term-weighted share of ``terms`` it uses, scaled so the best
    sentence scores 1."""
    n = len(stems)
    if not terms:
        return np.zeros(n)
    df = Counter(t for ss in stems for t in terms if t in ss)
    weight = {t: w * math.log(1.0 + n / (1.0 + df[t])) for t, w in terms.items()}
    return _unit(np.array([sum(weight[t] for t in terms if t in ss) for ss in stems]))


def _unit(x: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    top = float(x.max()) if x.size else 0.0
    return x / top if top > 0 else x


def background_rows(prepared: Prepared) -> npt.NDArray[np.bool_]:
    """Mask of the sentences of articles the reader has already read."""
    return np.array([s.article_id in prepared.background for s in prepared.sentences], dtype=bool)
