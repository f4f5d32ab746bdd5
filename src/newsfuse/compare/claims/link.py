"""Claim alignment: group sentences from different articles that report the same fact.

Two sentences of different articles are linked when their embeddings are close, or a little less
close but sharing content words, numbers or names (``pair_score``). Links are merged greedily,
strongest first, into groups holding at most one sentence per article, so an article's sentence
joins at most one group and each group reads as "outlet A says, outlet B says". A sentence that
links to nothing becomes a single-source claim when it is informative (long enough, not a
caption or byline), because the briefing lists "facts only one source reports".
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from newsfuse.budget import checkpoint
from newsfuse.compare.claims.copies import copy_of
from newsfuse.compare.claims.model import shipped_link_model
from newsfuse.compare.features import (
    SENTENCE_EVIDENCE,
    SentenceFeatures,
    content_words,
    sentence_evidence,
    sentence_features,
    weighted_terms,
)
from newsfuse.compare.values.agreement import parsed_disagree
from newsfuse.embed.neighbors import neighbors
from newsfuse.embed.neighbors import pairs as graph_pairs
from newsfuse.models import Claim, Coverage, Sentence
from newsfuse.pipeline import Prepared
from newsfuse.settings import Settings


@dataclass(frozen=True, slots=True)
class AlignParams:
    """Thresholds of claim alignment (candidates for ``Settings`` fields)."""

    lexical_weight: float = 0.25
    """Weight of shared content words (IDF-weighted Jaccard) added to the cosine."""
    anchor_bonus: float = 0.05
    """Added when the two sentences share a number or a name, which paraphrases keep."""
    min_words: int = 4
    """Shorter sentences ("Story highlights") never join a group."""


ALIGN = AlignParams()


LINK_NEIGHBORS = 24
"""Candidate partners per sentence: its best-linked sentences of other articles. A normal
story has fewer above the floor, so its search is exhaustive; in a story of thousands of
sentences each keeps its best few and the work grows with the story, not its square."""


class LinkScores:
    """Link scores (cosine plus lexical evidence) between sentences of different articles.

    The candidate pairs, each sentence's ``LINK_NEIGHBORS`` best links at or above
    ``LINK_FLOOR - anchor_bonus``, are found by a blocked search (``embed.neighbors``) and
    stored; ``scores[i, j]`` of any other pair is computed exactly when asked."""

    def __init__(
        self, prepared: Prepared, feats: Sequence[SentenceFeatures], params: AlignParams = ALIGN
    ) -> None:
        self.params = params
        self.feats = feats
        self.vectors = prepared.vectors
        self.terms = weighted_terms(feats)
        self.present = (self.terms > 0).astype(np.float32).T.tocsr()
        self.size = np.asarray(self.terms.sum(axis=1), dtype=np.float32).ravel()
        graph = neighbors(
            self.vectors,
            LINK_NEIGHBORS,
            LINK_FLOOR - params.anchor_bonus,
            [s.article_id for s in prepared.sentences],
            add=self._lexical,
        )
        self.stored: dict[tuple[int, int], float] = {}
        for i, j, score in graph_pairs(graph):
            bonus = params.anchor_bonus if feats[i].shares_anchor(feats[j]) else 0.0
            self.stored[i, j] = score + bonus

    def _lexical(self, start: int, stop: int) -> npt.NDArray[np.float32]:
        inter = np.asarray((self.terms[start:stop] @ self.present).todense(), dtype=np.float32)
        union = self.size[start:stop, None] + self.size[None, :] - inter
        lexical = np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)
        out: npt.NDArray[np.float32] = self.params.lexical_weight * lexical
        return out

    def __getitem__(self, pair: tuple[int, int]) -> float:
        i, j = min(pair), max(pair)
        hit = self.stored.get((i, j))
        if hit is not None:
            return hit
        cos = float(self.vectors[i] @ self.vectors[j])
        lexical = float(self._lexical(i, i + 1)[0, j])
        bonus = self.params.anchor_bonus if self.feats[i].shares_anchor(self.feats[j]) else 0.0
        return cos + lexical + bonus

    def pairs(self, floor: float) -> list[tuple[int, int]]:
        """Candidate pairs ``(i, j)``, ``i < j``, scoring at least ``floor``, in order."""
        return sorted(p for p, s in self.stored.items() if s >= floor)


def pair_scores(
    prepared: Prepared, feats: Sequence[SentenceFeatures], params: AlignParams = ALIGN
) -> LinkScores:
    """Link scores of the story's sentence pairs (``LinkScores``)."""
    return LinkScores(prepared, feats, params)


