"""Entity and polarity conflicts between near-paraphrases, read from a dependency parse.

- **entity**: the two sentences put different people or organizations in the same role (subject
  of the same verb, object of the same preposition); neither sentence mentions the other's name,
  and at least one of the two names never occurs in the other report at all (two outlets naming
  the same two people "X said" / "Y said" are quoting different people, not disagreeing). Places
  are left out: "in Munich" and "in Germany" nest, and telling nesting from contradiction needs a
  gazetteer we do not have.
- **polarity**: the same verb negated in one report and not in the other ("agreed" / "did not
  agree"), or a verb and its antonym with the same subject ("agreed" / "refused").

Only sentence pairs from different articles whose embeddings are close are parsed: these
conflicts are about one event told two ways, and near-paraphrases are where a swapped name or a
flipped verb is a disagreement rather than a different fact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

import numpy as np

from newsfuse.models import Conflict, ConflictKind, Sentence
from newsfuse.pipeline import Prepared
from newsfuse.text.nlp import load_nlp


@dataclass(frozen=True, slots=True)
class RoleParams:
    """Thresholds of entity and polarity conflicts (candidates for ``Settings`` fields)."""

    entity_similarity: float = 0.7
    """Cosine two sentences need before a swapped name in the same role counts."""
    said_similarity: float = 0.8
    """... when the role is the subject of "said" and the like, where different people say
    similar things all the time."""
    polarity_similarity: float = 0.75
    """Cosine two sentences need before a negation or antonym counts."""


ROLE = RoleParams()

_ENTITY_LABELS = {"PERSON": "PERSON", "ORG": "ORG"}
_ANTONYMS: tuple[tuple[str, str], ...] = (
    ("agree", "refuse"),
    ("agree", "reject"),
    ("accept", "reject"),
    ("accept", "refuse"),
    ("approve", "reject"),
    ("confirm", "deny"),
    ("admit", "deny"),
    ("win", "lose"),
    ("pass", "fail"),
    ("support", "oppose"),
    ("rise", "fall"),
    ("increase", "decrease"),
    ("acquit", "convict"),
    ("open", "close"),
    ("allow", "ban"),
    ("lift", "impose"),
)
_NEGATIONS = frozenset({"not", "n't", "never", "no", "nobody", "nothing", "neither", "nor"})
_MODALS = frozenset({"may", "might", "could", "would", "should", "can", "must"})
_NONFACTIVE = frozenset(
    {
        "speculate",
        "suggest",
        "rumor",
        "allege",
        "claim",
        "believe",
        "think",
        "wonder",
        "ask",
        "hope",
        "fear",
        "doubt",
        "deny",
        "question",
        "expect",
        "want",
        "plan",
        "consider",
        "propose",
        "urge",
        "demand",
        "threaten",
        "seek",
        "try",
        "if",
    }
)
ANTONYM: dict[str, set[str]] = {}
for _x, _y in _ANTONYMS:
    ANTONYM.setdefault(_x, set()).add(_y)
    ANTONYM.setdefault(_y, set()).add(_x)


def role_conflicts(prepared: Prepared, params: RoleParams = ROLE) -> list[tuple[float, Conflict]]:
    """Entity and polarity conflicts between close sentences of different articles."""
    sims = np.asarray(prepared.vectors @ prepared.vectors.T)
    article = [s.article_id for s in prepared.sentences]
    floor = min(params.entity_similarity, params.polarity_similarity)
    pairs = [
        (i, j, float(sims[i, j]))
        for i in range(len(article))
        for j in range(i + 1, len(article))
        if article[i] != article[j] and sims[i, j] >= floor
    ]
    if not pairs:
        return []
    needed = sorted({r for i, j, _ in pairs for r in (i, j)})
    nlp = load_nlp()
    docs = dict(zip(needed, nlp.pipe([prepared.sentences[r].text for r in needed]), strict=True))
    texts = {a.id: a.text.lower() for a in prepared.story.articles}
    out: list[tuple[float, Conflict]] = []
    for i, j, cos in pairs:
        sa, sb = prepared.sentences[i], prepared.sentences[j]
        found = [
            swap
            for swap, said in _entity_swaps(docs[i], docs[j])
            if cos >= (params.said_similarity if said else params.entity_similarity)
            and _exclusive(swap[1], texts[sb.article_id], swap[2], texts[sa.article_id])
        ]
        if cos >= params.polarity_similarity:
            found += _polarity_flips(docs[i], docs[j])
        la = prepared.story.article(sa.article_id).label
        lb = prepared.story.article(sb.article_id).label
        for kind, va, vb, span_a, span_b in found:
            out.append((cos, _make(kind, sa, sb, va, vb, span_a, span_b, la, lb)))
    return out


def _exclusive(name_a: str, text_b: str, name_b: str, text_a: str) -> bool:
    """At least one of the names never occurs (by surname) in the other article."""
    return _surname(name_a) not in text_b or _surname(name_b) not in text_a


def _surname(name: str) -> str:
    return _name_key(name.split()[-1]) if name.split() else name.lower()


def _make(
    kind: ConflictKind,
    sa: Sentence,
    sb: Sentence,
    va: str,
    vb: str,
    span_a: str,
    span_b: str,
    la: str,
    lb: str,
) -> Conflict:
    return Conflict(
        kind=kind,
        a=sa,
        b=sb,
        value_a=va,
        value_b=vb,
        span_a=span_a,
        span_b=span_b,
        explanation=f"{la} says “{span_a}”, {lb} says “{span_b}”",
    )


def _role(span: Any) -> tuple[str, str]:
    root = span.root
    if root.dep_ == "pobj":
        prep = root.head
        return f"pobj:{prep.lower_}", prep.head.lemma_.lower()
    if root.dep_ in ("compound", "poss", "appos"):
        return root.dep_, root.head.lemma_.lower()
    return root.dep_, root.head.lemma_.lower()


def _same_name(a: str, b: str) -> bool:
    ta = {_name_key(w) for w in a.split()}
    tb = {_name_key(w) for w in b.split()}
    if ta & tb:
        return True
    # Transliterations: "al-Qaddafi" / "Gadhafi", "Muammar" / "Moammar".
    if any(SequenceMatcher(None, x, y).ratio() >= 0.7 for x in ta for y in tb if len(x) > 3):
        return True
    initials_a = "".join(w[0] for w in a.split() if w[:1].isupper()).lower()
    initials_b = "".join(w[0] for w in b.split() if w[:1].isupper()).lower()
    return b.replace(".", "").lower() == initials_a or a.replace(".", "").lower() == initials_b


def _name_key(word: str) -> str:
    w = re.sub(r"['’]s$", "", word.lower()).strip(".,'’")
    return w[3:] if w.startswith(("al-", "el-")) else w


_SAID = frozenset(
    {"say", "tell", "add", "state", "note", "write", "quote", "report", "announce", "tweet"}
)
_SUBJECT_ROLES = frozenset({"nsubj", "nsubjpass", "pobj:by"})


def _entity_swaps(da: Any, db: Any) -> list[tuple[tuple[ConflictKind, str, str, str, str], bool]]:
    """Swapped names, each with whether the role is the subject of a verb of saying."""
    out: list[tuple[tuple[ConflictKind, str, str, str, str], bool]] = []
    ents_b = [e for e in db.ents if e.label_ in _ENTITY_LABELS]
    for ea in da.ents:
        if ea.label_ not in _ENTITY_LABELS:
            continue
        if any(_same_name(ea.text, e.text) for e in db.ents) or ea.text.lower() in db.text.lower():
            continue
        role = _role(ea)
        if ea.label_ == "ORG" and role[0] not in _SUBJECT_ROLES:
            continue  # "protect Medicare" / "protect Social Security": different objects
        for eb in ents_b:
            if eb.label_ != ea.label_ or _role(eb) != role:
                continue
            if any(_same_name(eb.text, e.text) for e in da.ents) or eb.text.lower() in (
                da.text.lower()
            ):
                continue
            out.append((("entity", ea.text, eb.text, ea.text, eb.text), role[1] in _SAID))
    return out


def _negated(tok: Any) -> bool:
    return any(c.dep_ == "neg" or c.lower_ == "never" for c in tok.children)


def _has_negation(doc: Any) -> bool:
    return any(t.dep_ == "neg" or t.lower_ in _NEGATIONS for t in doc)


def _asserted(tok: Any) -> bool:
    """The verb states a fact: not under "speculated that", "if", "may", "wants to"."""
    if any(c.dep_ == "mark" and c.lower_ in ("if", "whether", "unless") for c in tok.children):
        return False
    if any(c.dep_ == "aux" and c.lower_ in _MODALS for c in tok.children):
        return False
    return not any(a.lemma_.lower() in _NONFACTIVE for a in tok.ancestors)


def _has_lemma(doc: Any, lemma: str) -> bool:
    return any(t.lemma_.lower() == lemma.lower() for t in doc)


def _subject(tok: Any) -> set[str]:
    return {w.lower_ for c in tok.children if c.dep_ in ("nsubj", "nsubjpass") for w in c.subtree}


def _polarity_flips(da: Any, db: Any) -> list[tuple[ConflictKind, str, str, str, str]]:
    out: list[tuple[ConflictKind, str, str, str, str]] = []
    neg_a, neg_b = _has_negation(da), _has_negation(db)
    if neg_a and neg_b:
        return out  # both hedge or deny something; which part flips is beyond a parse
    verbs_b = [t for t in db if t.pos_ == "VERB" and _asserted(t)]
    for ta in da:
        if ta.pos_ != "VERB" or not _asserted(ta):
            continue
        for tb in verbs_b:
            same = ta.lemma_.lower() == tb.lemma_.lower()
            opposite = tb.lemma_.lower() in ANTONYM.get(ta.lemma_.lower(), set())
            if same and _negated(ta) == _negated(tb):
                continue
            if opposite and (neg_a or neg_b):
                continue  # "did not agree" vs "refused" say the same thing
            if opposite and (_has_lemma(da, tb.lemma_) or _has_lemma(db, ta.lemma_)):
                continue  # "he opposed it and now supports it", in both reports
            if not (same or opposite):
                continue
            if not (_subject(ta) & _subject(tb)):
                continue
            va, vb = _verb_phrase(ta), _verb_phrase(tb)
            out.append(("polarity", va, vb, va, vb))
    return out


def _verb_phrase(tok: Any) -> str:
    parts = [c for c in tok.children if c.dep_ in ("aux", "neg", "auxpass") and c.i < tok.i]
    words = sorted([*parts, tok], key=lambda t: t.i)
    return " ".join(t.text for t in words)
