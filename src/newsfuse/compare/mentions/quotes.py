"""Direct quotes, who said them, and which outlets carry the same quote.

How a quote is found, per article (on the article text with sentence offsets, because the
sentence splitter may cut one quote into several sentences):

1. ``quote_spans`` pairs quotation marks inside each paragraph: curly (“ ”), straight (") and
   guillemets (« »). A quote still open at the end of a paragraph ends there; if the next
   paragraph opens with a quotation mark it continues the same quote (news convention).
2. The *frame* of a quote is the sentences it overlaps. Outside the quoted characters, a speech
   verb ("said", "told", "declared", "continued", "reports", ...) or "according to" names the
   speaker through the parse: its subject (or object of "according to"). A participle without
   a subject takes the subject of its clause ("Trump accused Obama, saying “...”"), "who said"
   the noun it belongs to. A person beats a description ("a senior official"), which beats an
   organization ("Reuters reports"); among equals the one nearest the quote wins. A frame
   without a speaker borrows one from the sentence before when that sentence ends with a colon
   ("..., she says:").
3. Speakers are resolved: "he"/"she" to the most recent person named as a subject or speaker
   before it (else named at all; names inside quotes do not count; someone the article calls
   "Ms." is never "he"), a surname or first name to the full name the article (else the story)
   gives, titles stripped.
4. A quote with no speaker of its own that directly follows another in the same paragraph, or
   opens the next paragraph, is part of it: ``“A,” Kerry said. “B.”`` is one quote, "A … B",
   by Kerry.
5. Scare quotes and titles are dropped: a quote of at most ``SCARE_QUOTE_WORDS`` words ("end",
   "witch hunt", "deeply troubling") is a word the writer borrows, not a statement, even when a
   speaker is attributed; a quote whose words are mostly capitalized and which ends without
   sentence punctuation is a title ("Behind the Scenes With Kathy Griffin", "Fox and Friends").
   Unattributed longer quotes are kept with an empty speaker.
6. "He said" right after a quote goes to the speaker of that quote when it was attributed in the
   last ``RECENT_SPEAKER_SENTENCES`` sentences and nobody else was named outside quotes since
   (a person named inside the quote, "... the information he possesses," he added, does not
   take it over).

Indirect speech without quotation marks is never a quote. Quotes across outlets are grouped when
their word 3-grams overlap (``_same_quote``).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from newsfuse.budget import checkpoint
from newsfuse.compare.mentions.entities import (
    Doc,
    PersonNames,
    doc_for,
    parse_articles,
    story_full_names,
)
from newsfuse.models import Quote, Sentence
from newsfuse.pipeline import Prepared

SCARE_QUOTE_WORDS = 3
"""Quotes this short are scare quotes or fragments, not quotes."""

RECENT_SPEAKER_SENTENCES = 2
"""How many sentences back the last quote's speaker is still who "he"/"she" is."""

SAME_QUOTE_OVERLAP = 0.6
"""Share of the shorter quote's word 3-grams found in the longer one for two quotes (any outlet)
to count as the same quote."""

SPEECH_LEMMAS = frozenset(
    """say tell add declare continue report state write explain note warn insist argue ask reply
    respond announce claim acknowledge admit caution conclude concede confirm deny emphasize
    stress urge call predict recall remark suggest tweet testify vow pledge promise complain
    observe maintain comment charge allege summarize quip joke boast exclaim shout yell retort
    counter contend assert lament plead demand recount scoff""".split()  # noqa: SIM905 - a word list reads best as words
)
"""Lemmas of verbs that attribute a quote to their subject."""

