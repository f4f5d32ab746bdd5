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

import bisect
import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

from newsfuse.budget import checkpoint
from newsfuse.compare.conflicts.finding import Finding
from newsfuse.embed.neighbors import pairs as graph_pairs
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
    floor: float = 0.5
    """Sentence pairs below this cosine are not parsed at all (candidates for the model)."""
    title_floor: float = 0.25
    """Pairs between this cosine and ``floor`` are parsed too, for one kind of candidate only: a
    different person under one title ("Foreign Minister X" / "Foreign Minister Y", "X, director
    of the center" / "Y of the center"), which is how one fact told in other words swaps a name."""
    title_words: int = 2
    """Content words the two names' titles must share for such a pair."""
    neighbors: int = 24
    """Pairs parsed per sentence at most: its closest sentences of other articles above
    ``floor`` (every such pair on a normal story; a bound on stories of thousands)."""


ROLE = RoleParams()

_ENTITY_LABELS = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE"}
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


def role_conflicts(
    prepared: Prepared, docs: Mapping[str, Any] | None = None, params: RoleParams | None = None
) -> list[Finding]:
    """Entity and polarity candidates between close sentences of different articles; ``rule``
    marks those the fixed similarity thresholds keep. ``docs`` (article id -> spaCy parse of
    the article, as the brief has them) saves parsing the sentences again."""
    params = ROLE if params is None else params
    pairs = graph_pairs(prepared.neighbors(params.neighbors, params.title_floor))
    if not pairs:
        return []
    parses = _parses(prepared, sorted({r for i, j, _ in pairs for r in (i, j)}), docs)
    texts = {a.id: a.text.lower() for a in prepared.story.articles}
    names = {r: Names.of(parses[r], ents) for r, ents in _entities(parses).items()}
    verbs = {r: Verbs.of(doc) for r, doc in parses.items()}
    out: list[Finding] = []
    for i, j, cos in pairs:
        checkpoint()
        sa, sb = prepared.sentences[i], prepared.sentences[j]
        la = prepared.story.article(sa.article_id).label
        lb = prepared.story.article(sb.article_id).label
        close = cos >= params.floor
        for swap in _entity_swaps(parses[i], parses[j], names[i], names[j]):
            if not close and (swap.label != "PERSON" or len(swap.title) < params.title_words):
                continue
            in_b = _surname(swap.name_a) in texts[sb.article_id]
            in_a = _surname(swap.name_b) in texts[sa.article_id]
            exclusive = not (in_a and in_b)
            floor = params.said_similarity if swap.said else params.entity_similarity
            rule = _rule_role(swap) and exclusive and cos >= floor
            evidence = {
                "said": float(swap.said),
                "exclusive": float(exclusive),
                "both_exclusive": float(not in_a and not in_b),
                "same_role": float(bool(swap.role)),
                "subject_role": float(swap.role in _SUBJECT_ROLES),
                "name_context": float(len(swap.context)),
                "name_offset": swap.offset,
                "kind_org": float(swap.label == "ORG"),
                "kind_place": float(swap.label == "PLACE"),
                "title_words": float(len(swap.title)),
            }
            c = _make("entity", sa, sb, swap.name_a, swap.name_b, la, lb)
            detail = {"PERSON": "person", "ORG": "org"}.get(swap.label, "place")
            out.append(Finding(c, (i, j), detail, rule, cos, evidence, swap.head))
        if not close:
            continue
        for flip in _polarity_flips(parses[i], parses[j], verbs[i], verbs[j]):
            evidence = {
                "antonym": float(flip.antonym),
                "negated_a": float(flip.negated_a),
                "shared_subject": float(flip.subject),
                "shared_args": float(flip.arguments),
                "unasserted": float(not flip.asserted),
            }
            c = _make("polarity", sa, sb, flip.verb_a, flip.verb_b, la, lb)
            rule = cos >= params.polarity_similarity and flip.subject and flip.asserted
            detail = "antonym" if flip.antonym else "negation"
            out.append(Finding(c, (i, j), detail, rule, cos, evidence, flip.lemma))
    return out


def _entities(parses: Mapping[int, Any]) -> dict[int, list[Any]]:
    """Row -> the entities within its parse. A span's ``ents`` walks its whole article, so each
    article's entities are listed once and dealt out to its sentences by token offset."""
    by_doc: dict[int, tuple[list[int], list[Any]]] = {}
    out: dict[int, list[Any]] = {}
    for r, part in parses.items():
        doc = getattr(part, "doc", part)
        if doc is part:
            out[r] = list(part.ents)
            continue
        if id(doc) not in by_doc:
            ents = list(doc.ents)
            by_doc[id(doc)] = ([e.start for e in ents], ents)
        starts, ents = by_doc[id(doc)]
        lo = bisect.bisect_left(starts, part.start)
        hi = bisect.bisect_left(starts, part.end)
        out[r] = [e for e in ents[lo:hi] if e.end <= part.end]
    return out


