"""What a reader's question and what they have already read add to the summary objective.

- *Relevance* of each sentence to the query: its sketch similarity to the query (both centered on
  the story) blended with the IDF-weighted share of the query's content words it uses. Topic
  statements like DUC's ("Describe the steps taken ... Include predictions reported in the
  press") carry instruction words that say what kind of answer is wanted, not what it is about;
  those are not query words.
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
    return list(
        dict.fromkeys(
            s for w in words(query) if w not in STOPWORDS and (s := stem(w)) not in INSTRUCTIONS
        )
    )


def relevance(
    prepared: Prepared, lexical: float = 0.5, floor: float = 0.0
) -> npt.NDArray[np.float64] | None:
    """Each sentence's relevance to the query in [0, 1] (the best sentence scores 1), or
    ``None`` without a query. ``lexical`` is the share of the word overlap in the blend; sketch
    similarities at or below ``floor`` count as none."""
    n = len(prepared.sentences)
    if not prepared.query or prepared.query_sketch is None or n == 0:
        return None
    sim = prepared.sketch @ prepared.query_sketch[0]
    semantic = np.clip((sim - floor) / (1.0 - floor), 0.0, None).astype(np.float64)
    terms = query_terms(prepared.query)
    overlap = np.zeros(n)
    if terms:
        stems = [{stem(w) for w in words(s.text)} for s in prepared.sentences]
        df = Counter(t for ss in stems for t in terms if t in ss)
        idf = {t: math.log(1.0 + n / (1.0 + df[t])) for t in terms}
        total = sum(idf.values()) or 1.0
        overlap = np.array([sum(idf[t] for t in terms if t in ss) / total for ss in stems])
    blend = (1.0 - lexical) * _unit(semantic) + lexical * _unit(overlap)
    return _unit(blend)


def _unit(x: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    top = float(x.max()) if x.size else 0.0
    return x / top if top > 0 else x


def background_rows(prepared: Prepared) -> npt.NDArray[np.bool_]:
    """Mask of the sentences of articles the reader has already read."""
    return np.array([s.article_id in prepared.background for s in prepared.sentences], dtype=bool)
