"""Datelines and bylines: where and by whom a report was filed, not part of its first sentence.

Wire copy opens with a dateline ("JERUSALEM (AP) _ A bomb exploded ...", "WASHINGTON — The
Senate ...", "ANKARA, Turkey (AP) _ ...", "BEIJING, Nov. 5 (Xinhua) -- ..."); scraped pages often
carry a byline line ("By Dan Collyns"). ``find_dateline`` reads them at the start of a paragraph;
the sentence splitter starts the first sentence after them and the briefing shows them as the
report's place and agency.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DATELINE = re.compile(
    r"(?P<place>[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3})"
    r"(?:, (?P<region>[A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*)?))?"
    r"(?:,? (?:[A-Z][a-z]{2,8}\.? \d{1,2}))?"
    r"(?: ?\((?P<agency>[A-Za-z][A-Za-z&.\- ]{0,24})\))?"
    r" ?(?P<dash>_|—|―|–|--|-) ?(?=\S)"
)
_BYLINE = re.compile(r"By (?:[A-Z][\w.'’-]*(?: |$)){1,4}(?:[^\n]{0,60})?$")
_PLACE_LETTERS = 3


@dataclass(frozen=True, slots=True)
class Dateline:
    """A dateline or byline at ``text[start:end]`` (the separator and following space
    included)."""

    start: int
    end: int
    place: str = ""
    """The city as printed, in its usual capitalization ("JERUSALEM" -> "Jerusalem")."""
    agency: str = ""
    """The wire agency in parentheses ("AP", "Reuters"), if any."""
    byline: str = ""
    """The writer's name of a "By ..." line."""


def find_dateline(text: str, start: int = 0) -> Dateline | None:
    """The dateline or byline opening the paragraph at ``text[start:]``, or None."""
    line_end = text.find("\n", start)
    line = text[start : line_end if line_end >= 0 else len(text)]
    by = _BYLINE.match(line)
    if by and len(line.split()) <= 12 and not line.rstrip().endswith("."):
        name = re.split(r"\s*(?:,|/|•| of | for )\s*", line[3:].strip())[0]
        return Dateline(start, start + len(line), byline=name)
    m = _DATELINE.match(line)
    if m is None:
        return None
    place = m.group("place")
    letters = sum(c.isalpha() for c in place)
    # An all-caps word with a dash alone is too weak ("AIDS - the ..."); want a city-sized word
    # and either an agency or a dash of the kind datelines use.
    if letters < _PLACE_LETTERS or (not m.group("agency") and m.group("dash") == "-"):
        return None
    if not (m.group("agency") or place.isupper()):
        return None
    return Dateline(
        start, start + m.end(), place=_title(place), agency=(m.group("agency") or "").strip()
    )


def _title(place: str) -> str:
    return " ".join(
        w[:1] + w[1:].lower() if w.isupper() and len(w) > 2 else w for w in place.split()
    )