def _parses(prepared: Prepared, rows: list[int], docs: Mapping[str, Any] | None) -> dict[int, Any]:
    """Row -> the parse of its sentence: a span of the article's parse when there is one."""
    out: dict[int, Any] = {}
    missing = []
    usable = (
        {  # Doc.text joins every token: compare it once per article, not per sentence
            aid: doc
            for aid, doc in (docs or {}).items()
            if doc.text == prepared.story.article(aid).text
        }
        if docs
        else {}
    )
    for r in rows:
        s = prepared.sentences[r]
        doc = usable.get(s.article_id)
        span = None
        if doc is not None:
            span = doc.char_span(s.start, s.end, alignment_mode="expand")
        if span is None:
            missing.append(r)
        else:
            out[r] = span
    if missing:
        texts = [prepared.sentences[r].text for r in missing]
        out.update(zip(missing, load_nlp().pipe(texts), strict=True))
    return out


def _rule_role(swap: Swap) -> bool:
    """What newsfuse 0.1 compared: people in one role, organizations as subjects, no places."""
    if swap.label == "PLACE" or not swap.role:
        return False
    return swap.label == "PERSON" or swap.role in _SUBJECT_ROLES


def _surname(name: str) -> str:
    return _name_key(name.split()[-1]) if name.split() else name.lower()


def _make(
    kind: ConflictKind, sa: Sentence, sb: Sentence, va: str, vb: str, la: str, lb: str
) -> Conflict:
    return Conflict(
        kind=kind,
        a=sa,
        b=sb,
        value_a=va,
        value_b=vb,
        span_a=va,
        span_b=vb,
        explanation=f"{la} says “{va}”, {lb} says “{vb}”",
    )


def _role(span: Any) -> tuple[str, str]:
    root = span.root
    if root.dep_ == "pobj":
        prep = root.head
        return f"pobj:{prep.lower_}", prep.head.lemma_.lower()
    if root.dep_ in ("compound", "poss", "appos"):
        return root.dep_, root.head.lemma_.lower()
    return root.dep_, root.head.lemma_.lower()


@functools.lru_cache(maxsize=65536)
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


@dataclass(frozen=True, slots=True)
class Swap:
    """Two different names in one role of two sentences."""

    name_a: str
    name_b: str
    label: str
    """``PERSON``, ``ORG`` or ``PLACE``."""
    role: str
    """The dependency role both names fill ("nsubj", "pobj:in"); empty when they differ."""
    head: str
    """The word the role attaches to ("claimed" in "X claimed responsibility")."""
    said: bool
    """The role is the subject of a verb of saying: different people say similar things."""
    context: set[str]
    """Words around both names: what the two names are doing."""
    offset: float
    """How far apart the names sit, as shares of their sentences' lengths."""
    title: frozenset[str] = frozenset()
    """Content words of both names' titles ("foreign", "minister"; ``_title``)."""


@dataclass(frozen=True, slots=True)
class Names:
    """A sentence's entities, their texts and its lowercased text, read once per sentence
    (spaCy builds a span's ``ents`` and ``text`` anew on every read)."""

    ents: tuple[Any, ...]
    texts: tuple[str, ...]
    lowered: str

    @classmethod
    def of(cls, part: Any, ents: Sequence[Any]) -> Names:
        return cls(tuple(ents), tuple(e.text for e in ents), part.text.lower())


def _entity_swaps(da: Any, db: Any, na: Names, nb: Names) -> list[Swap]:
    """Names of one type, each in one sentence only (neither sentence names the other);
    ``na`` and ``nb``: the names of ``da`` and ``db``."""
    out: list[Swap] = []
    ents_b = [
        e
        for e, t in zip(nb.ents, nb.texts, strict=True)
        if e.label_ in _ENTITY_LABELS and not _named_in(t, na)
    ]
    if not ents_b:
        return out
    for ea, text_a in zip(na.ents, na.texts, strict=True):
        if ea.label_ not in _ENTITY_LABELS or _named_in(text_a, nb):
            continue
        role = _role(ea)
        label = _ENTITY_LABELS[ea.label_]
        for eb in ents_b:
            if _ENTITY_LABELS[eb.label_] != label:
                continue
            rb = _role(eb)
            same = rb == role
            out.append(
                Swap(
                    ea.text,
                    eb.text,
                    label,
                    role[0] if same else "",
                    role[1] if same else "",
                    same and role[1] in _SAID,
                    _context(ea) & _context(eb),
                    abs(_at(ea, da) - _at(eb, db)),
                    _title(ea) & _title(eb) if label == "PERSON" else frozenset(),
                )
            )
    return out


def _at(ent: Any, container: Any) -> float:
    """Where a name starts, as a share of its sentence (a ``Doc`` or a ``Span`` of one)."""
    return float(ent.start - getattr(container, "start", 0)) / max(len(container), 1)


def _named_in(name: str, names: Names) -> bool:
    """Whether the sentence of ``names`` names ``name`` too."""
    return any(_same_name(name, n) for n in names.texts) or name.lower() in names.lowered


