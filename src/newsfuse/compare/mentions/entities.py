"""Named entities: people, organizations and places, merged across spelling variants, with how
often each article mentions them.

spaCy runs once per article (``parse_articles``) and the same ``Doc`` is shared with the quote
finder, which also uses ``PersonNames`` here to expand a surname to the full name.

Label mapping: PERSON -> PERSON, ORG -> ORG, GPE/LOC/FAC -> PLACE. NORP (nationalities and
groups: "Russian", "Syrian") is left out: in news it is mostly adjectives, and the small model
tags places ("Aleppo") as NORP often enough that keeping it would add noise, not actors.
Mentions of a kept entity under another label still count towards it.

Variants merged: "Kerry" -> "John Kerry" (surname or first name of a full name in the story),
titles and possessives stripped ("Secretary John Kerry's"), "Bashar Assad" = "Bashar al-Assad",
"U.S." = "US", and an acronym to the name whose initials it is ("UN" -> "United Nations",
"ISSG" -> "International Syria Support Group").
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from newsfuse.models import Article, Entity, EntityLabel, Story
from newsfuse.text.dateline import find_dateline
from newsfuse.text.nlp import load_nlp, parse

Doc = Any
"""A ``spacy.tokens.Doc`` (spaCy ships no type information)."""

LABELS: dict[str, EntityLabel] = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "GPE": "PLACE",
    "LOC": "PLACE",
    "FAC": "PLACE",
}

TITLES = frozenset(
    """mr mrs ms miss dr prof sir dame lord lady president vice secretary minister prime foreign
    chancellor premier senator sen rep representative gov governor mayor gen general col
    colonel lt capt captain adm admiral sgt judge justice king queen prince princess pope rev
    pres father ambassador envoy spokesman spokeswoman spokesperson chief deputy director
    commissioner former late state defense interior finance the speaker house senate leader
    majority minority whip attorney sheriff congressman congresswoman councilman councilwoman
    officer sergeant detective reverend rabbi bishop archbishop cardinal coach""".split()  # noqa: SIM905 - a word list reads best as words
)
"""Words stripped from the front of a person's name ("Foreign Minister Sergey Lavrov")."""

