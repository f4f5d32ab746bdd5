"""Resolve names: who "he"/"she" is, surname to full name (rules 3 and 6 of the package)."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Sequence
from typing import Any

from newsfuse.compare.mentions.entities import Doc, PersonNames, clean_name
from newsfuse.compare.mentions.quotes.lexicon import SPEECH_LEMMAS
from newsfuse.compare.mentions.quotes.spans import quote_spans
from newsfuse.models import Sentence

RECENT_SPEAKER_SENTENCES = 2
"""How many sentences back the last quote's speaker is still who "he"/"she" is."""

_SURNAME_LABELS = frozenset({"ORG", "GPE", "LOC", "FAC", "NORP", "WORK_OF_ART", "PRODUCT", "EVENT"})
_FEMALE = frozenset(
    """lady wife mother daughter sister widow girlfriend grandmother actress queen princess
    spokeswoman congresswoman chairwoman businesswoman mrs ms miss""".split()  # noqa: SIM905 - a word list reads best as words
)
_MALE = frozenset(
    """husband father son brother widower boyfriend grandfather actor king prince spokesman
    congressman chairman businessman mr""".split()  # noqa: SIM905 - a word list reads best as words
)
_QUALIFIERS = frozenset({"vice", "deputy", "assistant", "associate", "acting"})
_TITLE_WORDS = {
    "rep": ("representative", "congressman", "congresswoman", "lawmaker"),
    "representative": ("congressman", "congresswoman", "lawmaker"),
    "sen": ("senator", "lawmaker"),
    "senator": ("lawmaker",),
    "gov": ("governor",),
    "pres": ("president",),
    "gen": ("general",),
    "sec": ("secretary",),
    "spokeswoman": ("spokesperson",),
    "spokesman": ("spokesperson",),
}
"""Other words a title goes by: "Rep. Ann Lee" is "the congresswoman"."""
_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss"})
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
        self.ents = list(doc.ents)
        """The parse's entities, listed once (``Doc.ents`` builds every span on each read)."""
        self.spans = quote_spans(text)
        self.quoted = bytearray(len(text) + 1)
        for s in self.spans:
            self.quoted[max(s.start - 1, 0) : s.end + 1] = b"\x01" * (
                s.end + 1 - max(s.start - 1, 0)
            )
        self.names = PersonNames.from_doc(doc, people)
        self._surnames: list[tuple[str, str]] = []
        self._misspelt_cache: dict[str, str] = {}
        self.token_starts = [t.idx for t in doc]
        # "Ms. Griffin" makes Griffin a "she"; not for a surname two people share ("Mr. Trump"
        # says nothing of Melania Trump).
        surnames = Counter(
            n.split()[-1].lower() for n in {*people, *(n for _, n in self.names.full)}
        )
        self.surname_gender = {
            last: "m" if m.group(1) == "Mr" else "f"
            for m in _HONORIFIC.finditer(text)
            if surnames[last := m.group(2).split()[-1].lower()] < 2
        }
        self.gender_of: dict[str, str] = {}
        """Full name -> "m"/"f" where the article's titles say so ("the first lady, ...")."""
        self.titled: list[tuple[int, str, frozenset[str]]] = []
        """(offset, full name, title words) of every titled mention of a person, in order."""
        self._titles()
        self.people: list[tuple[int, str]] = []
        """Every person named outside quotes, in text order (the fallback for a pronoun)."""
        self.salient = self._salient_people()
        self.last_speaker: tuple[int, int, str] | None = None
        """(sentence, end offset, name) of the last quote attributed to a named person."""

    def is_quoted(self, token: Any) -> bool:
        return bool(self.quoted[token.idx])

    def _salient_people(self) -> list[tuple[int, str]]:
        """People named outside quotes as a subject, or after "according to", in text order."""
        out = []
        for ent in self.ents:
            if self.quoted[ent.start_char]:
                continue
            person = person_name(self, ent)
            if not person:
                continue
            self.people.append((ent.start_char, person))
            root = ent.root
            # "the first lady, Melania Trump, said": the apposition of a subject is one, and so
            # is its owner ("Mr. Mattis's letter did not ... He said").
            if root.dep_ in ("appos", "poss") and root.head.dep_ in ("nsubj", "nsubjpass"):
                root = root.head
            # Subjects of the main clause only: in "Shields said that Griffin hoped", "he" after
            # the next quote is Shields.
            verb = root.head
            if _infinitive(verb):  # the parse's: "Lee, one of nine to vote no, said"
                verb = verb.head
            main = self._main(verb) or (verb.dep_ == "conj" and self._main(verb.head))
            if (
                (root.dep_ in ("nsubj", "nsubjpass") and main)
                or according_to(root)
                or self._who_said(ent)
            ):
                out.append((ent.start_char, person))
        # A surname the model did not tag ("Pence denied it") still names the subject.
        tagged = {e.start_char for e in self.ents}
        for tok in self.doc:
            if (
                name_like(tok)
                and tok.dep_ in ("nsubj", "nsubjpass")
                and not tok.ent_type_
                and tok.idx not in tagged
                and not self.quoted[tok.idx]
                and (full := self.known(tok.text, tok.idx))
            ):
                self.people.append((tok.idx, full))
                out.append((tok.idx, full))
            elif (
                tok.dep_ in ("nsubj", "nsubjpass")
                and not self.quoted[tok.idx]
                and self._main(tok.head)
                and (who := self._unnamed_person(tok))
            ):
                self.people.append((tok.idx, who))
                out.append((tok.idx, who))
        self.people.sort()
        out.sort()
        return out

    def _who_said(self, ent: Any) -> bool:
        """Is the person the "who" of a speech verb right after the name ("Justice Ann Lee,
        who said ...")? A speaker of indirect speech is who the next "he" is."""
        k = ent.end
        if k < len(self.doc) and self.doc[k].is_punct:
            k += 1
        if k >= len(self.doc):
            return False
        who = self.doc[k]
        return (
            who.lower_ == "who"
            and who.dep_ in ("nsubj", "nsubjpass")
            and who.head.lemma_ in SPEECH_LEMMAS
            and who.head.tag_.startswith("VB")
        )

    def _unnamed_person(self, tok: Any) -> str:
        """A main-clause subject that is a person the model did not tag: a capitalized name
        ("Fundi Twawilou said") or a person by relation ("His wife cannot say", a "she")."""
        if tok.pos_ == "PROPN" and not tok.ent_type_:
            parts = [c for c in tok.children if c.dep_ == "compound" and c.pos_ == "PROPN"]
            if parts and all(t.text[:1].isupper() for t in parts):
                return " ".join(t.text for t in [*parts, tok])
            return ""
        noun = tok.lower_
        if tok.pos_ == "NOUN" and (noun in _FEMALE or noun in _MALE):
            who = " ".join(self.text[tok.left_edge.idx : tok.idx + len(tok)].split())
            self.gender_of.setdefault(who, "f" if noun in _FEMALE else "m")
            return who
        return ""

    def _main(self, verb: Any) -> bool:
        """Does ``verb`` head its sentence? The parse may run across sentences ("Lee tweeted a
        vow. “...,” she tweeted." hangs the first verb on the second), so a verb whose head is
        in another sentence or inside a quote heads its own."""
        if verb.dep_ == "ROOT":
            return True
        k = max(bisect.bisect_right(self.starts, verb.idx) - 1, 0)
        sentence = self.sentences[k]
        head = verb.head
        return not (sentence.start <= head.idx < sentence.end) or bool(self.quoted[head.idx])

    def plural_subject(self, pos: int) -> Any:
        """The last plural noun subject outside quotes before ``pos`` in the last
        ``RECENT_SPEAKER_SENTENCES`` sentences (who "they" are), or None."""
        here = max(bisect.bisect_right(self.starts, pos) - 1, 0)
        since = self.sentences[max(here - RECENT_SPEAKER_SENTENCES, 0)].start
        for tok in reversed(self.tokens(since, pos)):
            if (
                tok.dep_ in ("nsubj", "nsubjpass")
                and tok.tag_ in ("NNS", "NNPS")
                and not self.quoted[tok.idx]
            ):
                return tok
        return None

    def _titles(self) -> None:
        """Fill ``titled`` and ``gender_of`` from the words around each person's name: its
        compounds and modifiers ("White House press secretary Sarah Sanders"), an apposition
        either way ("Bill Ray, a spokesman", "the first lady, Melania Trump")."""
        for ent in self.ents:
            if ent.label_ != "PERSON" or self.quoted[ent.start_char]:
                continue
            name = self.names.resolve(ent.text, ent.start_char)
            root = ent.root
            # The words before the name in its noun phrase, and an apposition's either way.
            words = [t for t in root.subtree if t.i < ent.start]
            words += [t for t in ent if t.pos_ != "PROPN" or t.text.endswith(".")]
            for child in root.children:
                if child.dep_ == "appos":
                    words += [t for t in child.subtree if t.i <= child.i]
            if root.dep_ == "appos":
                words += [t for t in root.head.subtree if t.i <= root.head.i]
            if ent.start > 0 and self.doc[ent.start - 1].lower_ in ("mr.", "mr", "mrs.", "ms."):
                words.append(self.doc[ent.start - 1])
            title = set()
            for t in words:
                w = t.lower_.rstrip(".")
                if t.pos_ in ("NOUN", "PROPN", "ADJ") or w in _MALE or w in _FEMALE:
                    title.add(w)
                    title.update(_TITLE_WORDS.get(w, ()))
            if not title:
                continue
            self.titled.append((ent.start_char, name, frozenset(title)))
            if title & _FEMALE and not title & _MALE:
                self.gender_of.setdefault(name, "f")
            elif title & _MALE and not title & _FEMALE:
                self.gender_of.setdefault(name, "m")

    def gender(self, name: str) -> str:
        """ "m", "f" or "" (unknown) for a full name."""
        return self.gender_of.get(name) or self.surname_gender.get(name.split()[-1].lower(), "")

    def known(self, text: str, pos: int) -> str:
        """The full name a one-word name stands for (misspelt by a letter or not), or ""."""
        full = self.names.known(text, pos)
        if full or " " in clean_name(text):
            return full
        return self._misspelt(clean_name(text))

    def _misspelt(self, surname: str) -> str:
        """The full name whose surname is ``surname`` but for one letter ("Neukomb" for
        William H. Neukom, "Rourke" for Beto O’Rourke): articles misspell names; only for
        surnames of five letters or more and when exactly one full name fits."""
        word = _letters(surname)
        if len(word) < 5:
            return ""
        if word not in self._misspelt_cache:
            if not self._surnames:
                names = [n for _, n in self.names.full] + list(self.names.story)
                self._surnames = [(_letters(n.split()[-1]), n) for n in names]
            fits = {n for last, n in self._surnames if _one_edit(word, last)}
            self._misspelt_cache[word] = fits.pop() if len(fits) == 1 else ""
        return self._misspelt_cache[word]

    def relative(self, ent: Any) -> str:
        """A first name and surname the model tagged as something else ("said Halima Fazul",
        an ORG), when the story names a person of that surname: the name as written; else ""."""
        words = [t for t in ent if t.pos_ == "PROPN" and t.text[:1].isupper()]
        if not 2 <= len(ent) <= 3 or len(words) != len(ent) or self.quoted[ent.start_char]:
            return ""
        if not self._surnames:
            names = [n for _, n in self.names.full] + list(self.names.story)
            self._surnames = [(_letters(n.split()[-1]), n) for n in names]
        last = _letters(words[-1].text)
        if any(last == surname for surname, _ in self._surnames):
            return " ".join(t.text for t in words)
        return ""

    def titled_person(self, noun: str, pos: int, words: frozenset[str] = frozenset()) -> str:
        """The person last given the title ``noun`` before ``pos`` ("the spokesman" -> the
        spokesman the article named), or ""; a vice president is not "the president" unless
        ``words`` (the description's) say "vice" too."""
        for at, name, title in reversed(self.titled):
            if at < pos and noun in title and not (title & _QUALIFIERS) - words:
                return name
        return ""

    def resolve(self, text: str, pos: int, honorific: str = "") -> str:
        """The full name for a name mention; "Mr." and "Ms." skip full names of the other
        gender ("Mr. Trump" is not the first lady, Melania Trump)."""
        full = self.names.resolve(text, pos)
        if full == clean_name(text) and " " not in full:
            full = self._misspelt(full) or full
        want = "f" if honorific in ("mrs", "ms", "miss") else "m" if honorific == "mr" else ""
        if not want or self.gender(full) != ("f" if want == "m" else "m"):
            return full
        word = full.split()[-1].lower()
        before = [n for p, n in self.names.full if p <= pos]
        after = [n for p, n in self.names.full if p > pos]
        for cand in [*reversed(before), *after, *self.names.story]:
            if cand.split()[-1].lower() == word and self.gender(cand) != (
                "f" if want == "m" else "m"
            ):
                return cand
        return full

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
                bisect.bisect_left(self.salient, (after, "")),
                bisect.bisect_left(self.salient, (pos, "")),
            )
            # Only another subject takes "he" over, not a person named in passing ("Schiff
            # said of Trump's request").
            others = any(n != name for _, n in self.salient[lo:hi])
            if near and not others and self.gender(name) in ("", want):
                return self._reacting(sentence, here, name, want) or name
        here = max(bisect.bisect_right(self.starts, pos) - 1, 0)
        if who := self._reacting(here - 2, here, "", want):
            return who
        for mentions in (self.salient, self.people):
            k = bisect.bisect_left(mentions, (pos, ""))
            for _, name in reversed(mentions[:k]):
                if self.gender(name) in ("", want):
                    return name
        return ""

    def _reacting(self, after: int, here: int, speaker: str, want: str) -> str:
        """The one person a sentence of its own names between the last quote (sentence
        ``after``) and the pronoun's sentence ``here``, other than its speaker, as the object
        of its main verb and with no person as its subject: "That did not satisfy Justice
        Lee. “...,” he said." is Lee's reply; "" when no such sentence."""
        for k in range(here - 1, max(after, -1), -1):
            sent = self.sentences[k]
            if any(self.quoted[sent.start : sent.end]) or self._person_subject(sent):
                continue
            lo = bisect.bisect_left(self.people, (sent.start, ""))
            hi = bisect.bisect_left(self.people, (sent.end, ""))
            named = {n for _, n in self.people[lo:hi]}
            if len(named) != 1 or (who := named.pop()) == speaker:
                continue
            # Only the person the main verb acts on ("satisfy Justice Lee"), not an owner
            # ("condemned Mr. Kim's approach") nor a name in passing.
            acted_on = any(
                t.ent_type_ == "PERSON" and t.dep_ == "dobj" and self._main(t.head)
                for t in self.tokens(sent.start, sent.end)
            )
            if acted_on:
                return who if self.gender(who) in ("", want) else ""
        return ""

    def _person_subject(self, sent: Sentence) -> bool:
        """Does a person, or "he"/"she", stand as a subject in the sentence?"""
        return any(
            t.dep_ in ("nsubj", "nsubjpass")
            and (t.lower_ in ("he", "she") or t.ent_type_ == "PERSON")
            for t in self.tokens(sent.start, sent.end)
        )

    def overlapping(self, start: int, end: int) -> tuple[int, int]:
        lo = max(bisect.bisect_right(self.starts, start) - 1, 0)
        hi = max(bisect.bisect_left(self.starts, end) - 1, lo)
        return lo, hi

    def tokens(self, start: int, end: int) -> Any:
        a = bisect.bisect_left(self.token_starts, start)
        b = bisect.bisect_left(self.token_starts, end)
        return self.doc[a:b]


