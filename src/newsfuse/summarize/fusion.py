"""The default method: budgeted submodular selection over what the sources say together.

The value of a set of sentences S is

    F(S) = C(S) + lam * L(S) + mu * sum of lead priors of S

- C, *concept coverage* (Gillick & Favre's concept model): the weighted share of the story's word
  bigrams that S covers. A bigram's weight is (number of articles that use it) ** 2, and with three
  or more articles a bigram only one of them uses weighs nothing: what several outlets report is
  what the story is about.
- L, *facility location* (Lin & Bilmes 2011) over the sentences' sketch vectors (the static
  distillation of all-MiniLM-L6-v2, ``embed.static``): how well every sentence of every article
  is represented by its most similar chosen sentence, each weighted by its lead prior, so the
  opening of each report counts most. The sketch costs ~1% of the model and scored like it on
  Multi-News (ROUGE-2 16.0 against 15.9) and ~1 R-1 lower on DUC 2003; the model itself then
  runs only on the chosen sentences and their candidate citations.
- the lead prior of a sentence at position k of its article is 1 / (1 + k): news is written
  inverted-pyramid.

Both C and L are monotone submodular, so greedy selection by gain / words ** r is near-optimal
under the word budget.

L is computed over a sparse graph of the pairs whose sketches are above ``sketch_floor``: every
such pair up to ``EXACT_ROWS`` sentences (the exact objective). A larger story (thousands of
articles) is first cut to a pool of ``POOL`` candidates, the central sentences near each
article's opening, with syndicated copies left out (``large_pool``); only the pool's coverage of
every sentence is computed, each sentence keeping its ``NEIGHBORS`` best coverers, so the work
grows with the story rather than its square.

The weights were chosen on the Multi-News and DUC 2003 development sets (benchmarks/summarization.py
prints the comparison); one setting serves both.

With a query (``focus.relevance``, each sentence's relevance in [0, 1]) the same terms are
biased toward it: a concept weighs more by its most relevant sentence, a sentence counts in L by
its relevance, a chosen sentence gains a little for its own, and L weighs less beside C (the
answer is in the words the question asks about, less in what resembles the story's leads).
With background articles, what they say counts as covered already (see ``FusionWeights``).
These ``query_*`` and ``background_*`` weights were chosen on half the DUC 2006 topics
(``scripts/tune_focus.py``); generic summaries never read them.
"""

from __future__ import annotations

import copy
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy import sparse  # type: ignore[import-untyped]  # scipy ships no type information

from newsfuse.embed import Vectors
from newsfuse.embed.neighbors import neighbors
from newsfuse.models import Summary
from newsfuse.pipeline import Prepared
from newsfuse.settings import Settings
from newsfuse.summarize.base import Rows, candidates, summarize_with
from newsfuse.summarize.focus import background_rows, query_terms, relevance
from newsfuse.text.tokens import STOPWORDS, stem, words

EXACT_ROWS = 4000
"""Up to this many sentences the coverage graph holds every pair above the floor (at most 16 M
pairs, the dense matrix of old)."""
POOL = 1500
"""Past ``EXACT_ROWS``, the candidates the objective chooses among (``large_pool``)."""
NEIGHBORS = 100
"""... and how many of them each sentence keeps as coverers: its closest, the only ones that
matter once a few sentences are chosen."""
SAMPLE = 2000
"""Article leads a large story's centrality is measured against."""


