"""What a date in a sentence is attached to, read from the spaCy parse.

"The mayor, Ann Lee, on Tuesday vetoed the budget" dates the verb "veto", whose subject is
Ann Lee; "Lee spoke at Wednesday's hearing" dates the occasion "hearing" and the verb "speak"
of Ann Lee. The timeline compares these anchors: two sentences naming one day tell of
one happening when the same actor does it, or when both name the same occasion; they tell of two
when two different named actors act.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from newsfuse.compare.mentions.entities import Doc, PersonNames, clean_name, name_key

_TIME_NOUNS = frozenset(
    """morning afternoon evening night day days week weekend month year time hour hours
    today tonight yesterday tomorrow""".split()  # noqa: SIM905 - a word list reads best as words
)
"""Nouns of the date expression itself ("Thursday morning", "Sunday night's meeting")."""

_ACTOR_ENTS = frozenset({"PERSON", "ORG", "GPE"})
"""Entities that act; not NORP ("Republicans", "Democrats"): a party is many actors."""
_CLAUSE_UP = frozenset(
    {"xcomp", "conj", "advcl", "pcomp", "prep", "dep", "ccomp", "advmod", "acomp"}
)
"""Clauses whose subject, when they have none of their own, is the governing clause's."""
_RELATIVE = frozenset({"who", "which", "that", "whom"})


@dataclass(frozen=True, slots=True)
class Anchor:
    """The predicate, actor and occasion a date expression is attached to ("" when unknown)."""

    verb: str
    """Lemma of the verb the date modifies ("veto", "speak")."""
    actor: frozenset[str]
    """Name keys of the people and organizations the verb's subject names ({"ann lee"}, or
    {"ann lee", "tom park"} for "Lee and Park"); empty for a pronoun, a common noun
    ("officials"), a group ("Republicans") or no subject."""
    occasion: str
    """Lemma of the noun the date modifies ("hearing" in "Wednesday's hearing", "speech" in "a
    speech Thursday morning"), "" when it modifies a verb."""


NO_ANCHOR = Anchor("", frozenset(), "")


def anchor_of(doc: Doc, start: int, end: int, names: PersonNames) -> Anchor:
    """The anchor of the date expression at characters ``[start, end)`` of ``doc``."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return NO_ANCHOR
    token = span.root
    occasion = ""
    for _ in range(8):  # up from the date to the first verb, noting the first noun passed
        if token.head.i == token.i:
            break
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            break
        if not occasion and token.pos_ == "NOUN" and token.lemma_.lower() not in _TIME_NOUNS:
            occasion = token.lemma_.lower()
    verb = token if token.pos_ in ("VERB", "AUX") else None
    if verb is None:
        return Anchor("", frozenset(), occasion)
    return Anchor(verb.lemma_.lower(), _actor(doc, verb, names), occasion)


def _actor(doc: Doc, verb: Any, names: PersonNames) -> frozenset[str]:
    for _ in range(6):
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            if subject.lower_ in _RELATIVE and verb.dep_ == "relcl":
                subject = verb.head  # "Ann Lee, who ... married": the noun it modifies
            return _name(doc, subject, names)
        if verb.dep_ in ("relcl", "acl") and verb.head.pos_ in ("NOUN", "PROPN"):
            return _name(doc, verb.head, names)
        if verb.dep_ not in _CLAUSE_UP or verb.head.i == verb.i:
            return frozenset()
        verb = verb.head
    return frozenset()


def _name(doc: Doc, subject: Any, names: PersonNames) -> frozenset[str]:
    """Name keys of the people and organizations the subject names: the entity holding its
    head word and those of words joined to it by "and" ("Mr. Udall and Mr. Wyden"), a one-word
    name expanded to the full name the story gives, middle initials and "Jr." dropped
    ("Smith" and "Former Rep. John Q. Smith Jr." both give "john smith")."""
    heads = [subject, *(c for c in subject.children if c.dep_ == "conj")]
    out: set[str] = set()
    for head in heads:
        if head.pos_ == "NOUN" and head.lemma_.lower() in _SIDES:
            # "the Lee campaign" acts for Lee's side, not the Park campaign's; "aides to Ms.
            # Lee", "the mayor": no name the other report must repeat.
            owners = [c for c in head.children if c.dep_ in ("compound", "poss")]
            out.update(
                f"{key} {head.lemma_.lower()}" for c in owners for key in _name(doc, c, names)
            )
            continue
        if head.pos_ != "PROPN":
            continue
        ent = next((e for e in doc.ents if e.start <= head.i < e.end), None)
        if ent is None:
            out.add(name_key(clean_name(head.text)))
            continue
        if ent.label_ not in _ACTOR_ENTS:
            continue
        text = clean_name(ent.text)
        if ent.label_ == "PERSON":
            text = names.resolve(text, ent.start_char)
        words = name_key(text).split()
        out.add(" ".join(w for w in words if len(w) > 1 and w not in _SUFFIXES))
    return frozenset(out - {""})


_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_SIDES = frozenset({"campaign", "administration", "camp"})
"""Nouns whose named owner is the actor ("the Lee campaign", "the Park administration")."""