_PARTICLE = re.compile(r"\b(?:al|el|ad|as|ash|ar)-", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s?$")
_CONNECTORS = frozenset({"of", "the", "and", "for", "on", "in", "to", "&"})


def parse_articles(articles: Sequence[Article], nlp: Any = None) -> dict[str, Doc]:
    """Article id -> spaCy ``Doc`` of its text (``text.nlp.parse``)."""
    docs = parse([a.text for a in articles], nlp)
    return {a.id: doc for a, doc in zip(articles, docs, strict=True)}


def parse_stories(stories: Sequence[Story], nlp: Any = None) -> list[dict[str, Doc]]:
    """``parse_articles`` for several stories in one batch (article ids such as ``d0`` repeat
    across stories, so each story gets its own mapping)."""
    docs = iter(parse([a.text for st in stories for a in st.articles], nlp))
    return [{a.id: next(docs) for a in st.articles} for st in stories]


def doc_for(docs: Mapping[str, Doc], article: Article) -> Doc:
    """The parse of ``article`` from ``docs``; parsed afresh when missing or of other text."""
    doc = docs.get(article.id)
    if doc is None or doc.text != article.text:
        doc = load_nlp()(article.text)
    return doc


def clean_name(text: str) -> str:
    """Strip a possessive (and what follows it: "Mitt Romney's Medicare"), a leading
    conjunction ("But House Speaker ..."), surrounding punctuation and leading titles."""
    text = re.split(r"['’]s\s", " ".join(text.split()), maxsplit=1)[0]
    text = _LEADING.sub("", text)
    text = _POSSESSIVE.sub("", text).strip(" \"'“”‘’,;:()[]-–—")
    words = text.split()
    while len(words) > 1 and words[0].lower().rstrip(".") in TITLES:
        words.pop(0)
    return " ".join(words)


@functools.lru_cache(maxsize=65536)  # resolving a name compares it with every full name
def name_key(name: str) -> str:
    """Comparison key: case, dots and Arabic article particles ignored ("al-Assad" = "Assad"),
    and "Department of Defense" = "Defense Department"."""
    key = " ".join(_PARTICLE.sub("", name).replace(".", "").lower().split())
    return re.sub(r"^(department|ministry) of (\w+)$", r"\2 \1", key)


@dataclass(slots=True)
class PersonNames:
    """The full names an article gives, in text order, to expand "Kerry" to "John Kerry".

    ``story`` holds full names from the whole story, the fallback when the article itself only
    uses the surname.
    """

    full: list[tuple[int, str]] = field(default_factory=list)
    story: list[str] = field(default_factory=list)

    @classmethod
    def from_doc(cls, doc: Doc, story: Sequence[str] = ()) -> PersonNames:
        return cls(full_names(doc), list(story))

    def resolve(self, name: str, pos: int = 0) -> str:
        """The full name for ``name`` mentioned at character ``pos``: the nearest full name
        before it with that surname (or first name), else the first after it, else one from the
        story; ``name`` itself (cleaned) when nothing matches."""
        name = clean_name(name)
        words = name_key(name).split()
        if len(words) != 1:
            return name
        (word,) = words

        def matches(full: str) -> bool:
            parts = name_key(full).split()
            return parts[-1] == word or parts[0] == word

        before = [n for p, n in self.full if p <= pos and matches(n)]
        if before:
            return before[-1]
        after = [n for p, n in self.full if p > pos and matches(n)]
        if after:
            return after[0]
        in_story = [n for n in self.story if matches(n)]
        return in_story[0] if in_story else name

    def known(self, name: str, pos: int = 0) -> str:
        """The full name a one-word ``name`` stands for, or "" when it matches no person."""
        cleaned = clean_name(name)
        if len(name_key(cleaned).split()) != 1:
            return ""
        full = self.resolve(cleaned, pos)
        return full if full != cleaned else ""


def full_names(doc: Doc) -> list[tuple[int, str]]:
    """``(start_char, name)`` of every PERSON mention of two or more words, titles stripped."""
    out = []
    for ent in doc.ents:
        if ent.label_ == "PERSON":
            name = clean_name(ent.text)
            if len(name.split()) >= 2 and _is_name(name):
                out.append((ent.start_char, name))
    return out


def story_full_names(docs: Iterable[Doc]) -> list[str]:
    """Distinct full names across documents, first occurrence first."""
    seen: dict[str, str] = {}
    for doc in docs:
        for _, name in full_names(doc):
            seen.setdefault(name_key(name), name)
    return list(seen.values())


def _is_name(text: str) -> bool:
    letters = sum(c.isalpha() for c in text)
    return letters >= 2 and not text.replace(",", "").replace(".", "").isdigit()


def _initials(name: str) -> str:
    words = [w for w in re.split(r"[\s-]+", name) if w and w.lower() not in _CONNECTORS]
    # Only spelled-out words: "U.N. Security" must not become "US".
    if len(words) < 2 or not all(w.isalpha() and w[0].isupper() and not w.isupper() for w in words):
        return ""
    return "".join(w[0] for w in words).lower()


def _is_title_word(doc: Doc, ent: Any) -> bool:
    # "Secretary of State John Kerry": spaCy tags "State" as an ORG.
    return (
        ent.start >= 2
        and len(ent) == 1
        and doc[ent.start - 1].lower_ == "of"
        and doc[ent.start - 2].lower_ in TITLES
    )


@dataclass(slots=True)
class _Mention:
    article_id: str
    label: EntityLabel | None
    surface: str
    key: str


def find_entities(story: Story, docs: Mapping[str, Doc] | None = None) -> list[Entity]:
    """People, organizations and places in the story, most widely reported first.

    ``docs`` (article id -> spaCy ``Doc``) lets callers share one parse with the quote finder;
    the articles are parsed here when it is not given.
    """
    parsed = parse_articles(story.articles) if docs is None else docs
    docs = {a.id: doc_for(parsed, a) for a in story.articles}
    people = story_full_names(docs[a.id] for a in story.articles)
    mentions: list[_Mention] = []
    for article in story.articles:
        doc = docs[article.id]
        names = PersonNames.from_doc(doc, people)
        datelines = _datelines(article.text)
        for ent in doc.ents:
            if _is_title_word(doc, ent) or _is_junk(article.text, ent, datelines):
                continue
            label = LABELS.get(ent.label_)
            text = clean_name(ent.text) if label == "PERSON" else _clean_org(ent.text)
            if not _is_name(text):
                continue
            if label == "ORG" and _says_like_a_person(ent):
                label = "PERSON"  # "NPR's Alison Meuse has reported": a name that speaks
            if label == "PERSON":
                text = names.resolve(text, ent.start_char)
            elif ent.label_ in _SURNAME_LABELS and (person := names.known(text, ent.start_char)):
                # The small model tags a bare surname as ORG, GPE or NORP ("Lavrov declared",
                # "Mattis wrote"): a surname of a person the story names is that person.
                label, text = "PERSON", person
            mentions.append(_Mention(article.id, label, text, name_key(text)))
    return _merge(story, mentions)


_SURNAME_LABELS = frozenset({"ORG", "GPE", "LOC", "FAC", "NORP"})
_LEADING = re.compile(r"^(?:But|And|Or|So|If|When|While|As|After|Before|Despite|Neither|Then)\s+")


def _datelines(text: str) -> list[tuple[int, int]]:
    """Spans of the datelines and bylines opening the text's paragraphs."""
    out = []
    for m in re.finditer(r"(?:^|\n)[ \t]*", text):
        d = find_dateline(text, m.end())
        if d is not None:
            out.append((d.start, d.end))
    return out


def _is_junk(text: str, ent: Any, datelines: Sequence[tuple[int, int]]) -> bool:
    """Dateline words, hashtags and handles, and clipped one-word 'names' ("Dem") in ``text``,
    the parsed article's text."""
    if any(s <= ent.start_char < e for s, e in datelines):
        return True
    if ent.start_char > 0 and text[ent.start_char - 1] in "#@":
        return True
    return ent.label_ == "PERSON" and len(ent) == 1 and len(ent.text) <= 3


_SPEAKS = frozenset(
    "say tell report write add explain note warn argue ask reply announce claim tweet".split()  # noqa: SIM905 - a word list reads best as words
)
_ORG_WORDS = frozenset(
    """house senate congress department ministry committee council party news post times press
    agency service office group union association institute university college bank company
    corp inc ltd court army police force forces coalition foundation fund network radio
    television tv channel journal daily herald guardian""".split()  # noqa: SIM905 - a word list reads best as words
)


def _says_like_a_person(ent: Any) -> bool:
    """An ORG that is two plain capitalized words and the subject of a speech verb."""
    words = ent.text.split()
    if len(words) != 2 or not all(
        w.isalpha() and w[0].isupper() and not w.isupper() for w in words
    ):
        return False
    if any(w.lower() in _ORG_WORDS for w in words):
        return False
    root = ent.root
    return root.dep_ == "nsubj" and root.head.lemma_ in _SPEAKS


def _clean_org(text: str) -> str:
    text = _LEADING.sub("", " ".join(text.split()))
    text = _POSSESSIVE.sub("", text).strip(" \"'“”‘’,;:()[]-–—")
    return re.sub(r"^(?:the|The)\s+", "", text)


def _merge(story: Story, mentions: list[_Mention]) -> list[Entity]:
    kept = [m for m in mentions if m.label is not None]
    # Acronyms join the multi-word name whose initials they are, when the story has one.
    by_initials: dict[str, str] = {}
    for m in kept:
        ini = _initials(m.surface)
        if ini and len(ini) >= 2:
            by_initials.setdefault(ini, m.key)
    for m in mentions:
        compact = m.key.replace(" ", "")
        if m.surface.replace(".", "").isupper() and compact in by_initials:
            m.key = by_initials[compact]

    labels: dict[str, Counter[EntityLabel]] = {}
    surfaces: dict[str, Counter[str]] = {}
    for m in kept:
        assert m.label is not None
        labels.setdefault(m.key, Counter())[m.label] += 1
        surfaces.setdefault(m.key, Counter())[m.surface] += 1
    order = {a.id: k for k, a in enumerate(story.articles)}
    counts: dict[str, dict[str, int]] = {}
    for m in mentions:
        if m.key in labels:
            per = counts.setdefault(m.key, {})
            per[m.article_id] = per.get(m.article_id, 0) + 1
    entities = []
    for key, label_counts in labels.items():
        label = label_counts.most_common(1)[0][0]
        entities.append(
            Entity(
                name=_display(surfaces[key]),
                label=label,
                mentions=dict(sorted(counts[key].items(), key=lambda kv: order[kv[0]])),
            )
        )
    entities.sort(key=lambda e: (-len(e.mentions), -sum(e.mentions.values()), e.name.lower()))
    return entities


def _display(surfaces: Counter[str]) -> str:
    # Prefer a spelled-out form ("United Nations") over an acronym ("U.N."), then the commonest.
    spelled = [s for s, _ in surfaces.most_common() if not s.replace(".", "").isupper()]
    return spelled[0] if spelled else surfaces.most_common(1)[0][0]