@dataclass(frozen=True, slots=True)
class FusionWeights:
    """The objective's constants (see the module docstring)."""

    facility: float = 1.0
    """lam: weight of embedding coverage relative to concept coverage."""
    lead: float = 0.02
    """mu: weight of a chosen sentence's own lead prior."""
    lead_decay: float = 1.0
    """Lead prior 1 / (1 + k) ** lead_decay."""
    support_power: float = 2.5
    """A concept weighs (articles using it) ** support_power."""
    min_support: int = 2
    """With three or more articles, concepts used by fewer articles weigh nothing."""
    sketch_floor: float = 0.3
    """Sketch similarities (centered on the story) at or below this count as unrelated; the rest
    are rescaled to 0..1. Centered cosines near zero are noise, not resemblance."""
    cost_power: float = 0.7
    """Greedy ranks by gain / words ** cost_power: below 1 leans to longer, fuller sentences."""
    query_lexical: float = 0.7
    """With a query: share of word overlap (the rest: sketch similarity) in a sentence's
    relevance (``focus.relevance``)."""
    query_clients: float = 0.5
    """With a query: how much a sentence's relevance decides how much covering it is worth in
    L (0: not at all, 1: an irrelevant sentence is worth nothing)."""
    query_concepts: float = 1.0
    """With a query: the same for a concept, by the relevance of the sentences that use it."""
    query_concept_power: float = 1.0
    """With a query: a concept's relevance is its best sentence's ** query_concept_power."""
    query_weight: float = 0.02
    """With a query: weight of a chosen sentence's own relevance."""
    query_repeat: float = 0.0
    """With a query: a query term weighs (times the query uses it) ** query_repeat."""
    query_expand: int = 10
    """With a query: the most relevant sentences whose words expand the query (0: none)."""
    query_expand_weight: float = 0.5
    """... and what an expansion word weighs beside a query word."""
    query_power: float = 1.0
    """With a query: relevance ** query_power (above 1: only the closest sentences count)."""
    query_lead_decay: float = 1.0
    """With a query: ``lead_decay`` instead (an answer may sit deep in a report)."""
    query_facility: float = 0.1
    """With a query: ``facility`` instead."""
    query_cost_power: float = 0.6
    """With a query: ``cost_power`` instead."""
    query_support_power: float = 2.0
    """With a query: ``support_power`` instead."""
    query_sketch_floor: float = 0.2
    """With a query: ``sketch_floor`` instead."""
    query_bigram: float = 0.0
    """With a query: a concept that uses a query word weighs 1 + query_bigram times more."""
    query_floor: float = 0.0
    """With a query: candidates less relevant than this are not chosen."""
    query_support: float = 0.0
    """With a query: share of a concept's article count that counts only articles using it in
    a relevant sentence (each weighted by its most relevant such sentence)."""
    background_concepts: float = 0.5
    """With background articles: what a concept they already use is still worth."""
    background_cover: float = 1.0
    """With background articles: how much of their resemblance to a sentence counts as already
    covering it in L (1: what was read covers as a chosen sentence would)."""
    background_penalty: float = 0.0
    """With background articles: a candidate loses this times its resemblance to the closest
    sentence read (saying again what was read is worth less than nothing)."""
    background_repeat: float = 1.01
    """With background articles: candidates resembling a sentence read at least this much
    (rescaled sketch similarity, 1: the same text) are not chosen; above 1: off."""
    background_numbers: float = 0.0
    """With background articles: a candidate gains this for stating a number the background
    never does (a changed figure is news)."""


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
    """Marginal gains of F for the greedy selector in ``base.select``; all candidates' gains are
    computed at once (a sparse product and a matrix product) after each addition."""

    def __init__(
        self,
        prepared: Prepared,
        weights: FusionWeights = DEFAULT_WEIGHTS,
        coverers: Sequence[int] | None = None,
    ) -> None:
        """``coverers``: the rows that may be chosen (and the background rows), when not all
        may: only their coverage of the others is computed."""
        self.w = weights
        focused = bool(prepared.query) and prepared.query_sketch is not None
        self.facility = weights.query_facility if focused else weights.facility
        self.cost_power = weights.query_cost_power if focused else weights.cost_power
        support_power = weights.query_support_power if focused else weights.support_power
        floor = weights.query_sketch_floor if focused else weights.sketch_floor
        sents = prepared.sentences
        read = background_rows(prepared)
        per_sentence = [concepts(s.text) for s in sents]
        self.relevance = relevance(
            prepared,
            weights.query_lexical,
            repeat=weights.query_repeat,
            expand=weights.query_expand,
            expand_weight=weights.query_expand_weight,
            power=weights.query_power,
        )
        rel = self.relevance
        support: Counter[str] = Counter()
        for rows in prepared.new_articles.values():
            support.update(set().union(*(per_sentence[r] for r in rows)) if rows else set())
        mass: dict[str, float] = dict(support)
        if rel is not None and weights.query_support > 0:
            mass = _relevant_support(support, per_sentence, prepared, rel, weights.query_support)
        few = len(prepared.new_articles) < 3
        column = {c: k for k, c in enumerate(support)}
        weight = np.array(
            [
                mass[c] ** support_power if few or d >= weights.min_support else 0.0
                for c, d in support.items()
            ]
        )
        cells = [(i, column[c]) for i, cs in enumerate(per_sentence) for c in cs if c in column]
        self.incidence = sparse.csr_matrix(
            (np.ones(len(cells)), ([i for i, _ in cells], [k for _, k in cells])),
            shape=(len(sents), len(column)),
        )
        index = np.array([s.index for s in sents], dtype=np.float64)
        decay = weights.lead_decay if rel is None else weights.query_lead_decay
        self.prior: npt.NDArray[np.float64] = 1.0 / (1.0 + index) ** decay
        self.own = self.prior.copy()
        self.prior[read] = 0.0  # what was read needs no covering
        if rel is not None:
            self.prior *= 1.0 - weights.query_clients + weights.query_clients * rel
            self.own = self.own * weights.lead + weights.query_weight * rel
            weight *= self._concept_relevance(
                rel**weights.query_concept_power, weights.query_concepts
            )
            if weights.query_bigram > 0:
                asked = set(query_terms(prepared.query))
                weight *= np.array(
                    [1.0 + weights.query_bigram * bool(asked & set(c.split())) for c in support]
                )
        else:
            self.own *= weights.lead
        self.concept_weight = weight / (weight.sum() or 1.0)
        self.prior_total = float(self.prior.sum()) or 1.0
        if coverers is not None:
            coverers = sorted({*coverers, *np.flatnonzero(read).tolist()})
        self.sim = coverage_graph(prepared.sketch, floor, coverers)
        self._rows = np.repeat(np.arange(len(sents)), np.diff(self.sim.indptr))
        self._by_coverer = self.sim.tocsc()
        self.start_uncovered = np.ones(len(column))
        self.start_best = np.zeros(len(sents))
        # per sentence, its resemblance to the closest sentence read (0 without background)
        self.read_cover = np.zeros(len(sents))
        if read.any() and weights.background_numbers > 0:
            self.own = self.own + weights.background_numbers * _new_numbers(prepared, read)
        if read.any():
            self.start_uncovered[self.incidence[np.flatnonzero(read)].indices] = (
                weights.background_concepts
            )
            by_read = self.sim[:, np.flatnonzero(read)].max(axis=1).toarray().ravel()
            self.read_cover = by_read
            self.start_best = weights.background_cover * by_read
            self.own = self.own - weights.background_penalty * by_read
        self.uncovered = self.start_uncovered.copy()
        self.best = self.start_best.copy()
        self._values: npt.NDArray[np.float64] | None = None

    def _concept_relevance(
        self, rel: npt.NDArray[np.float64], share: float
    ) -> npt.NDArray[np.float64]:
        """Per concept: 1 - share + share * (the relevance of the most relevant sentence using
        it)."""
        best = self.incidence.multiply(rel[:, None]).max(axis=0).toarray().ravel()
        return np.asarray(1.0 - share + share * best)

    def fresh(self) -> FusionObjective:
        """The objective with nothing chosen, sharing everything computed from the story."""
        new = copy.copy(self)
        new.uncovered = self.start_uncovered.copy()
        new.best = self.start_best.copy()
        new._values = None
        return new

    def _gains(self) -> npt.NDArray[np.float64]:
        if self._values is None:
            concept = self.incidence @ (self.concept_weight * self.uncovered)
            # sum_i prior[i] * max(sim[i, j] - best[i], 0) over the stored pairs only: an absent
            # pair has similarity 0 and lifts nothing, as best >= 0
            lift = np.maximum(self.sim.data - self.best[self._rows], 0.0) * self.prior[self._rows]
            facility: npt.NDArray[np.float64] = np.bincount(
                self.sim.indices, lift, minlength=len(self.best)
            ).astype(np.float64)
            facility /= self.prior_total
            self._values = concept + self.facility * facility + self.own
        return self._values

    def gains(self, rows: Rows, costs: Rows) -> npt.NDArray[np.float64]:
        return self._gains()[rows] / np.maximum(costs, 1) ** self.cost_power

    def gain(self, i: int, cost: int) -> float:
        """``gains`` of one candidate."""
        return float(self.gains(np.array([i]), np.array([cost]))[0])

    def add(self, i: int) -> None:
        inc = self.incidence
        self.uncovered[inc.indices[inc.indptr[i] : inc.indptr[i + 1]]] = 0.0
        col = self._by_coverer
        start, stop = col.indptr[i], col.indptr[i + 1]
        rows = col.indices[start:stop]
        self.best[rows] = np.maximum(self.best[rows], col.data[start:stop])
        self._values = None