_OPENERS = {"“": "”", "«": "»", '"': '"'}
_CLOSERS = {"”", "»"}
_PRONOUNS = frozenset({"he", "she"})
_SURNAME_LABELS = frozenset({"ORG", "GPE", "LOC", "FAC", "NORP"})
_PERSON, _DESCRIPTION, _ORGANIZATION = 0, 1, 2
_WORD = re.compile(r"\w+")
_HONORIFIC = re.compile(r"\b(Mr|Mrs|Ms|Miss)\.?\s+((?:[A-Z][\w'’-]+ )*[A-Z][\w'’-]+)")


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """Quoted text at ``text[start:end]`` (marks excluded) and how the quote was delimited."""

    start: int
    end: int
    closed: bool
    """False when the paragraph ended before a closing mark."""
    opens_paragraph: bool
    """True when the opening mark is the first character of its paragraph."""


def quote_spans(text: str) -> list[QuoteSpan]:
    """Every quoted stretch of ``text``, in order; quotation marks never pair across paragraphs."""
    spans: list[QuoteSpan] = []
    pos = 0
    for para in re.split(r"(\n)", text):
        if para != "\n":
            spans.extend(_paragraph_quotes(para, pos))
        pos += len(para)
    return spans


def _paragraph_quotes(para: str, offset: int) -> list[QuoteSpan]:
    out: list[QuoteSpan] = []
    lead = len(para) - len(para.lstrip())
    open_at = -1
    closer = ""
    for i, ch in enumerate(para):
        # A straight mark closes a curly quote too: copy-edited text often mixes them.
        if open_at >= 0 and (ch == closer or ch in _CLOSERS or ch == '"'):
            out.append(QuoteSpan(offset + open_at + 1, offset + i, True, open_at == lead))
            open_at = -1
        elif ch == "“" and open_at >= 0 and _closes(para, i):
            # A typo'd closer (“Who can guarantee you happiness?“ he asked.)
            out.append(QuoteSpan(offset + open_at + 1, offset + i, True, open_at == lead))
            open_at = -1
        elif ch in _OPENERS:
            if open_at >= 0:  # a new opening mark: the previous quote was never closed
                out.append(QuoteSpan(offset + open_at + 1, offset + i, False, open_at == lead))
            open_at, closer = i, _OPENERS[ch]
    if open_at >= 0:
        end = len(para.rstrip())
        out.append(QuoteSpan(offset + open_at + 1, offset + end, False, open_at == lead))
    return [s for s in out if any(c.isalnum() for c in _slice(para, s, offset))]


def _closes(para: str, i: int) -> bool:
    """Does the mark at ``i`` end a word and precede a space or punctuation?"""
    after = para[i + 1 : i + 2]
    return i > 0 and not para[i - 1].isspace() and (after == "" or after in " \t,.;:!?)—–-")


def _slice(para: str, span: QuoteSpan, offset: int) -> str:
    return para[span.start - offset : span.end - offset]


@dataclass(slots=True)
class _Chunk:
    span: QuoteSpan
    lo: int
    """First sentence (index into the article's sentences) the quote overlaps."""
    hi: int
    speaker: str = ""
    kind: int = _ORGANIZATION + 1
    """How the speaker was named (``_PERSON`` ... ``_ORGANIZATION``); higher when unknown."""
    attributed: bool = False
    texts: list[str] = field(default_factory=list)
    end: int = 0
    """Character offset where the last merged piece ends."""


@dataclass(slots=True)
class _Found:
    article: int
    position: int
    text: str
    speaker: str
    kind: int
    sentences: tuple[Sentence, ...]


class _Article:
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
            person = _person(self, ent)
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
            if (root.dep_ in ("nsubj", "nsubjpass") and main) or _according_to(root):
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


def _according_to(token: Any) -> bool:
    head = token.head
    return bool(token.dep_ == "pobj" and head.lower_ == "to" and head.head.lower_ == "according")


def _attribution(art: _Article, lo: int, hi: int, span: QuoteSpan) -> tuple[int, str] | None:
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


def _subject(art: _Article, verb: Any) -> Any:
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