def _context(ent: Any) -> set[str]:
    """Lemmas of the content words within three tokens of the name, and the word it hangs on."""
    doc = ent.doc
    near = [*doc[max(0, ent.start - 3) : ent.start], *doc[ent.end : ent.end + 3], ent.root.head]
    return {t.lemma_.lower() for t in near if t.is_alpha and not t.is_stop}


_TITLE_POS = frozenset({"PROPN", "NOUN", "ADJ"})
_TITLE_DEPS = frozenset({"appos", "prep", "acl", "relcl"})


def _title(ent: Any) -> frozenset[str]:
    """What a person is called beside the name: the nouns just before it ("European Union
    foreign policy chief"), and an apposition or "of" phrase after it ("executive director of
    the Death Penalty Information Center"), as lowercased content lemmas."""
    doc = ent.doc
    words = []
    k = ent.start - 1
    while k >= max(0, ent.start - 6) and doc[k].pos_ in _TITLE_POS and doc[k].ent_type_ != "PERSON":
        words.append(doc[k])
        k -= 1
    for child in ent.root.children:
        if child.dep_ in _TITLE_DEPS and child.i >= ent.end:
            words += [t for t in child.subtree if t.i < ent.end + 12]
    return frozenset(
        t.lemma_.lower() for t in words if t.is_alpha and not t.is_stop and t.ent_type_ != "PERSON"
    )


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


_ARGUMENTS = frozenset({"nsubj", "nsubjpass", "dobj", "obj", "attr", "agent", "prep", "dative"})


def _arguments(tok: Any) -> set[str]:
    """Content lemmas of the verb's subject, objects and prepositional phrases: what it is said
    of, whether active or passive ("Chile was hit" / "the quake did not hit Chile")."""
    return {
        w.lemma_.lower()
        for c in tok.children
        if c.dep_ in _ARGUMENTS
        for w in c.subtree
        if w.is_alpha and not w.is_stop
    }


@dataclass(frozen=True, slots=True)
class Flip:
    """One verb asserted in one sentence and negated (or replaced by its antonym) in the other."""

    verb_a: str
    verb_b: str
    lemma: str
    antonym: bool
    negated_a: bool
    subject: bool = True
    """The two verbs share a subject word (what newsfuse 0.1 required)."""
    arguments: int = 0
    """Content words the two verbs' arguments share."""
    asserted: bool = True
    """Neither verb sits under a modal, an "if" or a verb like "speculated" (``_asserted``)."""


@dataclass(frozen=True, slots=True)
class Verbs:
    """A sentence's verbs, read once: ``(token, lemma, negated, asserted)``."""

    items: tuple[tuple[Any, str, bool, bool], ...]
    negation: bool
    """The sentence negates something somewhere."""

    @classmethod
    def of(cls, doc: Any) -> Verbs:
        items = tuple(
            (t, t.lemma_.lower(), _negated(t), _asserted(t))
            for t in doc
            if t.pos_ in ("VERB", "AUX")
        )
        return cls(items, _has_negation(doc))

    def may_flip(self, other: Verbs) -> bool:
        """Whether some verb could flip: the same lemma negated in one only, or antonyms."""
        if self.negation and other.negation:
            return False
        theirs = {(lemma, neg) for _, lemma, neg, _ in other.items}
        lemmas = {lemma for _, lemma, _, _ in other.items}
        return any(
            (lemma, not neg) in theirs or ANTONYM.get(lemma, set()) & lemmas
            for _, lemma, neg, _ in self.items
        )


def _polarity_flips(da: Any, db: Any, va: Verbs, vb: Verbs) -> list[Flip]:
    """``va`` and ``vb``: the verbs of ``da`` and ``db`` (``Verbs.of``)."""
    out: list[Flip] = []
    if not va.may_flip(vb):
        return out  # the common case, decided without walking the parse
    neg_a, neg_b = va.negation, vb.negation
    for ta, lemma_a, negated_a, asserted_a in va.items:
        for tb, lemma_b, negated_b, asserted_b in vb.items:
            same = lemma_a == lemma_b
            opposite = lemma_b in ANTONYM.get(lemma_a, set())
            if same and negated_a == negated_b:
                continue
            if opposite and (neg_a or neg_b):
                continue  # "did not agree" vs "refused" say the same thing
            if opposite and (_has_lemma(da, tb.lemma_) or _has_lemma(db, ta.lemma_)):
                continue  # "he opposed it and now supports it", in both reports
            if not (same or opposite):
                continue
            subject = bool(_subject(ta) & _subject(tb))
            shared = len(_arguments(ta) & _arguments(tb))
            if not (subject or shared):
                continue  # nothing tells that the two verbs are said of one thing
            asserted = asserted_a and asserted_b
            out.append(
                Flip(
                    _verb_phrase(ta),
                    _verb_phrase(tb),
                    lemma_a,
                    opposite,
                    negated_a,
                    subject,
                    shared,
                    asserted,
                )
            )
    return out


def _verb_phrase(tok: Any) -> str:
    parts = [c for c in tok.children if c.dep_ in ("aux", "neg", "auxpass") and c.i < tok.i]
    words = sorted([*parts, tok], key=lambda t: t.i)
    return " ".join(t.text for t in words)
