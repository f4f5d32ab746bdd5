"""Boilerplate removal. (Placeholder: the ingest work replaces this with the real rules.)"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Cleaned:
    """Cleaned text and the lines (or fragments) that were removed, in order."""

    text: str
    removed: tuple[str, ...]


def clean_text(text: str) -> Cleaned:
    """Remove boilerplate lines from an article body."""
    return Cleaned(text.strip(), ())
