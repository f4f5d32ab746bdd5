"""Attribute a speaker: the subject of a speech verb in the quote's frame (rule 2 of the
package)."""

from __future__ import annotations

from typing import Any

from newsfuse.compare.mentions.quotes.lexicon import SPEECH_LEMMAS
from newsfuse.compare.mentions.quotes.resolve import ArticleContext, name_like, person_name
from newsfuse.compare.mentions.quotes.spans import QuoteSpan

SPEECH_NOUNS = frozenset(
    """comment remark word statement complaint letter tweet message post speech testimony
    interview argument warning promise announcement response reply claim assertion accusation
    apology vow question answer""".split()  # noqa: SIM905 - a word list reads best as words
)
"""Nouns whose owner ("Trump's comments") said what they introduce."""

_TIME_PREPOSITIONS = frozenset({"after", "before", "since", "following", "during", "until"})

_COLLECTIVES = frozenset({"campaign", "camp", "office", "team"})
"""A person's campaign or office speaks for the person ("Moore's campaign said")."""

_PRONOUNS = frozenset({"he", "she"})
_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr"})
_POSSESSIVES = {"his": "he", "her": "she"}
PERSON, DESCRIPTION, ORGANIZATION = 0, 1, 2
"""How a speaker was named, best first."""


def attribution(art: ArticleContext, lo: int, hi: int, span: QuoteSpan) -> tuple[int, str] | None:
    """(kind, speaker) named in sentences ``lo..hi`` for the quote at ``span``, or None.

    A speech word the quote hangs on in the parse wins, the one nearest the quote in the tree
    first ("Griffin claims the image was inspired by Trump's comments about “...”" is Trump's);
    then, among speech words elsewhere in the frame, a person beats a description beats an
    organization, and the nearest in the text wins among equals."""
    start, end = art.sentences[lo].start, art.sentences[hi].end
    depth = _quote_ancestors(art, span)
    best: tuple[bool, int, int, int, str] | None = (
        None  # (named inside, steps, kind, distance, name)
    )
    for tok in art.tokens(start, end):
        if art.is_quoted(tok):
            continue
        subject = _speech_subject(art, tok)
        if subject is None and _characterizes(tok, span):
            subject = _subject(art, tok)
        if subject is None or art.is_quoted(subject) or _told_to(art, tok, span):
            continue
        found = _speaker(art, subject)
        if found is None:
            continue
        kind, name = found
        distance = span.start - tok.idx if tok.idx < span.start else max(tok.idx - span.end, 0)
        steps = 2 * depth.get(tok.i, _FAR)
        if tok.lower_ == "according":
            # "according to" names the source of all its clause says, the quote included.
            steps = 2 * depth.get(tok.head.i, _FAR)
        if _tail(art, tok, span) or _owned_speech_before(art, tok, span):
            steps = -1
        # Nobody calls their own testimony "Lee's testimony": a speaker the quote names as an
        # owner goes after every other.
        key = (_named_inside(art, span, name), steps, kind, distance)
        if best is None or key < best[:4]:
            best = (*key, name)
    return (best[2], best[4]) if best else None


def _named_inside(art: ArticleContext, span: QuoteSpan, name: str) -> bool:
    """Does the quote name ``name`` by surname as an owner ("Stone’s testimony")?"""
    last = name.split()[-1] if name else ""
    if not last[:1].isupper():
        return False
    words = art.text[span.start : span.end]
    return f"{last}’s" in words or f"{last}'s" in words


_FAR = 1_000
"""Tree distance of a speech word that does not govern the quote."""

TAIL_TOKENS = 4
"""How close after a quote's closing mark its speech verb stands in “...,” the report says."""

_FINITE_TAGS = frozenset({"VBZ", "VBD", "VBP", "MD"})


def _tail(art: ArticleContext, tok: Any, span: QuoteSpan) -> bool:
    """Is ``tok`` the speech verb of an attribution right after the quote, which closes on a
    comma, "?" or "!" (“... he does in fact know,” the indictment recounts)? That is the
    quote's own attribution, whatever verb before the quote the parse hangs it on."""
    if tok.idx < span.end or not tok.tag_.startswith("VB") or tok.lemma_ not in SPEECH_LEMMAS:
        return False
    if not art.text[span.start : span.end].rstrip().endswith((",", "?", "!")):
        return False
    between = [t for t in art.tokens(span.end, tok.idx) if not art.is_quoted(t)]
    return (
        len(between) <= TAIL_TOKENS
        and tok.dep_ != "conj"
        and not any(t.is_punct or t.dep_ == "cc" for t in between)
    )