def _speaker(art: _Article, tok: Any) -> tuple[int, str] | None:
    """(kind, name) of the speaker a subject token stands for; None for "it", "we", "who"..."""
    if tok.lower_ in _PRONOUNS:
        name = art.pronoun(tok.idx, tok.lower_)
        return (_PERSON, name) if name else None
    ent = _entity(art, tok)
    if ent is not None:
        person = _person(art, ent)
        return (_PERSON, person) if person else (_ORGANIZATION, ent.text)
    if tok.pos_ in ("PRON", "DET", "NUM") or not tok.text[:1].isalpha():
        return None
    if tok.pos_ == "PROPN" and (full := art.names.known(tok.text, tok.idx)):
        return _PERSON, full
    # "the Secretary of State, John Kerry, said": the apposition names the speaker.
    for child in tok.children:
        ent = _entity(art, child) if child.dep_ == "appos" else None
        if ent is not None and (person := _person(art, ent)):
            return _PERSON, person
    start, end = tok.left_edge.idx, tok.idx + len(tok)
    if any(art.quoted[start:end]):
        return None
    return _DESCRIPTION, " ".join(art.text[start:end].split())


def _entity(art: _Article, tok: Any) -> Any:
    if not tok.ent_type_:
        return None
    return next((e for e in art.doc.ents if e.start <= tok.i < e.end), None)


def _person(art: _Article, ent: Any) -> str:
    """The full name of a person entity; "" for anything else."""
    if ent.label_ == "PERSON":
        return art.names.resolve(ent.text, ent.start_char)
    if ent.label_ in _SURNAME_LABELS:  # the small model tags a bare surname as ORG, GPE ...
        return art.names.known(ent.text, ent.start_char)
    return ""


def _article_quotes(art: _Article) -> list[_Chunk]:
    chunks: list[_Chunk] = []
    for span in art.spans:
        lo, hi = art.overlapping(span.start - 1, span.end + 1)
        chunk = _Chunk(span, lo, hi, texts=[_clean(art.text[span.start : span.end])], end=span.end)
        found = _attribution(art, lo, hi, span)
        if found is None and lo > 0 and art.sentences[lo - 1].text.rstrip().endswith(":"):
            found = _attribution(art, lo - 1, lo - 1, span)
        if found is not None:
            chunk.attributed = True
            chunk.kind, chunk.speaker = found
            if chunk.kind == _PERSON:
                art.last_speaker = (hi, span.end, chunk.speaker)
        prev = chunks[-1] if chunks else None
        if prev is not None and _continues(art, prev, chunk):
            prev.texts.extend(chunk.texts)
            prev.hi, prev.end = max(prev.hi, chunk.hi), chunk.end
            if not prev.speaker:
                prev.speaker, prev.kind = chunk.speaker, chunk.kind
            prev.attributed = prev.attributed or chunk.attributed
            continue
        chunks.append(chunk)
    # A short quote that opens its sentence is a statement ("I apologize," she said).
    return [
        c
        for c in chunks
        if not _scare_or_title(" ".join(c.texts))
        or (c.attributed and c.span.start - 1 <= art.sentences[c.lo].start)
    ]


def _scare_or_title(text: str) -> bool:
    words = _WORD.findall(text)
    if len(words) <= SCARE_QUOTE_WORDS:
        return True
    if text.rstrip().endswith((".", "!", "?", ",")):
        return False
    content = [w for w in words if len(w) > 3]
    return bool(content) and sum(w[0].isupper() for w in content) >= 0.6 * len(content)


def _continues(art: _Article, prev: _Chunk, chunk: _Chunk) -> bool:
    """Is ``chunk`` the rest of the quote ``prev`` (see rule 4 in the module docstring)?"""
    if chunk.attributed and chunk.speaker != prev.speaker:
        return False
    between = art.text[prev.end : chunk.span.start]
    if not prev.span.closed and chunk.span.opens_paragraph and between.count("\n") >= 1:
        return between.strip(' \n\t"“”«»') == ""
    if chunk.attributed:
        return False
    if "\n" in between:
        # A quote paragraph right after a quoted paragraph goes on with the same speaker.
        rest = between.partition("\n")[2]
        return (
            bool(prev.speaker)
            and chunk.span.opens_paragraph
            and chunk.lo <= prev.hi + 1
            and not rest.strip(' \n\t"“”«»')
        )
    # Only the attribution of ``prev`` may stand between them, i.e. no sentence of its own.
    return chunk.lo <= prev.hi + 1 and _words(prev.texts[-1]) > SCARE_QUOTE_WORDS


