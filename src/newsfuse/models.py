"""The one data model every stage takes and returns.

All types are frozen, slotted dataclasses. ``to_dict``/``from_dict`` give a JSON-safe round trip
(datetimes as ISO 8601 strings, tuples as lists), driven by the type hints so that a new field
needs no serializer code.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import types
import typing
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar, Union, get_args, get_origin, get_type_hints

T = TypeVar("T")


class _Serializable:
    """Mixin: JSON-safe dict round trip for the dataclasses below."""

    __slots__ = ()

    def to_dict(self) -> dict[str, Any]:
        out = _dump(self)
        assert isinstance(out, dict)
        return out

    @classmethod
    def from_dict(cls: type[T], data: dict[str, Any]) -> T:
        return typing.cast(T, _load(cls, data))

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False)

    @classmethod
    def from_json(cls: type[T], text: str) -> T:
        return typing.cast(T, _load(cls, json.loads(text)))


@dataclass(frozen=True, slots=True)
class Article(_Serializable):
    """One news report. ``text`` is the cleaned body; offsets of sentences point into it."""

    id: str
    text: str
    title: str = ""
    source: str = ""
    """Outlet name ("CNN"), or the site name an HTML page declares."""
    url: str = ""
    published: dt.datetime | None = None
    author: str = ""
    origin: str = ""
    """Where it was read from (a path, ``-`` for stdin, ``file.jsonl:12``, a feed URL)."""

    @property
    def label(self) -> str:
        """Short human name: the outlet, else the title, else the id."""
        return self.source or self.title or self.id


@dataclass(frozen=True, slots=True)
class Sentence(_Serializable):
    """A sentence of an article; ``article.text[start:end] == text``."""

    article_id: str
    index: int
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Story(_Serializable):
    """A set of articles about the same event."""

    id: str
    articles: tuple[Article, ...]
    title: str = ""
    _position: dict[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        position: dict[str, int] = {}
        for k, a in enumerate(self.articles):
            position.setdefault(a.id, k)
        object.__setattr__(self, "_position", position)

    def article(self, article_id: str) -> Article:
        return self.articles[self._position[article_id]]

    def order(self, article_id: str) -> int:
        """Position of the article in the story (``KeyError`` when it is not in it)."""
        return self._position[article_id]


@dataclass(frozen=True, slots=True)
class Citation(_Serializable):
    """A source sentence that supports a summary sentence."""

    article_id: str
    sentence_index: int
    similarity: float = 1.0
    """Cosine similarity of the two sentences' embeddings (1.0 for the sentence itself)."""


@dataclass(frozen=True, slots=True)
class CitedSentence(_Serializable):
    """A summary sentence, verbatim from ``sentence``, with every supporting source sentence."""

    sentence: Sentence
    citations: tuple[Citation, ...]

    @property
    def text(self) -> str:
        return self.sentence.text


@dataclass(frozen=True, slots=True)
class Summary(_Serializable):
    """An extractive summary of a story under a word budget."""

    story_id: str
    method: str
    budget: int
    sentences: tuple[CitedSentence, ...]

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.sentences)

    @property
    def words(self) -> int:
        return sum(len(s.text.split()) for s in self.sentences)


Coverage = Literal["all", "several", "one"]


@dataclass(frozen=True, slots=True)
class Claim(_Serializable):
    """Sentences from different articles that report the same fact."""

    sentences: tuple[Sentence, ...]
    sources: tuple[str, ...]
    """Article ids, in story order, that report the claim: one per independent report (a
    syndicated copy of an article counts as that article)."""
    coverage: Coverage
    copies: tuple[str, ...] = ()
    """Article ids whose sentence in the claim is a copy of a listed source's (same wire story):
    their sentences are in ``sentences`` but they do not corroborate."""


ConflictKind = Literal["quantity", "date", "entity", "polarity"]


@dataclass(frozen=True, slots=True)
class Conflict(_Serializable):
    """Two sentences from different articles that disagree about the same fact (the same counted
    thing, event date, role or event; not necessarily in the same ``Claim``)."""

    kind: ConflictKind
    a: Sentence
    b: Sentence
    value_a: str
    """Normalized value in ``a`` (e.g. ``"17"``, ``"2016-02-25"``, ``"Kerry"``, ``"agreed"``)."""
    value_b: str
    span_a: str = ""
    """The words in ``a`` the value was read from (``"17-nation"``)."""
    span_b: str = ""
    explanation: str = ""
    confidence: float = 1.0
    """How sure the detector is that the two sentences state one fact differently (0-1)."""
    reason: str = ""
    """One line: the fact and both values ("same fact: the length of the civil war; CNN says
    five-year, NPR says four-year-old")."""
    update: bool = False
    """``a`` is from an article the reader had already read and ``b`` from a newer one: the
    value changed from ``value_a`` to ``value_b`` (news, not a disagreement)."""


