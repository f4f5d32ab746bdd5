"""The default method: budgeted submodular selection over what the sources say together.

The value of a set of sentences S is

    F(S) = C(S) + lam * L(S) + mu * sum of lead priors of S

- C, *concept coverage* (Gillick & Favre's concept model): the weighted share of the story's word
  bigrams that S covers. A bigram's weight is (number of articles that use it) ** 2, and with three
  or more articles a bigram only one of them uses weighs nothing: what several outlets report is
  what the story is about.
- L, *facility location* over sentence embeddings (Lin & Bilmes 2011): how well every sentence of
  every article is represented by its most similar chosen sentence, each weighted by its lead
  prior, so the opening of each report counts most.
- the lead prior of a sentence at position k of its article is 1 / (1 + k): news is written
  inverted-pyramid.

Both C and L are monotone submodular, so greedy selection by gain / words ** r is near-optimal
under the word budget. The weights were chosen on the Multi-News and DUC 2003 development sets
(benchmarks/summarization.py prints the comparison); one setting serves both.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from newsfuse.models import Summary
from newsfuse.pipeline import Prepared
from newsfuse.settings import Settings
from newsfuse.summarize.base import candidates, summarize_with
from newsfuse.text.tokens import STOPWORDS, stem, words


@dataclass(frozen=True, slots=True)
class FusionWeights:
    """The objective's constants (see the module docstring)."""

    facility: float = 1.0
    """lam: weight of embedding coverage relative to concept coverage."""
    lead: float = 0.02
    """mu: weight of a chosen sentence's own lead prior."""
    lead_decay: float = 1.0
    """Lead prior 1 / (1 + k) ** lead_decay."""
    support_power: float = 2.0
    """A concept weighs (articles using it) ** support_power."""
    min_support: int = 2
    """With three or more articles, concepts used by fewer articles weigh nothing."""
    cost_power: float = 0.7
    """Greedy ranks by gain / words ** cost_power: below 1 leans to longer, fuller sentences."""


DEFAULT_WEIGHTS = FusionWeights()


def concepts(text: str) -> set[str]:
    """Stemmed word bigrams, except those made only of stopwords."""
    ws = words(text)
    st = [stem(w) for w in ws]
    return {
        f"{a} {b}"
        for a, b, wa, wb in zip(st, st[1:], ws, ws[1:], strict=False)
        if not (wa in STOPWORDS and wb in STOPWORDS)
    }


class FusionObjective:
    """Marginal gains of F for the greedy selector in ``base.select``."""

    def __init__(self, prepared: Prepared, weights: FusionWeights = DEFAULT_WEIGHTS) -> None:
        self.w = weights
        sents = prepared.sentences
        self.concepts = [concepts(s.text) for s in sents]
        support: Counter[str] = Counter()
        for rows in prepared.by_article.values():
            support.update(set().union(*(self.concepts[r] for r in rows)) if rows else set())
        few = len(prepared.by_article) < 3
        self.weight = {
            c: float(d) ** weights.support_power if few or d >= weights.min_support else 0.0
            for c, d in support.items()
        }
        self.concept_total = sum(self.weight.values()) or 1.0
        self.covered: set[str] = set()

        index = np.array([s.index for s in sents], dtype=np.float64)
        self.prior: npt.NDArray[np.float64] = 1.0 / (1.0 + index) ** weights.lead_decay
        self.prior_total = float(self.prior.sum()) or 1.0
        self.sim = np.clip(prepared.vectors @ prepared.vectors.T, 0.0, None).astype(np.float64)
        self.best = np.zeros(len(sents))
        self._facility: npt.NDArray[np.float64] | None = None

    def _facility_gains(self) -> npt.NDArray[np.float64]:
        # Gains for every candidate at once; recomputed only after a sentence is added.
        if self._facility is None:
            lift = np.maximum(self.sim - self.best[:, None], 0.0)
            self._facility = (self.prior @ lift) / self.prior_total
        return self._facility

    def gain(self, i: int, cost: int) -> float:
        concept = sum(self.weight[c] for c in self.concepts[i] - self.covered) / self.concept_total
        value = (
            concept
            + self.w.facility * float(self._facility_gains()[i])
            + self.w.lead * float(self.prior[i])
        )
        return float(value / max(cost, 1) ** self.w.cost_power)

    def add(self, i: int) -> None:
        self.covered |= self.concepts[i]
        self.best = np.maximum(self.best, self.sim[:, i])
        self._facility = None


def fusion(prepared: Prepared, settings: Settings) -> Summary:
    """The default summarizer (see the module docstring)."""
    pool = candidates(prepared, settings)
    return summarize_with(prepared, FusionObjective(prepared), settings, "newsfuse", pool)