def _clean(text: str) -> str:
    return " ".join(text.split()).strip().rstrip(",")


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def _join(texts: Sequence[str]) -> str:
    out = texts[0]
    for t in texts[1:]:
        out = f"{out} {t}" if out.endswith((".", "?", "!")) else f"{out} … {t}"
    return out


def find_quotes(prepared: Prepared, docs: Mapping[str, Doc] | None = None) -> list[Quote]:
    """Direct quotes in the story, with speakers, grouped across outlets.

    Quotes carried by more outlets come first, then in story and text order. ``docs`` (article
    id -> spaCy ``Doc``, from ``parse_articles``) shares one parse with the entity finder.
    """
    story = prepared.story
    parsed = parse_articles(story.articles) if docs is None else docs
    docs = {a.id: doc_for(parsed, a) for a in story.articles}
    people = story_full_names(docs[a.id] for a in story.articles)
    found: list[_Found] = []
    for k, article in enumerate(story.articles):
        checkpoint()
        sentences = [prepared.sentences[i] for i in prepared.by_article.get(article.id, [])]
        if not sentences:
            continue
        art = _Article(article.text, sentences, docs[article.id], people)
        for chunk in _article_quotes(art):
            found.append(
                _Found(
                    k,
                    chunk.span.start,
                    _join(chunk.texts),
                    chunk.speaker,
                    chunk.kind,
                    tuple(sentences[chunk.lo : chunk.hi + 1]),
                )
            )
    return _group(found, [a.id for a in story.articles])


def _group(found_quotes: Sequence[_Found], story_ids: Sequence[str]) -> list[Quote]:
    """Merge quotes that are the same words (any outlet) into one ``Quote`` each."""
    parent = list(range(len(found_quotes)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    grams = [_shingles(f.text) for f in found_quotes]
    for i in range(len(found_quotes)):
        for j in range(i):
            if _same_quote(grams[i], grams[j]):
                parent[root(i)] = root(j)
    groups: dict[int, list[_Found]] = {}
    for i, f in enumerate(found_quotes):
        groups.setdefault(root(i), []).append(f)
    quotes = []
    for members in groups.values():
        members.sort(key=lambda f: (f.article, f.position))
        # A named person beats "a senior official", which beats "Reuters"; then the majority.
        speakers = Counter((f.kind, f.speaker) for f in members if f.speaker)
        best = min(speakers, key=lambda ks: (ks[0], -speakers[ks])) if speakers else (0, "")
        speaker = best[1]
        sentences = tuple(s for f in members for s in f.sentences)
        sources = tuple(dict.fromkeys(story_ids[f.article] for f in members))
        text = max((f.text for f in members), key=len)
        quotes.append((members[0], Quote(text, speaker, tuple(dict.fromkeys(sentences)), sources)))
    quotes.sort(key=lambda fq: (-len(fq[1].sources), fq[0].article, fq[0].position))
    return [q for _, q in quotes]


def _shingles(text: str) -> frozenset[str]:
    words = [w.lower() for w in _WORD.findall(text.replace("’", "'"))]
    if len(words) < 3:
        return frozenset({" ".join(words)})
    return frozenset(" ".join(words[i : i + 3]) for i in range(len(words) - 2))


def _same_quote(a: frozenset[str], b: frozenset[str]) -> bool:
    small = min(len(a), len(b))
    return small > 0 and len(a & b) / small >= SAME_QUOTE_OVERLAP
