"""One typed settings object, passed to every stage instead of long keyword lists."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

from newsfuse.errors import InputError

SUMMARY_METHODS = ("newsfuse", "lead", "lexrank", "textrank")
"""The keys of ``newsfuse.summarize.SUMMARIZERS``, known without importing the summarizers (a
test keeps them equal)."""

ENGINES = ("local", "ray")
"""Where batch work runs (``newsfuse.engine``), known without importing the engines (the
store commands' start-up stays light)."""

CHOICES = {
    "method": SUMMARY_METHODS,
    "claims": ("rules", "learned"),
    "conflicts": ("learned", "model", "rules"),
}


@dataclass(frozen=True, slots=True)
class Settings:
    """Knobs for a run. Every stage reads the fields it needs; defaults are measured, not guessed
    (see README, "How the defaults were chosen")."""

    words: int = 120
    """Word budget of a summary. A summary never exceeds it."""

    method: str = "newsfuse"
    """Summarizer name, a key of ``newsfuse.summarize.SUMMARIZERS``."""

    support_threshold: float = 0.70
    """Cosine similarity (all-MiniLM-L6-v2) at or above which another article's most similar
    sentence counts as saying the same thing as a summary sentence and is cited: the highest
    threshold that still cites 99% of restatements (``benchmarks/threshold.py``)."""

    claim_threshold: float = 0.65
    """Link score (cosine plus shared words and anchors) at or above which two sentences of
    different articles can be one claim, when neither gives another value for a number or date
    the other states: on the hand-read dev pairs (``benchmarks/conflicts.py``) 0.65 links more
    same-fact pairs than 0.70 while different facts in similar sentences stay under 10%."""

    citation_screen: int = 1
    """How many sentences of each other article, the most similar to a summary sentence by the
    cheap sketch, are embedded and checked against ``support_threshold``; 0 checks every sentence
    (exhaustive, several times slower). ``benchmarks/threshold.py`` measures what is missed."""

    screen_floor: float = 0.4
    """Screened sentences whose sketch similarity (centered on the story) is below this are not
    checked at all: they almost never reach ``support_threshold``."""

    redundancy_threshold: float = 0.68
    """Cosine similarity above which two candidate sentences are near-duplicates; only one of them
    can enter a summary."""

    min_sentence_words: int = 6
    """Sentences shorter than this are never selected (headings, bylines, fragments)."""

    max_sentence_words: int = 80
    """Sentences longer than this are never selected (usually failed splits or run-on lists)."""

    claims: str = "rules"
    """Claim alignment: ``"rules"`` (link score at or above ``claim_threshold``) or
    ``"learned"`` (the shipped link model decides which sentence pairs state one fact; on the
    dev sets it links no more same-fact pairs and more different ones, so it is not the
    default). Either way a pair reported as a conflict never shares a claim."""

    conflicts: str = "learned"
    """Conflict detector: ``"learned"`` (the shipped model decides which candidate pairs state one
    fact differently, and the fixed thresholds of newsfuse 0.1 add what they find), ``"model"``
    (the model alone) or ``"rules"`` (the thresholds alone)."""

    strict: bool = False
    """Fail on the first unreadable article instead of reporting and skipping it."""

    verbose: bool = False
    """Report what cleaning removed."""

    encoding: str = "utf-8"
    """Text encoding of input files."""

    def __post_init__(self) -> None:
        # Checked here, once, so a bad value fails where it is set, not deep inside a stage.
        for f in fields(self):
            value = getattr(self, f.name)
            if f.type in ("int", "float") and (
                isinstance(value, bool) or not isinstance(value, int | float)
            ):
                raise InputError(f"Settings.{f.name} must be a number, got {value!r}")
            if f.type == "int" and not isinstance(value, int):
                raise InputError(f"Settings.{f.name} must be a whole number, got {value!r}")
            if f.type == "bool" and not isinstance(value, bool):
                raise InputError(f"Settings.{f.name} must be True or False, got {value!r}")
            if f.type == "str" and not isinstance(value, str):
                raise InputError(f"Settings.{f.name} must be a string, got {value!r}")
            if f.name in CHOICES and value not in CHOICES[f.name]:
                raise InputError(
                    f"unknown {f.name} {value!r}; choose one of {', '.join(CHOICES[f.name])}"
                )
        if self.words < 1:
            raise InputError(f"the word budget must be at least 1, got {self.words}")
        if self.citation_screen < 0 or self.min_sentence_words < 0:
            raise InputError("citation_screen and min_sentence_words cannot be negative")
        for name in ("support_threshold", "claim_threshold", "redundancy_threshold"):
            if not -1.0 <= getattr(self, name) <= 1.0:
                raise InputError(f"Settings.{name} is a cosine similarity, between -1 and 1")

    def with_(self, **changes: object) -> Settings:
        """A copy with some fields changed (checked like the constructor's)."""
        unknown = set(changes) - {f.name for f in fields(self)}
        if unknown:
            raise InputError(f"unknown setting(s) {', '.join(sorted(unknown))}")
        return replace(self, **changes)  # type: ignore[arg-type]


DEFAULT = Settings()