LINK_FLOOR = 0.35
"""Pairs whose link score (cosine plus lexical evidence) is below this are never one fact: the
learned link decision only sees pairs above it."""

_SENTENCE = tuple(k for k in SENTENCE_EVIDENCE if k != "shared_values")
LINK_FEATURES: tuple[str, ...] = ("score", "disagree", *_SENTENCE)
"""What the link model reads: the link score, whether the two give other values for one thing
(``values.agreement``), and the sentence-level evidence conflicts read too. Shared values are
left out: the automatic same-fact pairs it learns from all share one, by construction."""


def link_matrix(
    prepared: Prepared,
    feats: Sequence[SentenceFeatures],
    scores: LinkScores,
    pairs: Sequence[tuple[int, int]],
) -> npt.NDArray[np.float64]:
    """One row of ``LINK_FEATURES`` per sentence pair."""
    out = np.zeros((len(pairs), len(LINK_FEATURES)))
    for r, (i, j) in enumerate(pairs):
        checkpoint()
        fa, fb = feats[i], feats[j]
        ev = sentence_evidence(prepared, feats, (i, j), ("", ""))
        disagree = parsed_disagree(fa.quantities, fa.dates, fb.quantities, fb.dates)
        out[r] = [scores[i, j], float(disagree), *(ev[k] for k in _SENTENCE)]
    return out


def find_claims(
    prepared: Prepared, settings: Settings, apart: Collection[tuple[int, int]] = ()
) -> list[Claim]:
    """Every claim of the story: multi-source groups first (by coverage, then by how early the
    fact appears), then informative single-source sentences in text order. Rows paired in
    ``apart`` (sentences that state one fact with different values) never share a claim."""
    feats = sentence_features(prepared)
    return claims_from_scores(prepared, feats, pair_scores(prepared, feats), settings, apart)


