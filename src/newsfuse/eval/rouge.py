"""ROUGE by the protocol in ``../shared/data/README.md``: every output cut to the same word budget,
ROUGE-1/2/Lsum F1 (and recall) from rouge-score with Porter stemming, Lsum with one sentence per
line, averaged over a cluster's references, then over clusters."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rouge_score import rouge_scorer

from newsfuse.text.sentences import split_spans

METRICS = ("rouge1", "rouge2", "rougeLsum")

_SCORER = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)


@dataclass(frozen=True, slots=True)
class RougeScores:
    """F1 and recall per metric, in [0, 1]."""

    f1: dict[str, float]
    recall: dict[str, float]


def truncate(sentences: Sequence[str], budget: int) -> list[str]:
    """Cut a list of sentences to ``budget`` whitespace words (the last one may be cut)."""
    out: list[str] = []
    left = budget
    for s in sentences:
        ws = s.split()
        if left <= 0 or not ws:
            break
        out.append(" ".join(ws[:left]))
        left -= len(ws[:left])
    return out


def as_sentences(text: str) -> list[str]:
    """A reference or system text as sentences (existing line breaks kept)."""
    return [text[s:e] for s, e in split_spans(text)]


def score(summary: Sequence[str], references: Sequence[str], budget: int) -> RougeScores:
    """Score one summary (its sentences) against one or more reference texts."""
    cand = "\n".join(truncate(summary, budget))
    f1 = dict.fromkeys(METRICS, 0.0)
    rec = dict.fromkeys(METRICS, 0.0)
    for ref in references:
        ref_text = "\n".join(as_sentences(ref))
        res = _SCORER.score(ref_text, cand)
        for m in METRICS:
            f1[m] += res[m].fmeasure / len(references)
            rec[m] += res[m].recall / len(references)
    return RougeScores(f1, rec)


def references_of(record: dict[str, object]) -> list[str]:
    """The human summaries of a data-set line (``summary`` or ``summaries``)."""
    many, one = record.get("summaries"), record.get("summary")
    if isinstance(many, list):
        return [str(s) for s in many]
    if isinstance(one, str):
        return [one]
    return []
