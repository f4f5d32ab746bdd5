"""Conflicts: two articles stating one fact with values that cannot both be true.

Candidates come from the exact rule layer (``values``: quantities and dates that disagree as
intervals and days; ``roles``: names swapped in one role, negated verbs); each candidate pair is
described by features (``pairs``) and kept or dropped by a small learned model (``model``)."""

from newsfuse.compare.conflicts.detect import DETECTORS, find_conflicts

__all__ = ["DETECTORS", "find_conflicts"]