def _relevant_support(
    support: Counter[str],
    per_sentence: list[set[str]],
    prepared: Prepared,
    rel: npt.NDArray[np.float64],
    share: float,
) -> dict[str, float]:
    """Article counts blended with relevance-weighted ones: an article counts for a concept by
    its most relevant sentence using it."""
    relevant: dict[str, float] = {}
    for rows in prepared.new_articles.values():
        best: dict[str, float] = {}
        for r in rows:
            for c in per_sentence[r]:
                if rel[r] > best.get(c, 0.0):
                    best[c] = float(rel[r])
        for c, v in best.items():
            relevant[c] = relevant.get(c, 0.0) + v
    return {c: (1.0 - share) * d + share * relevant.get(c, 0.0) for c, d in support.items()}


def _new_numbers(prepared: Prepared, read: npt.NDArray[np.bool_]) -> npt.NDArray[np.float64]:
    """1.0 for sentences stating a number (digits) no background sentence states."""

    def numbers(text: str) -> set[str]:
        return {w for w in words(text) if any(ch.isdigit() for ch in w)}

    old = set().union(*(numbers(prepared.sentences[i].text) for i in np.flatnonzero(read)))
    return np.array(
        [float(bool(numbers(s.text) - old)) for s in prepared.sentences], dtype=np.float64
    )