def _owned_speech_before(art: ArticleContext, tok: Any, span: QuoteSpan) -> bool:
    """Is ``tok`` a speech noun with an owner that the quote goes on in its own phrase, with no
    finite verb between ("inspired by Lee's comments about Kim having “...”"): the owner said
    it, not the subject of the sentence the parse hangs the quote on. Not a noun that is the
    subject of the quote's own verb."""
    if tok.idx >= span.start or tok.pos_ != "NOUN" or tok.lemma_.lower() not in SPEECH_NOUNS:
        return False
    if tok.dep_ in ("nsubj", "nsubjpass"):  # "Lee's testimony “marks a new frontier”"
        return False
    if not any(c.dep_ == "poss" for c in tok.children):
        return False
    between = [t for t in art.tokens(tok.idx + 1, span.start - 1) if not art.is_quoted(t)]
    return not any(t.tag_ in _FINITE_TAGS or t.lower_ in ("that", ".", ";") for t in between)


def _characterizes(verb: Any, span: QuoteSpan) -> bool:
    """Does ``verb`` cast someone as the quoted words ("who remembers him as “brilliant and
    calm”", "critics see it as “...”")? The words are its subject's, whatever the verb."""
    return bool(verb.tag_.startswith("VB")) and any(
        c.lower_ == "as"
        and c.dep_ == "prep"
        and any(span.start <= g.idx < span.end for g in c.children)
        for c in verb.children
    )


def _quote_ancestors(art: ArticleContext, span: QuoteSpan) -> dict[int, int]:
    """Token index -> fewest steps up the parse from a quoted token, for every token outside
    the quote that governs part of it; not for "told" when the quote is whom it was told
    to ("Stone told “senior campaign officials” about ...")."""
    steps: dict[int, int] = {}
    for tok in art.tokens(span.start, span.end):
        node, n = tok, 0
        while node.head.i != node.i and n < 40:
            child, node, n = node, node.head, n + 1
            listener = node.lemma_ == "tell" and child.dep_ in ("dobj", "dative", "iobj")
            if not art.is_quoted(node) and not listener and steps.get(node.i, _FAR) > n:
                steps[node.i] = n
    return steps


def _told_to(art: ArticleContext, verb: Any, span: QuoteSpan) -> bool:
    """Is the quote whom ``verb`` ("told") was said to, not what was said?"""
    if verb.lemma_ != "tell":
        return False
    return any(
        c.dep_ in ("dobj", "dative", "iobj") and span.start <= c.idx < span.end
        for c in verb.children
    )


def _speech_subject(art: ArticleContext, tok: Any) -> Any:
    """Who ``tok`` says speaks, when it is a speech word: the subject of "said", the object
    of "according to", the owner of "Trump's comments", the subject of the clause "In a
    statement, ..." introduces; else None."""
    # A speech verb the tagger took for a noun still has its subject ("..." the congressman
    # demands.)
    if tok.lemma_ in SPEECH_LEMMAS and (
        tok.tag_.startswith("VB") or any(c.dep_ == "nsubj" for c in tok.children)
    ):
        return _subject(art, tok)
    if _gerund(tok) and (named := _compound_name(art, tok)) is not None:
        return named  # "ends with Lee claiming, “...”", "claiming" tagged as a noun
    if tok.lower_ == "according" and tok.i + 1 < len(art.doc):
        objs = [c for c in art.doc[tok.i + 1].children if c.dep_ == "pobj"]
        return objs[0] if objs else None
    if tok.lemma_.lower() in SPEECH_NOUNS and tok.pos_ == "NOUN" and not _when(tok):
        owner = [c for c in tok.children if c.dep_ == "poss"]
        if owner:
            return owner[0]
        # "In a statement, the ministry ...", "In a series of tweets, Smith ..."
        head = tok.head
        if head.lower_ == "of" and head.head.pos_ == "NOUN":
            head = head.head.head
        if head.lower_ == "in" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
            return _subject(art, head.head)
    return None


def _inverted_subject(art: ArticleContext, verb: Any) -> Any:
    """The speaker after a verb right after a quote ("...,” summarized Senor.", "...," said
    the letter faxed to ...), which the parse may take for an object or another clause's
    subject; None when the verb has a subject of its own or does not follow a quote."""
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return None
    before = art.text[max(verb.idx - 4, 0) : verb.idx].rstrip()
    if not before.endswith(("”", '"', "»")) or not any(art.quoted[verb.idx - 4 : verb.idx]):
        return None
    for tok in art.doc[verb.i + 1 : verb.i + 6]:
        if tok.is_punct:
            return None
        if tok.pos_ in ("PROPN", "NOUN"):
            while tok.dep_ in ("compound", "amod") and tok.head.i > tok.i:
                tok = tok.head
            return tok
    return None


