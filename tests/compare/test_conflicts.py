import datetime as dt
import re
from pathlib import Path

import pytest

from newsfuse.compare import find_claims, find_conflicts
from newsfuse.compare.brief.build import claims_and_conflicts
from newsfuse.compare.conflicts.detect import candidates
from newsfuse.compare.features import sentence_features
from newsfuse.embed import HashingEmbedder, default_embedder
from newsfuse.models import Article, Conflict, Story
from newsfuse.pipeline import prepare
from newsfuse.settings import DEFAULT

PUB = dt.datetime(2021, 3, 3)  # a Wednesday


def story(*texts: str, published: tuple[dt.datetime, ...] = ()) -> Story:
    pubs = published or (PUB,) * len(texts)
    return Story(
        "s",
        tuple(
            Article(id=f"a{i}", text=t, source=f"Outlet{i}", published=p)
            for i, (t, p) in enumerate(zip(texts, pubs, strict=True))
        ),
    )


RULES = DEFAULT.with_(conflicts="rules")
"""These tests pin the rule layer (candidates and the 0.1 thresholds) on the fast hashing
embedder; tests/compare/test_conflict_kinds.py checks the learned decisions on the real model."""


def conflicts(*texts: str, embedder=None, **kw) -> list[Conflict]:
    p = prepare(story(*texts, **kw), embedder or HashingEmbedder())
    return find_conflicts(p, find_claims(p, DEFAULT), RULES)


FILLER_A = "Rescue teams worked through the night with dogs and thermal cameras."
FILLER_B = "The regional governor visited the site on foot and spoke to survivors."


def test_different_counts_of_the_same_fact_conflict() -> None:
    found = conflicts(
        f"The landslide buried 12 houses in the mountain village of Santa Ines. {FILLER_A}",
        f"The landslide buried 30 houses in the mountain village of Santa Ines. {FILLER_B}",
    )
    assert len(found) == 1
    c = found[0]
    assert c.kind == "quantity"
    assert (c.a.article_id, c.b.article_id) == ("a0", "a1")
    assert (c.value_a, c.value_b) == ("12", "30")
    assert (c.span_a, c.span_b) == ("12", "30")


def test_compatible_rounded_and_vague_values_do_not_conflict() -> None:
    assert not conflicts(
        "Around 50,000 people have been displaced by the fighting in the northern province.",
        "Tens of thousands of people have been displaced by the fighting in the northern province.",
    )
    assert not conflicts(
        "Some 300,000 people are at risk of being cut off from food in the besieged city.",
        "Hundreds of thousands of people are at risk of being cut off from food in the city.",
    )
    assert not conflicts(
        "The landslide buried about 20 houses in the mountain village of Santa Ines.",
        "The landslide buried 21 houses in the mountain village of Santa Ines.",
    )


def test_numbers_about_different_things_do_not_conflict() -> None:
    assert not conflicts(
        "The landslide buried 12 houses in the mountain village of Santa Ines on Monday.",
        "The landslide killed 30 cows in the mountain village of Santa Ines on Monday.",
    )


def test_a_value_the_other_report_also_gives_is_explained_away() -> None:
    # Both reports give both figures; pairing the telethon's total with the pledge is wrong.
    assert not conflicts(
        "The telethon raised 395,000 euros, on top of 150,000 euros pledged by the government.",
        "The government pledged 150,000 euros while the telethon raised 395,000 euros.",
    )


def test_different_periods_are_different_facts() -> None:
    assert not conflicts(
        "The company earned $5.9 million in the first quarter, its best result yet.",
        "The company earned $1.5 million in the fourth quarter, its best result yet.",
    )


def test_date_conflict_on_the_same_event() -> None:
    found = conflicts(
        "The trial of the former mayor will open on March 9 at the district court in Lyon.",
        "The trial of the former mayor will open on March 16 at the district court in Lyon.",
    )
    assert [c.kind for c in found] == ["date"]
    assert {found[0].value_a, found[0].value_b} == {"2021-03-09", "2021-03-16"}


def test_relative_dates_resolve_against_each_publication_date() -> None:
    # "yesterday" on Thursday and "Wednesday" on Wednesday's evening edition are the same day.
    thu = dt.datetime(2021, 3, 4)
    assert not conflicts(
        "The central bank raised its main interest rate yesterday to curb inflation.",
        "The central bank raised its main interest rate on Wednesday to curb inflation.",
        published=(thu, PUB),
    )
    found = conflicts(
        "The central bank raised its main interest rate yesterday to curb inflation.",
        "The central bank raised its main interest rate on Monday to curb inflation.",
        published=(thu, PUB),
    )
    assert [c.kind for c in found] == ["date"]