@dataclass(frozen=True, slots=True)
class Quote(_Serializable):
    """A direct quote, its speaker, and every sentence (any outlet) that carries it."""

    text: str
    speaker: str
    """Full name as the article gives it; empty when no speaker could be found."""
    sentences: tuple[Sentence, ...]
    sources: tuple[str, ...]


EntityLabel = Literal["PERSON", "ORG", "PLACE"]


@dataclass(frozen=True, slots=True)
class Entity(_Serializable):
    """A named entity and which articles mention it (and how often)."""

    name: str
    label: EntityLabel
    mentions: dict[str, int] = field(default_factory=dict)
    """Article id -> number of mentions."""


DateGranularity = Literal["day", "month", "year"]


@dataclass(frozen=True, slots=True)
class TimelineEvent(_Serializable):
    """A dated event, resolved against the article's publication date."""

    date: dt.date
    expression: str
    """The words the date was read from (``"Thursday"``, ``"Feb. 25"``)."""
    sentence: Sentence
    citations: tuple[Citation, ...] = ()
    granularity: DateGranularity = "day"
    """How precise ``date`` is: ``"month"`` and ``"year"`` events carry the first day."""


CellState = Literal["reports", "otherwise", "silent"]


@dataclass(frozen=True, slots=True)
class CoverageCell(_Serializable):
    """What one source says about one fact of the coverage grid."""

    article_id: str
    """The source (column): an article that is no syndicated copy of another."""
    state: CellState
    """``"reports"`` it, says ``"otherwise"`` (another value for the fact), or ``"silent"``."""
    citation: Citation | None = None
    """The sentence the cell stands for (the source's own, else a copy's); None when silent."""
    value: str = ""
    """For a conflict row, the value this source gives (``"17"``)."""


CoverageKind = Literal["conflict", "shared", "single"]


@dataclass(frozen=True, slots=True)
class CoverageRow(_Serializable):
    """One fact of the story across every source: a row of the coverage grid."""

    title: str
    """Short plain text naming the fact (a conflict's "how many (nations): 17 vs 20", a claim's
    first sentence clipped)."""
    kind: CoverageKind
    cells: tuple[CoverageCell, ...]
    """One per source, in story order (the same columns on every row)."""


@dataclass(frozen=True, slots=True)
class Brief(_Serializable):
    """The whole briefing for one story."""

    story: Story
    summary: Summary
    claims: tuple[Claim, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    quotes: tuple[Quote, ...] = ()
    entities: tuple[Entity, ...] = ()
    timeline: tuple[TimelineEvent, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    """Every sentence of every article, so citations can be resolved to text."""
    query: str = ""
    """The reader's question the summary is focused on, if any."""
    background: tuple[str, ...] = ()
    """Ids of the story's articles the reader had already read: the summary covers only what
    the others add."""
    coverage: tuple[CoverageRow, ...] = ()
    """The coverage grid: the story's main facts (conflicts and shared facts first) against its
    sources. Empty in briefs stored before it existed."""

    def sentence(self, article_id: str, index: int) -> Sentence:
        for s in self.sentences:
            if s.article_id == article_id and s.index == index:
                return s
        raise KeyError((article_id, index))


# --- serialization -------------------------------------------------------------------------


def _dump(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _dump(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init}
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_dump(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _dump(v) for k, v in value.items()}
    return value


_HINTS: dict[type, dict[str, Any]] = {}


def _load(tp: Any, data: Any) -> Any:
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):
        args = [a for a in get_args(tp) if a is not type(None)]
        if data is None:
            return None
        return _load(args[0], data)
    if origin is Literal:
        if data not in get_args(tp):
            raise ValueError(f"{data!r} is not one of {get_args(tp)}")
        return data
    if origin is tuple:
        item = get_args(tp)[0]
        return tuple(_load(item, v) for v in data)
    if origin is dict:
        _, vt = get_args(tp)
        return {k: _load(vt, v) for k, v in data.items()}
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        hints = _HINTS.get(tp)
        if hints is None:
            hints = _HINTS[tp] = get_type_hints(tp)
        names = {f.name for f in dataclasses.fields(tp) if f.init}
        unknown = set(data) - names
        if unknown:
            raise ValueError(f"unknown field(s) for {tp.__name__}: {', '.join(sorted(unknown))}")
        return tp(**{k: _load(hints[k], v) for k, v in data.items()})
    if tp is dt.datetime:
        return dt.datetime.fromisoformat(data)
    if tp is dt.date:
        return dt.date.fromisoformat(data)
    if tp is float and isinstance(data, int):
        return float(data)
    return data
