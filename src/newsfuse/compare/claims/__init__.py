"""Claims: sentences of different articles that report one fact (``link``), with syndicated
copies of one article counted as one source (``copies``)."""

from newsfuse.compare.claims.link import find_claims

__all__ = ["find_claims"]
