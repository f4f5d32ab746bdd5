"""Attribute a speaker: the subject of a speech verb in the quote's frame (rule 2 of the
package)."""

from __future__ import annotations

from typing import Any

from newsfuse.compare.mentions.quotes.resolve import ArticleContext, person_name
from newsfuse.compare.mentions.quotes.spans import QuoteSpan

SPEECH_LEMMAS = frozenset(
    """say tell add declare continue report state write explain note warn insist argue ask reply
    respond announce claim acknowledge admit caution conclude concede confirm deny emphasize
    stress urge call predict recall remark suggest tweet testify vow pledge promise complain
    observe maintain comment charge allege summarize quip joke boast exclaim shout yell retort
    counter contend assert lament plead demand recount scoff""".split()  # noqa: SIM905 - a word list reads best as words
)
"""Lemmas of verbs that attribute a quote to their subject."""

_PRONOUNS = frozenset({"he", "she"})
PERSON, DESCRIPTION, ORGANIZATION = 0, 1, 2
"""How a speaker was named, best first."""


def attribution(art: ArticleContext, lo: int, hi: int, span: QuoteSpan) -> tuple[int, str] | None:
    """(kind, speaker) named in sentences ``lo..hi`` for the quote at ``span``, or None."""
    start, end = art.sentences[lo].start, art.sentences[hi].end
    best: tuple[int, int, str] | None = None
    for tok in art.tokens(start, end):
        if art.is_quoted(tok):
            continue
        subject = None
        if tok.lemma_ in SPEECH_LEMMAS and tok.tag_.startswith("VB"):
            subject = _subject(art, tok)
        elif tok.lower_ == "according" and tok.i + 1 < len(art.doc):
            objs = [c for c in art.doc[tok.i + 1].children if c.dep_ == "pobj"]
            subject = objs[0] if objs else None
        if subject is None or art.is_quoted(subject):
            continue
        found = _speaker(art, subject)
        if found is None:
            continue
        kind, name = found
        distance = span.start - tok.idx if tok.idx < span.start else max(tok.idx - span.end, 0)
        if best is None or (kind, distance) < best[:2]:
            best = (kind, distance, name)
    return (best[0], best[2]) if best else None


def _subject(art: ArticleContext, verb: Any) -> Any:
    """The subject of a speech verb; a participle or second verb without one ("..., saying",
    "and added", "writing:") takes the subject of the clause it hangs on, and "who said" the
    noun "who" stands for."""
    cand = verb
    for _ in range(3):
        subs = [
            c for c in cand.children if c.dep_ in ("nsubj", "nsubjpass") and not art.is_quoted(c)
        ]
        if subs:
            if subs[0].lower_ in ("who", "that") and cand.dep_ == "relcl":
                return cand.head
            return subs[0]
        if cand.dep_ not in ("conj", "advcl", "xcomp") or cand.head is cand:
            return None
        cand = cand.head
    return None


def _speaker(art: ArticleContext, tok: Any) -> tuple[int, str] | None:
    """(kind, name) of the speaker a subject token stands for; None for "it", "we", "who"..."""
    if tok.lower_ in _PRONOUNS:
        name = art.pronoun(tok.idx, tok.lower_)
        return (PERSON, name) if name else None
    ent = _entity(art, tok)
    if ent is not None:
        person = person_name(art, ent)
        return (PERSON, person) if person else (ORGANIZATION, ent.text)
    if tok.pos_ in ("PRON", "DET", "NUM") or not tok.text[:1].isalpha():
        return None
    if tok.pos_ == "PROPN" and (full := art.names.known(tok.text, tok.idx)):
        return PERSON, full
    # "the Secretary of State, John Kerry, said": the apposition names the speaker.
    for child in tok.children:
        ent = _entity(art, child) if child.dep_ == "appos" else None
        if ent is not None and (person := person_name(art, ent)):
            return PERSON, person
    start, end = tok.left_edge.idx, tok.idx + len(tok)
    if any(art.quoted[start:end]):
        return None
    return DESCRIPTION, " ".join(art.text[start:end].split())


def _entity(art: ArticleContext, tok: Any) -> Any:
    if not tok.ent_type_:
        return None
    return next((e for e in art.doc.ents if e.start <= tok.i < e.end), None)