def test_a_date_with_its_year_before_a_plural_noun_dates_the_event() -> None:
    # "the July 4 parade" and "Sept. 11 victims" use a date as a name; with its year the date
    # says when the event happened.
    found = conflicts(
        "A memorial to the victims of the July 7, 2005 bombings in London was unveiled.",
        "A memorial to the victims of the July 4, 2005 bombings in London was unveiled.",
    )
    assert [c.kind for c in found] == ["date"]
    assert not conflicts(
        "Families of Sept. 11 victims gathered at the memorial in Manhattan to read names.",
        "Families of Sept. 12 victims gathered at the memorial in Manhattan to read names.",
    )


def test_a_named_month_is_not_read_off_a_weekday() -> None:
    # "in June" gets its year from the publication date, but not the day it was heard of: the
    # model sees a month, not a relative date.
    p = prepare(
        story(
            "The floods on the Yangtze began in June and inundated farmland.",
            "The floods on the Yangtze began in April and inundated farmland.",
        ),
        HashingEmbedder(),
    )
    feats = sentence_features(p)
    (found,) = [f for f in candidates(p, feats, find_claims(p, DEFAULT)) if f.detail != "entity"]
    assert (found.conflict.kind, found.detail, found.evidence["relative"]) == ("date", "month", 0)


def test_dates_of_statements_are_not_compared() -> None:
    assert not conflicts(
        "Lavrov said Tuesday that the plan to end the fighting was concrete and fair.",
        "Lavrov said Monday that the plan to end the fighting was concrete and fair.",
    )


def _load_example(path: Path) -> Article:
    text = path.read_text(encoding="utf-8")
    m = re.match(r"---\n(.*?)\n---\n", text, re.S)
    assert m, path
    meta = dict(line.split(": ", 1) for line in m.group(1).splitlines())
    return Article(
        id=path.stem,
        text=text[m.end() :],
        source=meta["source"],
        published=dt.datetime.fromisoformat(meta["published"]),
    )


@pytest.mark.slow
def test_munich_example_acceptance() -> None:
    root = Path(__file__).resolve().parents[2] / "examples" / "munich-2016"
    s = Story("munich", tuple(_load_example(p) for p in sorted(root.glob("*.txt"))))
    p = prepare(s, default_embedder())
    claims, found = claims_and_conflicts(p, DEFAULT)
    spans = {(c.span_a, c.span_b) for c in found}
    assert ("five-year", "four-year-old") in spans
    assert ("17-nation", "about 20") in spans
    assert len(found) == 2, found  # no false alarm
    for c in found:
        words = f"{c.span_a} {c.span_b}".lower()
        assert not ("50,000" in words and "tens of thousands" in words), c
        assert not ("300,000" in words and "hundreds of thousands" in words), c
    # A quote only CNN carries is not "reported by several sources".
    saleh = [c for c in claims if any("Khalid Saleh" in x.text for x in c.sentences)]
    assert saleh and all(len(c.sources) == 1 for c in saleh)


@pytest.mark.slow
def test_entity_swapped_in_the_same_role() -> None:
    found = conflicts(
        "Prime Minister John Howard opened the new harbour bridge on Tuesday in Sydney.",
        "Prime Minister Kevin Rudd opened the new harbour bridge on Tuesday in Sydney.",
    )
    assert [(c.kind, c.value_a, c.value_b) for c in found] == [
        ("entity", "John Howard", "Kevin Rudd")
    ]


@pytest.mark.slow
def test_opposite_polarity_of_the_same_event() -> None:
    found = conflicts(
        "The pilots' union agreed to the airline's recovery plan on Sunday after a long vote.",
        "The pilots' union refused the airline's recovery plan on Sunday after a long vote.",
    )
    assert [(c.kind, c.value_a, c.value_b) for c in found] == [("polarity", "agreed", "refused")]
    negated = conflicts(
        "The pilots' union agreed to the airline's recovery plan on Sunday after a long vote.",
        "The pilots' union did not agree to the airline's recovery plan on Sunday after a vote.",
    )
    assert [c.kind for c in negated] == ["polarity"]


@pytest.mark.slow
def test_same_people_and_polarity_are_not_conflicts() -> None:
    assert not conflicts(
        "Prime Minister John Howard opened the new harbour bridge on Tuesday in Sydney.",
        "Prime Minister Howard opened the new harbour bridge on Tuesday in Sydney.",
    )
    assert not conflicts(
        "Prime Minister John Howard announced the new budget on Tuesday in Canberra.",
        "Prime Minister Howard announced the new budget on Tuesday in the capital.",
    )
    assert not conflicts(
        "The pilots' union did not agree to the airline's recovery plan on Sunday.",
        "The pilots' union refused the airline's recovery plan on Sunday.",
    )