def coverage_graph(
    sketch: Vectors, floor: float, coverers: Sequence[int] | None = None
) -> sparse.csr_matrix:
    """How well each sentence (row) is covered by each other (column), ``(cos - floor) / (1 -
    floor)`` where the cosine of the sketches is above ``floor``, as a sparse matrix with its
    diagonal. Without ``coverers`` every pair above the floor is kept (the exact objective, a
    symmetric matrix); with them, only those columns, and each row keeps its ``NEIGHBORS`` best,
    so work and memory grow with ``n * len(coverers)`` and ``n * NEIGHBORS``."""
    n = len(sketch)
    if coverers is None:
        graph = neighbors(sketch, n, floor + 1e-9)
        graph = graph + sparse.diags(np.einsum("ij,ij->i", sketch, sketch), format="csr")
    else:
        cols = np.asarray(coverers, dtype=np.intp)
        near = neighbors(sketch, NEIGHBORS, floor + 1e-9, others=sketch[cols]).tocoo()
        graph = sparse.csr_matrix((near.data, (near.row, cols[near.col])), shape=(n, n))
    graph.data = ((graph.data - floor) / (1.0 - floor)).astype(np.float64)
    graph.data[graph.data < 0.0] = 0.0
    graph.sort_indices()
    return graph


def large_pool(prepared: Prepared, pool: Sequence[int], size: int) -> list[int]:
    """The ``size`` candidates of a large story most worth the full objective: sentences of
    articles that are not copies of another (``claims.copies``), ranked by lead prior times
    centrality, the mean similarity to the story's leads (a sentence many reports echo)."""
    from newsfuse.compare.claims.copies import copy_of

    copies = copy_of(prepared.story)
    rows = np.array([i for i in pool if prepared.sentences[i].article_id not in copies], np.intp)
    if rows.size <= size:
        return [int(i) for i in rows]
    leads = np.array([r[0] for r in prepared.new_articles.values() if r], np.intp)
    leads = leads[np.linspace(0, leads.size - 1, min(leads.size, SAMPLE)).astype(np.intp)]
    sketch = prepared.sketch
    central = np.clip(sketch[rows] @ sketch[leads].T, 0.0, None).mean(axis=1)
    index = np.array([prepared.sentences[i].index for i in rows], dtype=np.float64)
    score = central / (1.0 + index)
    best = rows[np.argsort(-score, kind="stable")[:size]]
    return sorted(int(i) for i in best)


def plan(
    prepared: Prepared, settings: Settings, weights: FusionWeights = DEFAULT_WEIGHTS
) -> tuple[Callable[[], FusionObjective], list[int]]:
    """The objective (a maker of fresh copies) and the candidates the greedy chooses among."""
    pool = candidates(prepared, settings)
    if len(prepared.sentences) <= EXACT_ROWS:
        objective = FusionObjective(prepared, weights)
    else:
        pool = large_pool(prepared, pool, POOL)
        objective = FusionObjective(prepared, weights, coverers=pool)
    rel = objective.relevance
    if rel is not None and weights.query_floor > 0:
        pool = [i for i in pool if rel[i] >= weights.query_floor] or pool
    if weights.background_repeat <= 1.0:
        cover = objective.read_cover
        pool = [i for i in pool if cover[i] < weights.background_repeat] or pool
    return objective.fresh, pool


def fusion(prepared: Prepared, settings: Settings) -> Summary:
    """The default summarizer (see the module docstring)."""
    make_objective, pool = plan(prepared, settings)
    return summarize_with(prepared, make_objective, settings, "newsfuse", pool)
