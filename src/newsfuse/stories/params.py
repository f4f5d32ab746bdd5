"""The knobs of online story detection, in one typed object.

The defaults were tuned on the two development sets in ``../shared/data/clustering`` (BASIL
same-day events, DUC broad topics) with ``benchmarks/clustering.py``; the README of that
benchmark gives the figures and the command.
"""

from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True, slots=True)
class StoryParams:
    """How articles are compared with open stories, and when a story closes."""

    threshold: float = 0.14
    """An article joins the most similar open story when their combined similarity is at least
    this; otherwise it starts a new story."""

    text_weight: float = 0.6
    """Weight of the TF-IDF cosine (words, title words and names) in the combined similarity."""

    embed_weight: float = 0.4
    """Weight of the embedding cosine (article vector against the story centroid)."""

    embed_offset: float = 0.35
    """Subtracted from the embedding cosine before weighting: unrelated news articles already
    score about this much with all-MiniLM-L6-v2, while their TF-IDF cosine is near zero."""

    title_weight: int = 2
    """Title words count this many times as often as body words."""

    entity_weight: int = 1
    """Each mention of a capitalized name adds this many name features (``@barack_obama``)."""

    max_article_terms: int = 120
    """An article's TF-IDF vector keeps only its strongest terms (less noise, less work)."""

    max_story_terms: int = 400
    """A story's TF-IDF centroid keeps only its strongest terms, so its stored state is bounded."""

    lead_sentences: int = 5
    """The article vector is the mean of the title's and the first N sentences' embeddings:
    leads carry the event, and embedding every sentence would cost several times more."""

    time_scale_days: float = 2.0
    """Publication gaps are measured in units of this many days in the time penalty."""

    time_penalty: float = 0.12
    """The similarity loses ``time_penalty * log(1 + gap / time_scale_days)``, where ``gap`` is
    the days between the article and the story's time span (0 inside it; no penalty when either
    side is undated). A same-day follow-up pays nothing, a month-old story about 0.33."""

    quiet_days: float = 30.0
    """A story closes when the newest publication time seen is this many days past its last
    article. Closed stories take no new articles."""

    max_open: int = 2000
    """At most this many stories stay open; past it the least recently updated one closes, so
    the work per article stays bounded even for undated streams."""

    candidates: int = 24
    """Stories scored in full per article: the best by embedding plus the best by shared terms."""

    def with_(self, **changes: object) -> StoryParams:
        """A copy with some fields changed."""
        return replace(self, **changes)  # type: ignore[arg-type]


DEFAULT_PARAMS = StoryParams()
