"""Comparing reports of one story: aligned claims and the conflicts between them.

``find_claims`` groups sentences of different articles that report the same fact;
``find_conflicts`` finds quantities, dates, names and polarities that disagree;
``find_dates`` and ``find_quantities`` are the normalizers both build on.
"""

from newsfuse.compare.claims import find_claims
from newsfuse.compare.conflicts import find_conflicts
from newsfuse.compare.values import DateMention, Quantity, conflicting, find_dates, find_quantities

__all__ = [
    "DateMention",
    "Quantity",
    "conflicting",
    "find_claims",
    "find_conflicts",
    "find_dates",
    "find_quantities",
]