def _when(noun: Any) -> bool:
    """Does the speech noun only say when ("after Barr's announcement", "before his speech")?"""
    return noun.dep_ == "pobj" and noun.head.lower_ in _TIME_PREPOSITIONS


def _subject(art: ArticleContext, verb: Any) -> Any:
    """The subject of a speech verb; a participle or second verb without one ("..., saying",
    "and added", "writing:") takes the subject of the clause it hangs on, and "who said" the
    noun "who" stands for."""
    inverted = _inverted_subject(art, verb)
    if inverted is not None:
        return inverted
    misparsed = _misparsed_subject(art, verb)
    if misparsed is not None:
        return misparsed
    cand = verb
    for _ in range(3):
        subs = [
            c for c in cand.children if c.dep_ in ("nsubj", "nsubjpass") and not art.is_quoted(c)
        ]
        # A verb the parse made a subject ("the character testifies and “...,” the report
        # recounts") is not one when a noun is there too.
        subs = [c for c in subs if c.pos_ not in ("VERB", "AUX")] or subs
        if subs:
            if subs[0].lower_ in ("who", "that") and cand.dep_ == "relcl":
                return _who_stands_for(art, subs[0])
            return subs[0]
        if cand.dep_ not in ("conj", "advcl", "xcomp") or cand.head.i == cand.i:
            return None
        cand = cand.head
    return None


def _who_stands_for(art: ArticleContext, who: Any) -> Any:
    """The noun "who" stands for: the person named right before it ("the ire of Justice Ann
    Lee who said"), which the parse may hang the clause past, onto "ire"; else the head."""
    before = art.doc[who.i - 1] if who.i > 0 else who
    if before.is_punct and before.i > 0:
        before = art.doc[before.i - 1]
    if who.lower_ == "who" and before.ent_type_ == "PERSON" and not art.is_quoted(before):
        return before
    return who.head.head


def _gerund(tok: Any) -> bool:
    """Is ``tok`` the -ing form of a speech verb, whatever the tagger made of it?"""
    return bool(
        tok.lower_.endswith("ing")
        and (tok.lemma_ in SPEECH_LEMMAS or tok.lower_[:-3] in SPEECH_LEMMAS)
    )


def _compound_name(art: ArticleContext, tok: Any) -> Any:
    """A proper noun the parse made a compound or owner of ``tok`` ("Lee claiming"), or None."""
    for child in tok.children:
        if (
            child.i < tok.i
            and child.dep_ in ("compound", "poss")
            and child.pos_ == "PROPN"
            and not art.is_quoted(child)
        ):
            return child
    return None


