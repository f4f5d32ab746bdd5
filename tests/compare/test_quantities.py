import math

import pytest

from newsfuse.compare.values.quantities import Quantity, conflicting, find_quantities


def one(text: str) -> Quantity:
    qs = [q for q in find_quantities(text)]
    assert len(qs) == 1, qs
    return qs[0]


def contains(q: Quantity, x: float) -> bool:
    return q.low <= x <= q.high


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("five people", 5),
        ("twenty-one people", 21),
        ("one hundred and twenty people", 120),
        ("fifty thousand people", 50_000),
        ("a dozen people", 12),
        ("half a million people", 500_000),
        ("a quarter of a million people", 250_000),
        ("1.5 million people", 1_500_000),
        ("50,000 people", 50_000),
    ],
)
def test_number_values(text: str, value: float) -> None:
    q = one(text)
    assert q.kind == "count"
    assert q.value == pytest.approx(value)
    assert contains(q, value)
    assert q.noun == ("people",)


def test_one_as_pronoun_is_not_a_count() -> None:
    assert find_quantities("one senior official said") == []


@pytest.mark.parametrize(
    ("text", "inside", "outside"),
    [
        ("about 20 countries", [18, 22], [17, 24]),
        ("around 50,000 people", [45_000, 55_000], [40_000, 60_000]),
        ("nearly 50,000 people", [44_000, 50_000], [51_000]),
        ("more than 50 people", [51, 10_000], [40]),
        ("at least 17 dead", [17, 500], [15]),
        ("up to 40 trucks", [0, 40], [45]),
        ("fewer than 10 cases", [3], [12]),
        ("some 300,000 people", [300_000], [200_000]),
    ],
)
def test_hedges_widen_the_interval(text: str, inside: list[float], outside: list[float]) -> None:
    q = one(text)
    assert q.hedge
    assert all(contains(q, x) for x in inside), (q.low, q.high)
    assert not any(contains(q, x) for x in outside), (q.low, q.high)


def test_unhedged_numbers_allow_rounding_only_when_round() -> None:
    assert contains(one("50,000 people"), 48_500)
    assert not contains(one("17 people"), 18)


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("20 to 30 soldiers", 20, 30),
        ("20-30 soldiers", 20, 30),
        ("between 2 and 3 million people", 2e6, 3e6),
        ("two or three officials", 2, 3),
    ],
)
def test_ranges(text: str, low: float, high: float) -> None:
    q = one(text)
    assert contains(q, low) and contains(q, high)
    assert not contains(q, high * 1.5)


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("tens of thousands of civilians", 10_000, 99_999),
        ("hundreds of thousands of people", 100_000, 999_999),
        ("dozens of homes", 24, 99),
        ("thousands of protesters", 1_000, 9_999),
        ("several hundred people", 300, 999),
    ],
)
def test_vague_magnitudes(text: str, low: float, high: float) -> None:
    q = one(text)
    assert q.vague and not q.exact
    assert contains(q, low) and contains(q, high)
    assert not contains(q, low / 2)


def test_ordinals_are_not_comparable() -> None:
    for text, value in (("the 21st century", 21), ("the third day", 3)):
        q = one(text)
        assert q.kind == "ordinal" and q.value == value and not q.comparable


@pytest.mark.parametrize(
    ("text", "currency", "value"),
    [
        ("$5 million in aid", "USD", 5e6),
        ("£3bn deal", "GBP", 3e9),
        ("US$40 fee", "USD", 40),
        ("200 euros each", "EUR", 200),
    ],
)
def test_money(text: str, currency: str, value: float) -> None:
    q = one(text)
    assert (q.kind, q.unit) == ("money", currency)
    assert q.value == pytest.approx(value)


def test_percentages() -> None:
    for text in ("a 3.5% rise", "3.5 percent", "3.5 per cent"):
        q = one(text)
        assert (q.kind, q.unit) == ("percent", "%")
        assert q.value == pytest.approx(3.5)
    assert one("2 percentage points").unit == "pp"


def test_hyphenated_compounds() -> None:
    nation = one("the 17-nation International Syria Support Group")
    assert (nation.kind, nation.value, nation.noun) == ("count", 17, ("nation",))
    assert nation.head[-1] == "group"
    war = one("the bloody five-year civil war")
    assert war.kind == "duration" and war.head == ("civil", "war")
    old = one("The four-year-old civil war could")
    assert old.kind == "age" and old.head == ("civil", "war")
    assert conflicting(war, old)
    run = one("a 10-km run")
    assert (run.kind, run.unit, run.value) == ("measure", "length", 10_000)


def test_ages() -> None:
    assert one("a man aged 45").kind == "age"
    assert one("he went to church at the age of 91 and was baptised").kind == "age"
    assert one("She died at age 36 in Paris.").kind == "age"
    assert one("the average age of 40 members").kind == "count"  # what is counted follows
    assert one("He is 45 years old").kind == "age"
    assert [q.kind for q in find_quantities("Ann Smith, 32, and Bob Jones, 27, were")] == [
        "age",
        "age",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "at 10:30 a.m.",
        "on Feb. 25",
        "on 25 February",
        "the 1990s",
        "won 3-1 on Sunday",
        "under Resolution 2254 the",
    ],
)
def test_not_quantities(text: str) -> None:
    assert [q for q in find_quantities(text) if q.comparable] == []


def test_years_are_not_counts() -> None:
    assert one("in 2013 the").kind == "year"
    assert one("the 2000 census").kind == "year"
    assert one("2000 people").kind == "count"


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("around 50,000 people", "tens of thousands of people", False),
        ("300,000 people", "hundreds of thousands of people", False),
        ("the 17-nation group", "about 20 countries", True),
        ("about 50,000 people", "48,000 people", False),
        ("more than 50 people", "200 people", False),
        ("50,000 people", "hundreds of thousands of people", True),
        ("12 percent", "12 people", False),  # different units never conflict
        ("$5 million", "€9 million", False),
        ("four people", "five people", True),
    ],
)
def test_conflicting(a: str, b: str, expected: bool) -> None:
    assert conflicting(one(a), one(b)) is expected


def test_offsets_point_into_the_text() -> None:
    text = "Officials said more than 50 people died and 1.5 million fled."
    for q in find_quantities(text):
        assert text[q.start : q.end] == q.text
    assert [q.text for q in find_quantities(text)] == ["more than 50", "1.5 million"]


def test_normalized_values_are_readable() -> None:
    assert one("17-nation bloc").normalized() == "17"
    assert one("about 20 countries").normalized() == "~20"
    assert one("more than 50 people").normalized() == ">50"
    assert one("tens of thousands of people").normalized() == "10000-100000"
    assert not math.isinf(one("up to 40 trucks").high)
