"""Each kind of disagreement is reported, each kind of compatible restatement stays quiet.

Real model (MiniLM and the shipped conflict model): the decisions are the shipped ones.
"""

import datetime as dt

import pytest

from newsfuse.compare.brief.build import claims_and_conflicts
from newsfuse.embed import default_embedder
from newsfuse.models import Article, Conflict, Story
from newsfuse.pipeline import prepare
from newsfuse.settings import DEFAULT

pytestmark = pytest.mark.slow

PUB = dt.datetime(2021, 3, 3)  # a Wednesday
OTHER_A = "Rescue teams worked through the night with dogs and thermal cameras."
OTHER_B = "The regional governor visited the site on foot and spoke to survivors."


def run(a: str, b: str, pub_a: dt.datetime = PUB, pub_b: dt.datetime = PUB) -> list[Conflict]:
    story = Story(
        "s",
        (
            Article(id="a0", text=f"{a} {OTHER_A}", source="Wire", published=pub_a),
            Article(id="a1", text=f"{b} {OTHER_B}", source="Daily", published=pub_b),
        ),
    )
    _, conflicts = claims_and_conflicts(prepare(story, default_embedder()), DEFAULT)
    return conflicts


CONFLICTS = {
    "count": (
        "The landslide buried 12 houses in the mountain village of Santa Ines on Tuesday.",
        "A landslide on Tuesday buried 30 homes in Santa Ines, a mountain village.",
    ),
    "percent": (
        "Unemployment in the province rose to 12 percent last quarter, the statistics office said.",
        "The statistics office said unemployment in the province reached 19 percent last quarter.",
    ),
    "money": (
        "The city council approved a $4 million budget for the new bridge over the river.",
        "Council members voted for a $9 million plan to build the new bridge over the river.",
    ),
    "duration": (
        "The strike by the dock workers has now lasted three weeks, union leaders said.",
        "Union leaders said the dock workers' strike had gone on for seven weeks.",
    ),
    "age": (
        "The driver, 34, was taken to hospital with minor injuries after the crash.",
        "The 52-year-old driver suffered minor injuries in the crash and was taken to hospital.",
    ),
    "measure": (
        "The storm dumped 40 centimeters of snow on the capital overnight.",
        "Overnight the storm left 90 centimeters of snow in the capital.",
    ),
    "date": (
        "The new ferry line will open on March 14, the port authority announced.",
        "The port authority announced that the ferry line opens on March 21.",
    ),
    "year": (
        "The novelist was stripped of her citizenship in 1994 and has lived in exile since.",
        "Stripped of her citizenship in 1996, the novelist has lived in exile ever since.",
    ),
    "weekday": (
        "The minister resigned on Monday after the report was published.",
        "The minister resigned on Friday, days after the report came out.",
    ),
    # Names swapped in one role; a name moved to another role of a rephrased sentence is still
    # mostly missed (see benchmarks/conflicts.py).
    "person": (
        "The award was presented by Maria Lopez, the foundation's director, at the ceremony.",
        "The award was presented by Helen Brandt, the foundation's director, at Friday's ceremony.",
    ),
    "place": (
        "The summit of European energy ministers will be held in Vienna next month.",
        "The summit of the European energy ministers will be held in Lisbon next month.",
    ),
    "org": (
        "Boeing won the contract to supply the air force with twelve new tankers.",
        "Airbus won the contract to supply twelve new tankers to the air force.",
    ),
    "negation": (
        "The company has confirmed that it will close the factory in the spring.",
        "The company has denied that it will close the factory in the spring.",
    ),
}


KNOWN_MISSES = {
    "person": "a swap the sentence embedding scores below 0.7 is left to the model, which is "
    "unsure of names (dev recall ~0.25)",
}


