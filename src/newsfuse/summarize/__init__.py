"""Multi-document extractive summarizers.

Each algorithm only *scores* sentences (or supplies a marginal-gain objective); selection under
the word budget, redundancy removal, ordering and citations live once in ``base``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from newsfuse.models import Summary
from newsfuse.settings import Settings

if TYPE_CHECKING:
    from newsfuse.pipeline import Prepared


class Summarizer(Protocol):
    """``summarizer(prepared, settings) -> Summary`` within ``settings.words``."""

    def __call__(self, prepared: Prepared, settings: Settings, /) -> Summary: ...


SUMMARIZERS: dict[str, Summarizer]
"""Method name -> summarizer. ``newsfuse`` is the default; the others are baselines. Built on
first use: the summarizers pull in numpy, scikit-learn and nltk, which ``newsfuse --help`` and
the store commands never need (the names alone are ``settings.SUMMARY_METHODS``)."""


def __getattr__(name: str) -> Any:
    if name != "SUMMARIZERS":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from newsfuse.summarize.fusion import fusion
    from newsfuse.summarize.lead import lead
    from newsfuse.summarize.sumy_methods import lexrank, textrank

    table: dict[str, Summarizer] = {
        "newsfuse": fusion,
        "lead": lead,
        "lexrank": lexrank,
        "textrank": textrank,
    }
    globals()["SUMMARIZERS"] = table
    return table


__all__ = ["SUMMARIZERS", "Summarizer"]
