"""Baselines: sumy's LexRank and TextRank, scored over our sentences with our tokenizer.

sumy's default tokenizer needs NLTK's punkt data, which is not installed here; we hand sumy the
sentences we already split and a regex word tokenizer, so the baselines see exactly the same
sentences as every other method.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from sumy.models.dom import ObjectDocumentModel, Paragraph
from sumy.models.dom import Sentence as SumySentence
from sumy.nlp.stemmers import Stemmer
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.summarizers.text_rank import TextRankSummarizer
from sumy.utils import get_stop_words

from newsfuse.models import Summary
from newsfuse.pipeline import Prepared
from newsfuse.settings import Settings
from newsfuse.summarize.base import StaticScores, candidates, summarize_with
from newsfuse.text.tokens import words


class WordTokenizer:
    """The minimal tokenizer interface sumy's ``Sentence`` needs."""

    language = "english"

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(words(sentence))


_TOKENIZER = WordTokenizer()


def _ratings(make: Callable[[], Any], texts: list[str]) -> list[float]:
    """Run a sumy summarizer over ``texts`` (one paragraph per text) and return its rating of
    each text, in order."""
    captured: dict[Any, float] = {}

    summarizer = make()
    summarizer.stop_words = get_stop_words("english")

    def keep(_sentences: Any, _count: Any, rating: Any, *args: Any, **kwargs: Any) -> tuple[()]:
        captured.update(rating)
        return ()

    summarizer._get_best_sentences = keep  # sumy keeps its scores private; this is the one seam
    sentences = [SumySentence(t, _TOKENIZER) for t in texts]
    summarizer(ObjectDocumentModel([Paragraph(sentences)]), len(sentences))
    return [float(captured.get(s, 0.0)) for s in sentences]


def sumy_scores(prepared: Prepared, pool: list[int], make: Callable[[], Any]) -> np.ndarray:
    scores = np.full(len(prepared.sentences), -np.inf)
    if pool:
        scores[pool] = _ratings(make, [prepared.sentences[i].text for i in pool])
    return scores


def _method(name: str, cls: type) -> Callable[[Prepared, Settings], Summary]:
    def summarizer(prepared: Prepared, settings: Settings) -> Summary:
        pool = candidates(prepared, settings)
        scores = sumy_scores(prepared, pool, lambda: cls(Stemmer("english")))
        return summarize_with(prepared, lambda: StaticScores(scores), settings, name, pool)

    summarizer.__name__ = name
    summarizer.__doc__ = f"Baseline: sumy {cls.__name__[:-10]} over the story's sentences."
    return summarizer


lexrank = _method("lexrank", LexRankSummarizer)
textrank = _method("textrank", TextRankSummarizer)