@pytest.mark.parametrize(
    "kind",
    [
        pytest.param(k, marks=pytest.mark.xfail(strict=True, reason=KNOWN_MISSES[k]))
        if k in KNOWN_MISSES
        else k
        for k in sorted(CONFLICTS)
    ],
)
def test_each_kind_of_disagreement_is_reported(kind: str) -> None:
    a, b = CONFLICTS[kind]
    found = run(a, b)
    assert found, f"{kind}: no conflict between {a!r} and {b!r}"
    c = found[0]
    assert {c.a.article_id, c.b.article_id} == {"a0", "a1"}
    assert 0 < c.confidence <= 1
    assert c.reason.startswith("same fact:") and "Wire" in c.reason and "Daily" in c.reason


COMPATIBLE = {
    "hedged bound": (
        "At least 40 people were killed when the bus fell into the ravine.",
        "The bus plunged into the ravine, killing 43 people.",
    ),
    "two bounds": (
        "More than 30 people were injured in the stampede at the stadium.",
        "At least 32 people were hurt in the stampede at the stadium.",
    ),
    "rounding": (
        "Turnout in the referendum was 12.6 percent, the election board said.",
        "The election board put turnout in the referendum at 13 percent.",
    ),
    "unit conversion": (
        "The fire burned across 10 miles of forest north of the town.",
        "The blaze spread over 16 kilometers of forest north of the town.",
    ),
    "date format": (
        "The trial of the former mayor begins Feb. 25 in the district court.",
        "The former mayor's trial will begin on February 25 in the district court.",
    ),
    "spaced thousands": (
        "The festival drew 150,000 visitors over the weekend, organizers said.",
        "Organizers said 150, 000 visitors came to the festival over the weekend.",
    ),
    "vague and exact": (
        "Around 50,000 people have fled the fighting in the northern province.",
        "Tens of thousands of people have fled the fighting in the northern province.",
    ),
    "arithmetic": (
        "The plane carried 43 people when it went down off the coast.",
        "The plane, carrying 40 passengers and 3 crew, went down off the coast.",
    ),
}


@pytest.mark.parametrize("case", sorted(COMPATIBLE))
def test_compatible_restatements_stay_quiet(case: str) -> None:
    a, b = COMPATIBLE[case]
    assert run(a, b) == []


def test_relative_and_absolute_dates_in_articles_of_different_days_agree() -> None:
    # Published Thursday March 4 and Monday March 8: "Wednesday" is March 3 in the first.
    assert (
        run(
            "The minister resigned on Wednesday after the report was published.",
            "The minister resigned on March 3 after the report was published.",
            dt.datetime(2021, 3, 4),
            dt.datetime(2021, 3, 8),
        )
        == []
    )


DIFFERENT = {
    "another city's toll": (
        "In Aleppo, 25 people were killed in the shelling on Sunday.",
        "In Homs, 60 people were killed in the shelling on Sunday.",
    ),
    "another stage's winner": (
        "Marco Rossi won the fifth stage of the race in a sprint finish.",
        "Pieter de Vries won the sixth stage of the race in a sprint finish.",
    ),
}


@pytest.mark.parametrize("case", sorted(DIFFERENT))
def test_different_facts_in_similar_sentences_stay_quiet(case: str) -> None:
    a, b = DIFFERENT[case]
    assert run(a, b) == []


def test_an_age_one_year_apart_in_articles_a_year_apart_agrees() -> None:
    assert (
        run(
            "The goalkeeper, 31, signed a new contract with the club.",
            "The goalkeeper, 32, signed a new contract with the club.",
            dt.datetime(2004, 5, 1),
            dt.datetime(2005, 5, 3),
        )
        == []
    )


def test_a_conflicting_pair_is_never_a_shared_claim() -> None:
    a, b = CONFLICTS["count"]
    story = Story(
        "s",
        (
            Article(id="a0", text=a, source="Wire", published=PUB),
            Article(id="a1", text=b, source="Daily", published=PUB),
        ),
    )
    claims, conflicts = claims_and_conflicts(prepare(story, default_embedder()), DEFAULT)
    assert conflicts
    assert all(len(c.sources) == 1 for c in claims)
