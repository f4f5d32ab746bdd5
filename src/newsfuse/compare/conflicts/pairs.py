"""The feature vector of a candidate conflict: what the rule layer measured about the two values
(``Finding.evidence``) and how the two sentences compare as wholes. How far apart two values
are is deliberately not a feature: planted values are scaled well outside rounding, real
disagreements are often close (21 vs 24 injured), and the rule layer has already decided that
they cannot both hold.

Sentence-level evidence is what tells "one fact, two values" from "two facts": how much of each
sentence the other repeats once the values are taken out, which names only one of them has, how
close their embeddings are, how far apart the two reports were published.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from newsfuse.compare.conflicts.finding import Finding
from newsfuse.compare.features import SENTENCE_EVIDENCE, SentenceFeatures, sentence_evidence
from newsfuse.pipeline import Prepared

KINDS = ("quantity", "date", "entity", "polarity")

EVIDENCE = (
    # value pairs (conflicts.values)
    "aboutness",
    "local",
    "same_claim",
    "best",
    "rival",
    "head_match",
    "unknown_noun",
    "hedged",
    "vague",
    "kind_money",
    "kind_span",
    "kind_percent",
    "relative",
    "granularity",
    "values_a",
    "values_b",
    # roles (conflicts.roles)
    "said",
    "exclusive",
    "both_exclusive",
    "same_role",
    "subject_role",
    "name_context",
    "name_offset",
    "kind_org",
    "kind_place",
    "antonym",
    "negated_a",
    "title_words",
    "shared_subject",
    "shared_args",
    "unasserted",
)

FEATURES: tuple[str, ...] = tuple(f"is_{k}" for k in KINDS) + EVIDENCE + SENTENCE_EVIDENCE
"""Column names of ``matrix``, in order; the model file records the list it was trained on."""


def matrix(
    prepared: Prepared, feats: Sequence[SentenceFeatures], findings: Sequence[Finding]
) -> npt.NDArray[np.float64]:
    """One row of ``FEATURES`` per finding."""
    out = np.zeros((len(findings), len(FEATURES)), dtype=np.float64)
    column = {name: k for k, name in enumerate(FEATURES)}
    cache: dict[tuple[tuple[int, int], tuple[str, str]], dict[str, float]] = {}
    for r, f in enumerate(findings):
        out[r, column[f"is_{f.conflict.kind}"]] = 1.0
        for name, value in f.evidence.items():
            out[r, column[name]] = value
        key = (f.rows, (f.conflict.span_a, f.conflict.span_b))
        row = cache.get(key)
        if row is None:
            row = cache[key] = sentence_evidence(prepared, feats, *key)
        for name, value in row.items():
            out[r, column[name]] = value
    return out
