"""Multi-document extractive summarizers.

Each algorithm only *scores* sentences (or supplies a marginal-gain objective); selection under
the word budget, redundancy removal, ordering and citations live once in ``base``.
"""

from __future__ import annotations

from typing import Protocol

from newsfuse.models import Summary
from newsfuse.pipeline import Prepared
from newsfuse.settings import Settings


class Summarizer(Protocol):
    """``summarizer(prepared, settings) -> Summary`` within ``settings.words``."""

    def __call__(self, prepared: Prepared, settings: Settings, /) -> Summary: ...


from newsfuse.summarize.fusion import fusion  # noqa: E402
from newsfuse.summarize.lead import lead  # noqa: E402
from newsfuse.summarize.sumy_methods import lexrank, textrank  # noqa: E402

SUMMARIZERS: dict[str, Summarizer] = {
    "newsfuse": fusion,
    "lead": lead,
    "lexrank": lexrank,
    "textrank": textrank,
}
"""Method name -> summarizer. ``newsfuse`` is the default; the others are baselines."""

__all__ = ["SUMMARIZERS", "Summarizer"]