def _infinitive(verb: Any) -> bool:
    """Is ``verb`` an infinitive ("to vote"), which takes no subject of its own?"""
    return bool(
        verb.dep_ in ("advcl", "xcomp")
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    )


def name_like(token: Any) -> bool:
    """Could the token be a surname the tagger missed: a proper noun, or a capitalized noun
    ("Sellers said" is tagged as the plural of "seller")?"""
    return bool(token.pos_ == "PROPN" or (token.pos_ == "NOUN" and token.text[:1].isupper()))


def according_to(token: Any) -> bool:
    """Is ``token`` the object of "according to"?"""
    head = token.head
    return bool(token.dep_ == "pobj" and head.lower_ == "to" and head.head.lower_ == "according")


def person_name(art: ArticleContext, ent: Any) -> str:
    """The full name of a person entity; "" for anything else."""
    if ent.label_ == "PERSON":
        before = art.doc[ent.start - 1].lower_.rstrip(".") if ent.start > 0 else ""
        first = ent[0].lower_.rstrip(".")
        honorific = first if first in _HONORIFICS else before if before in _HONORIFICS else ""
        return art.resolve(ent.text, ent.start_char, honorific)
    if ent.label_ in _SURNAME_LABELS:  # the small model tags a bare surname as ORG, GPE ...
        return art.known(ent.text, ent.start_char) or art.relative(ent)
    return ""


def _letters(word: str) -> str:
    return "".join(c for c in word.lower() if c.isalpha())


def _one_edit(a: str, b: str) -> bool:
    """Are ``a`` and ``b`` different by exactly one inserted, deleted or replaced letter?"""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i + (len(a) == len(b)) :] == b[i + 1 :]