def claims_from_scores(
    prepared: Prepared,
    feats: Sequence[SentenceFeatures],
    scores: LinkScores,
    settings: Settings,
    apart: Collection[tuple[int, int]] = (),
    params: AlignParams = ALIGN,
) -> list[Claim]:
    n = len(prepared.sentences)
    never = {frozenset(p) for p in apart}
    article_of = [s.article_id for s in prepared.sentences]
    eligible = [len(f.words) >= params.min_words for f in feats]
    floor = LINK_FLOOR if settings.claims == "learned" else settings.claim_threshold
    quoted = [_quoted_words(f.sentence.text) for f in feats]
    pairs = [
        (i, j)
        for i, j in scores.pairs(floor)
        if eligible[i]
        and eligible[j]
        and _same_voice(quoted[i], quoted[j], feats[i], feats[j])
        and not _other_values(feats[i], feats[j])
    ]
    if settings.claims == "learned":
        model = shipped_link_model()
        probs = model.probability(link_matrix(prepared, feats, scores, pairs))
        weight = {p: float(w) for p, w in zip(pairs, probs, strict=True)}
        threshold = model.threshold
        # Average link, over the model's probabilities (pairs it never saw count as 0).
        min_mean = threshold / 2
    else:
        weight = {(i, j): scores[i, j] for i, j in pairs}
        threshold = settings.claim_threshold
        min_mean = threshold - 0.1
    edges = sorted(
        ((w, i, j) for (i, j), w in weight.items() if w >= threshold),
        key=lambda e: (-e[0], e[1], e[2]),
    )
    group_of = list(range(n))
    members: dict[int, list[int]] = {i: [i] for i in range(n)}

    def link(x: int, y: int) -> float:
        if settings.claims != "learned":
            return scores[x, y]
        return float(weight.get((min(x, y), max(x, y)), 0.0))

    for _, i, j in edges:
        checkpoint()
        gi, gj = group_of[i], group_of[j]
        if gi == gj:
            continue
        a, b = members[gi], members[gj]
        if {article_of[x] for x in a} & {article_of[y] for y in b}:
            continue  # at most one sentence per article in a claim
        if never and any(frozenset((x, y)) in never for x in a for y in b):
            continue  # a conflict is not a shared fact
        # Average link keeps chains ("A~B, B~C") from gluing unrelated facts together.
        mean = float(np.mean([link(x, y) for x in a for y in b]))
        if mean < min_mean:
            continue
        for x in b:
            group_of[x] = gi
        a.extend(b)
        del members[gj]
    order = {aid: k for k, aid in enumerate(a.id for a in prepared.story.articles)}
    copies = copy_of(prepared.story)
    n_articles = len(prepared.story.articles) - len(copies)
    claims: list[tuple[tuple[int, int, int], Claim]] = []
    for rows in members.values():
        if len(rows) == 1 and not _informative(prepared.sentences[rows[0]], settings):
            continue
        rows.sort(key=lambda r: (order[article_of[r]], prepared.sentences[r].index))
        sentences = tuple(prepared.sentences[r] for r in rows)
        ids = list(dict.fromkeys(s.article_id for s in sentences))
        by_root: dict[str, str] = {}
        for aid in ids:
            by_root.setdefault(copies.get(aid, aid), aid)
        sources = tuple(by_root.values())
        copied = tuple(aid for aid in ids if aid not in sources)
        coverage = _coverage(len(sources), n_articles)
        rank = {"all": 0, "several": 1, "one": 2}[coverage]
        first = min(s.index for s in sentences)
        key = (rank, first if rank < 2 else order[sources[0]], first)
        claims.append((key, Claim(sentences, sources, coverage, copied)))
    claims.sort(key=lambda c: c[0])
    return [c for _, c in claims]


_QUOTE = re.compile(r"[“\"]([^”\"]{20,})[”\"]?")


def _quoted_words(text: str) -> set[str]:
    """Content words inside a direct quote of the sentence (a quote runs to its end when the
    closing mark is in a later sentence)."""
    return {w for m in _QUOTE.finditer(text) for w in content_words(m.group(1))}


def _same_voice(qa: set[str], qb: set[str], fa: SentenceFeatures, fb: SentenceFeatures) -> bool:
    """A quote is what someone said: it states one fact with another sentence only when that
    sentence carries the same words (quoted or not), not when it covers the topic or quotes
    someone else."""
    if not qa and not qb:
        return True
    if qa and qb:
        return len(qa & qb) >= 0.5 * min(len(qa), len(qb))
    quote, other = (qa, set(fb.words)) if qa else (qb, set(fa.words))
    return len(quote & other) >= 0.5 * len(quote)


def _other_values(fa: SentenceFeatures, fb: SentenceFeatures) -> bool:
    """One sentence gives another value for a number or date the other states: not one fact
    told twice (a conflict, or two facts)."""
    return parsed_disagree(fa.quantities, fa.dates, fb.quantities, fb.dates) or parsed_disagree(
        fb.quantities, fb.dates, fa.quantities, fa.dates
    )


def _coverage(n_sources: int, n_articles: int) -> Coverage:
    if n_sources >= 2 and n_sources == n_articles:
        return "all"
    return "several" if n_sources >= 2 else "one"


def _informative(sentence: Sentence, settings: Settings) -> bool:
    n = len(sentence.text.split())
    return settings.min_sentence_words <= n <= settings.max_sentence_words
