"""A candidate conflict with the evidence a decision reads."""

from __future__ import annotations

from dataclasses import dataclass, field

from newsfuse.models import Conflict


@dataclass(frozen=True, slots=True)
class Finding:
    """A pair of sentences that may state one fact differently.

    ``conflict`` is what would be reported; ``detail`` the finer kind (``count``, ``money``,
    ``day``, ``weekday``, ``person``, ``negation``, ...); ``rule`` whether the hand-set thresholds
    of newsfuse 0.1 report it; ``evidence`` the kind-specific measurements (names as in
    ``conflicts.pairs.FEATURES``) that the learned model reads beside the sentence-level ones.
    """

    conflict: Conflict
    rows: tuple[int, int]
    detail: str
    rule: bool
    score: float
    """The rule layer's evidence score (aboutness for values, cosine for roles)."""
    evidence: dict[str, float] = field(default_factory=dict)
    subject: str = ""
    """What the two values are about, in a few words ("civil war", "nation"), for the reason."""
