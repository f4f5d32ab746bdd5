"""The data model: frozen, and a lossless JSON round trip for every type."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from newsfuse.models import (
    Article,
    Brief,
    Citation,
    CitedSentence,
    Claim,
    Conflict,
    Entity,
    Quote,
    Sentence,
    Story,
    Summary,
    TimelineEvent,
)

ART = Article(
    "a1",
    "Text one. Text two.",
    title="T",
    source="CNN",
    url="https://x.test/a",
    published=dt.datetime(2016, 2, 10, 9, 30, tzinfo=dt.UTC),
    author="A. Writer",
    origin="a1.txt",
)
S0 = Sentence("a1", 0, "Text one.", 0, 9)
S1 = Sentence("a1", 1, "Text two.", 10, 19)
SUMMARY = Summary(
    "s1", "newsfuse", 120, (CitedSentence(S0, (Citation("a1", 0), Citation("b", 3, 0.81))),)
)
BRIEF = Brief(
    story=Story("s1", (ART,), "T"),
    summary=SUMMARY,
    claims=(Claim((S0, S1), ("a1",), "one"),),
    conflicts=(Conflict("quantity", S0, S1, "17", "20", "17-nation", "about 20 countries"),),
    quotes=(Quote("Text two.", "John Kerry", (S1,), ("a1",)),),
    entities=(Entity("John Kerry", "PERSON", {"a1": 2}),),
    timeline=(TimelineEvent(dt.date(2016, 2, 25), "Feb. 25", S1, (Citation("a1", 1),)),),
    sentences=(S0, S1),
)


@pytest.mark.parametrize("obj", [ART, S0, SUMMARY, BRIEF])
def test_json_round_trip_is_lossless(obj) -> None:  # type: ignore[no-untyped-def]
    back = type(obj).from_json(obj.to_json())
    assert back == obj
    assert type(back.to_dict()) is dict


def test_models_are_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        ART.title = "changed"  # type: ignore[misc]


def test_unknown_fields_and_bad_literals_are_rejected() -> None:
    with pytest.raises(ValueError, match="unknown field"):
        Article.from_dict({"id": "x", "text": "t", "colour": "red"})
    bad = Claim((S0,), ("a1",), "one").to_dict() | {"coverage": "most"}
    with pytest.raises(ValueError, match="most"):
        Claim.from_dict(bad)


def test_brief_resolves_citations_to_sentences() -> None:
    assert BRIEF.sentence("a1", 1) is S1
    with pytest.raises(KeyError):
        BRIEF.sentence("a1", 7)