def _misparsed_subject(art: ArticleContext, verb: Any) -> Any:
    """The subject of a speech verb that the parse hung elsewhere, when the verb has none of
    its own: a name hung on an infinitive between them ("Lee, one of nine to vote no, said"),
    which cannot take a subject; a name made a compound of a gerund ("ends with Lee
    claiming"); a name right before the verb made a conjunct of the noun before it ("... for
    certification and Justice Lee said"); the person a speech participle modifies ("Rep. Lee
    charged ... that")."""
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return None
    for child in verb.children:
        if child.i > verb.i or art.is_quoted(child):
            continue
        if child.dep_ in ("advcl", "xcomp") and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in child.children
        ):
            subs = [c for c in child.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subs and not art.is_quoted(subs[0]):
                return subs[0]
    if _gerund(verb) and (named := _compound_name(art, verb)) is not None:
        return named
    before = art.doc[verb.i - 1] if verb.i > 0 else verb
    if before.ent_type_ == "PERSON" and before.head.i != verb.i and not art.is_quoted(before):
        return before
    head = verb.head
    if (
        verb.dep_ == "acl"
        and head.ent_type_ == "PERSON"
        and not any(c.dep_ == "agent" for c in verb.children)
    ):
        return head
    # A sentence whose root is a noun lost its verb to the parse: a finite speech verb hung
    # inside its noun phrase ("The July indictment of 12 officers ... referred to Lee as")
    # is the main verb, and the root noun its subject.
    root = verb
    while root.head.i != root.i:
        root = root.head
    if verb.tag_ in _FINITE_TAGS and verb.dep_ in ("acl", "relcl") and root.pos_ == "NOUN":
        return root
    return None


def _speaker(art: ArticleContext, tok: Any) -> tuple[int, str] | None:
    """(kind, name) of the speaker a subject token stands for; None for "it", "we", "who"..."""
    if tok.lower_ == "they":
        group = art.plural_subject(tok.idx)
        return _speaker(art, group) if group is not None else None
    before = art.doc[tok.i - 1].lower_.rstrip(".") if tok.i > 0 else ""
    if tok.lower_ in _PRONOUNS and tok.text[0].isupper() and before in _HONORIFICS:
        # "Ms. He said": a surname, not a pronoun.
        return PERSON, art.resolve(tok.text, tok.idx, before)
    if tok.lower_ in _PRONOUNS or tok.lower_ in _POSSESSIVES:
        name = art.pronoun(tok.idx, _POSSESSIVES.get(tok.lower_, tok.lower_))
        return (PERSON, name) if name else None
    ent = _entity(art, tok)
    if ent is not None:
        person = person_name(art, ent)
        return (PERSON, person) if person else (ORGANIZATION, ent.text)
    if tok.pos_ in ("PRON", "DET", "NUM") or not tok.text[:1].isalpha():
        return None
    if name_like(tok) and (full := art.known(tok.text, tok.idx)):
        return PERSON, full
    if tok.lemma_.lower() in _COLLECTIVES:
        owner = next((c for c in tok.children if c.dep_ == "poss"), None)
        if owner is not None and (found := _speaker(art, owner)) and found[0] == PERSON:
            return found
    # "the Secretary of State, John Kerry, said": the apposition names the speaker.
    for child in tok.children:
        ent = _entity(art, child) if child.dep_ == "appos" else None
        if ent is not None and (person := person_name(art, ent)):
            return PERSON, person
    start, end = tok.left_edge.idx, tok.idx + len(tok)
    if any(art.quoted[start:end]):
        return None
    # "the spokesman", "the four-term congressman": the person the article gave that title.
    words = frozenset(t.lower_ for t in tok.subtree if t.i <= tok.i)
    if tok.left_edge.lower_ == "the" and (person := art.titled_person(tok.lower_, tok.idx, words)):
        return PERSON, person
    return DESCRIPTION, " ".join(art.text[start:end].split())


def _entity(art: ArticleContext, tok: Any) -> Any:
    if not tok.ent_type_:
        return None
    return next((e for e in art.ents if e.start <= tok.i < e.end), None)


def colon_attribution(art: ArticleContext, span: QuoteSpan) -> tuple[int, str] | None:
    """(kind, speaker) for a quote a colon introduces in its own sentence, without a speech
    word ("Lee framed the question this way: “...”"): the subject of the colon's clause."""
    before = art.text[: span.start - 1].rstrip()
    if not before.endswith(":"):
        return None
    colon = art.tokens(len(before) - 1, len(before))
    if not len(colon) or colon[0].head.i == colon[0].i:
        return None
    subject = _subject(art, colon[0].head)
    if subject is None or art.is_quoted(subject):
        return None
    return _speaker(art, subject)


SPLIT_ATTRIBUTION_TOKENS = 6
"""How far into the next sentence the speech verb of a quote cut off by "?”" may stand."""


def split_attribution(art: ArticleContext, hi: int, span: QuoteSpan) -> tuple[int, str] | None:
    """(kind, speaker) for a quote ending in "?" or "!" whose attribution the sentence splitter
    cut off into the next sentence (“... for baseball?” Obama said.): a speech verb among the
    first words of that sentence, with nothing but the closing mark between."""
    raw = art.text[span.start : span.end].rstrip()
    if not span.closed or not raw.endswith(("?", "!")) or hi + 1 >= len(art.sentences):
        return None
    following = art.sentences[hi + 1]
    between = art.text[span.end : following.start]
    if "\n" in between or between.strip(" \t\"”»'’"):
        return None
    for tok in art.tokens(following.start, following.end)[:SPLIT_ATTRIBUTION_TOKENS]:
        if art.is_quoted(tok) and tok.idx >= span.end + 2:
            return None
        if tok.lemma_ in SPEECH_LEMMAS and tok.tag_.startswith("VB"):
            subject = _subject(art, tok)
            if subject is None or art.is_quoted(subject):
                return None
            return _speaker(art, subject)
    return None
