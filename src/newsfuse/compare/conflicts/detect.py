"""Find the conflicts of a story: candidates from the rule layer, decided by the learned model.

The rule layer is exact where exactness is possible (intervals, units, resolved dates, names in
a parse); whether two disagreeing values are *about one fact* is a judgement, and that is what
the model makes, from the evidence of ``conflicts.pairs``. ``Settings.conflicts = "rules"``
keeps the hand-set thresholds of newsfuse 0.1 instead, ``"model"`` the model alone (both for
comparison in the benchmark); the default reports what either finds.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from typing import Any

from newsfuse.compare.conflicts.align import claim_index
from newsfuse.compare.conflicts.finding import Finding
from newsfuse.compare.conflicts.model import shipped_model
from newsfuse.compare.conflicts.pairs import matrix
from newsfuse.compare.conflicts.roles import role_conflicts
from newsfuse.compare.conflicts.values import date_conflicts, quantity_conflicts
from newsfuse.compare.features import SentenceFeatures, sentence_features
from newsfuse.models import Claim, Conflict
from newsfuse.pipeline import Prepared
from newsfuse.settings import Settings

DETECTORS = ("learned", "model", "rules")
"""``learned``: the model's decision, and also the rule layer's where its fixed thresholds fire
(they were measured precise: 1.4% false alarms on held-back compatible pairs); ``model``: the
model alone; ``rules``: the thresholds alone (newsfuse 0.1)."""


RULE_CONFIDENCE = 0.8
"""The confidence of a conflict the 0.1 thresholds report (when the model is less sure): of
their six flags on 100 BASIL triplets read by hand, five were real (README, "Measured")."""


def find_conflicts(
    prepared: Prepared,
    claims: Sequence[Claim],
    settings: Settings,
    docs: Mapping[str, Any] | None = None,
) -> list[Conflict]:
    """Every conflict between articles of the story, most confident first; ``docs`` are the
    articles' spaCy parses, when at hand."""
    feats = sentence_features(prepared)
    findings = candidates(prepared, feats, claims, docs)
    return decide(prepared, feats, findings, settings)


def candidates(
    prepared: Prepared,
    feats: Sequence[SentenceFeatures],
    claims: Sequence[Claim],
    docs: Mapping[str, Any] | None = None,
) -> list[Finding]:
    """Every candidate conflict the rule layer sees, with its evidence."""
    if not prepared.sentences:
        return []
    claim_of = claim_index(prepared, claims)
    return [
        *quantity_conflicts(prepared, feats, claim_of),
        *date_conflicts(prepared, feats, claim_of),
        *role_conflicts(prepared, docs),
    ]


def decide(
    prepared: Prepared,
    feats: Sequence[SentenceFeatures],
    findings: Sequence[Finding],
    settings: Settings,
    threshold: float | None = None,
) -> list[Conflict]:
    """The findings reported as conflicts, each with its confidence and reason; ``threshold``
    overrides the model's (benchmarks draw the curve with it)."""
    if settings.conflicts == "rules":
        kept = [(f, 1.0) for f in findings if f.rule]
    else:
        findings = _one_difference(findings)
        model = shipped_model()
        probs = model.probability(matrix(prepared, feats, findings))
        union = settings.conflicts == "learned"
        kept = [
            (f, max(float(p), RULE_CONFIDENCE) if union and f.rule else float(p))
            for f, p in zip(findings, probs, strict=True)
            if p >= (model.cut(f.conflict.kind) if threshold is None else threshold)
            or (union and f.rule)
        ]
    kept.sort(key=lambda fp: (-fp[1], -fp[0].score))
    # Ten reports of one story give many pairs stating the same disagreement; show it once, and
    # a sentence pair once (its strongest reading).
    seen: set[object] = set()
    out = []
    for f, p in kept:
        c = f.conflict
        keys = ((c.kind, frozenset((c.value_a, c.value_b))), f.rows)
        if any(k in seen for k in keys):
            continue
        seen.update(keys)
        out.append(dataclasses.replace(c, confidence=round(p, 3), reason=reason(prepared, f)))
    return out


def _one_difference(findings: Sequence[Finding]) -> list[Finding]:
    """Two sentences that differ in a value *and* in a name in the same role ("In Aleppo, 25
    were killed" / "In Homs, 60 were killed") report two facts, not one fact two ways."""
    swapped = {
        f.rows for f in findings if f.conflict.kind == "entity" and f.evidence.get("same_role")
    }
    valued = {f.rows for f in findings if f.conflict.kind in ("quantity", "date")}
    two = swapped & valued
    return [f for f in findings if f.rows not in two]


def reason(prepared: Prepared, f: Finding) -> str:
    """One line: which fact, and what each source says."""
    c = f.conflict
    la = prepared.story.article(c.a.article_id).label
    lb = prepared.story.article(c.b.article_id).label
    subject = f.subject or "it"
    if c.kind == "quantity":
        what = {
            "count": f"how many ({subject})",
            "duration": f"how long ({subject})",
            "age": f"the age ({subject})",
            "money": f"the amount ({subject})",
            "percent": f"the share ({subject})",
        }.get(f.detail, f"the figure ({subject})")
    else:
        what = {
            "date": f"when ({subject})",
            "entity": f"who or where ({subject})",
            "polarity": f"whether it happened ({subject})",
        }[c.kind]
    return f"same fact: {what}; {la} says “{c.span_a}”, {lb} says “{c.span_b}”"
