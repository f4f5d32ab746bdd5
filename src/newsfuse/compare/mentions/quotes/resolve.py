"""Resolve names: who "he"/"she" is, surname to full name (rules 3 and 6 of the package)."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Sequence
from typing import Any

from newsfuse.compare.mentions.entities import Doc, PersonNames
from newsfuse.compare.mentions.quotes.spans import quote_spans
from newsfuse.models import Sentence

RECENT_SPEAKER_SENTENCES = 2
"""How many sentences back the last quote's speaker is still who "he"/"she" is."""

_SURNAME_LABELS = frozenset({"ORG", "GPE", "LOC", "FAC", "NORP"})
_HONORIFIC = re.compile(r"\b(Mr|Mrs|Ms|Miss)\.?\s+((?:[A-Z][\w'’-]+ )*[A-Z][\w'’-]+)")


class ArticleContext:
    """One article's text, sentences and parse, with the lookups attribution needs."""

    def __init__(
        self, text: str, sentences: Sequence[Sentence], doc: Doc, people: Sequence[str]
    ) -> None:
        self.text = text
        self.sentences = sentences
        self.starts = [s.start for s in sentences]
        self.doc = doc
        self.spans = quote_spans(text)
        self.quoted = bytearray(len(text) + 1)
        for s in self.spans:
            self.quoted[max(s.start - 1, 0) : s.end + 1] = b"\x01" * (
                s.end + 1 - max(s.start - 1, 0)
            )
        self.names = PersonNames.from_doc(doc, people)
        self.token_starts = [t.idx for t in doc]
        self.people: list[tuple[int, str]] = []
        """Every person named outside quotes, in text order (the fallback for a pronoun)."""
        self.salient = self._salient_people()
        self.last_speaker: tuple[int, int, str] | None = None
        """(sentence, end offset, name) of the last quote attributed to a named person."""
        # "Ms. Griffin" makes Griffin a "she"; not for a surname two people share ("Mr. Trump"
        # says nothing of Melania Trump).
        surnames = Counter(
            n.split()[-1].lower() for n in {*people, *(n for _, n in self.names.full)}
        )
        self.gender = {
            last: "m" if m.group(1) == "Mr" else "f"
            for m in _HONORIFIC.finditer(text)
            if surnames[last := m.group(2).split()[-1].lower()] < 2
        }

    def is_quoted(self, token: Any) -> bool:
        return bool(self.quoted[token.idx])

    def _salient_people(self) -> list[tuple[int, str]]:
        """People named outside quotes as a subject, or after "according to", in text order."""
        out = []
        for ent in self.doc.ents:
            if self.quoted[ent.start_char]:
                continue
            person = person_name(self, ent)
            if not person:
                continue
            self.people.append((ent.start_char, person))
            root = ent.root
            # "the first lady, Melania Trump, said": the apposition of a subject is one.
            if root.dep_ == "appos" and root.head.dep_ in ("nsubj", "nsubjpass"):
                root = root.head
            # Subjects of the main clause only: in "Shields said that Griffin hoped", "he" after
            # the next quote is Shields.
            main = root.head.dep_ == "ROOT" or (
                root.head.dep_ == "conj" and root.head.head.dep_ == "ROOT"
            )
            if (root.dep_ in ("nsubj", "nsubjpass") and main) or according_to(root):
                out.append((ent.start_char, person))
        return out

    def pronoun(self, pos: int, word: str) -> str:
        """Who "he"/"she" at ``pos`` is: the last person named before it as a subject or
        speaker, else the last named at all, skipping people the article calls Ms./Mr. when
        the pronoun says otherwise."""
        want = "m" if word == "he" else "f"
        if self.last_speaker is not None:
            sentence, after, name = self.last_speaker
            here = max(bisect.bisect_right(self.starts, pos) - 1, 0)
            near = here - sentence <= RECENT_SPEAKER_SENTENCES
            lo, hi = (
                bisect.bisect_left(self.people, (after, "")),
                bisect.bisect_left(self.people, (pos, "")),
            )
            others = any(n != name for _, n in self.people[lo:hi])
            if near and not others and self.gender.get(name.split()[-1].lower(), want) == want:
                return name
        for mentions in (self.salient, self.people):
            k = bisect.bisect_left(mentions, (pos, ""))
            for _, name in reversed(mentions[:k]):
                if self.gender.get(name.split()[-1].lower(), want) == want:
                    return name
        return ""

    def overlapping(self, start: int, end: int) -> tuple[int, int]:
        lo = max(bisect.bisect_right(self.starts, start) - 1, 0)
        hi = max(bisect.bisect_left(self.starts, end) - 1, lo)
        return lo, hi

    def tokens(self, start: int, end: int) -> Any:
        a = bisect.bisect_left(self.token_starts, start)
        b = bisect.bisect_left(self.token_starts, end)
        return self.doc[a:b]


def according_to(token: Any) -> bool:
    """Is ``token`` the object of "according to"?"""
    head = token.head
    return bool(token.dep_ == "pobj" and head.lower_ == "to" and head.head.lower_ == "according")


def person_name(art: ArticleContext, ent: Any) -> str:
    """The full name of a person entity; "" for anything else."""
    if ent.label_ == "PERSON":
        return art.names.resolve(ent.text, ent.start_char)
    if ent.label_ in _SURNAME_LABELS:  # the small model tags a bare surname as ORG, GPE ...
        return art.names.known(ent.text, ent.start_char)
    return ""
