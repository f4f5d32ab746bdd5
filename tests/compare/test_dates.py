import datetime as dt

import pytest

from newsfuse.compare.values.dates import DateMention, find_dates

WED = dt.datetime(2016, 2, 10, 9, 0)  # a Wednesday
THU = dt.datetime(2016, 2, 11)


def only(text: str, published: dt.datetime | None = WED) -> DateMention:
    found = find_dates(text, published)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("talks resume on February 25, 2016.", dt.date(2016, 2, 25)),
        ("talks resume Feb. 25.", dt.date(2016, 2, 25)),
        ("talks resume on 25 February.", dt.date(2016, 2, 25)),
        ("a ceasefire that would start on March 1.", dt.date(2016, 3, 1)),
        ("filed on 2016-02-03 in court", dt.date(2016, 2, 3)),
        ("filed on 2/3/2016 in court", dt.date(2016, 2, 3)),
    ],
)
def test_absolute_days(text: str, expected: dt.date) -> None:
    d = only(text)
    assert (d.value, d.granularity) == (expected, "day")
    assert text[d.start : d.end] == d.text


def test_month_day_takes_the_year_nearest_publication() -> None:
    assert only("It happened on Dec. 28.", dt.datetime(2016, 1, 5)).value == dt.date(2015, 12, 28)
    assert only("It is due on Jan. 3.", dt.datetime(2015, 12, 20)).value == dt.date(2016, 1, 3)


def test_without_publication_date_month_day_is_kept() -> None:
    d = only("talks resume Feb. 25.", None)
    assert d.value is None and d.key == "--02-25"


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("The meeting is on Thursday.", THU, dt.date(2016, 2, 11)),  # same weekday: that day
        ("Kerry said Tuesday that talks failed.", WED, dt.date(2016, 2, 9)),
        ("On Tuesday, the minister had left.", WED, dt.date(2016, 2, 9)),
        ("Kerry will meet Lavrov Thursday.", WED, dt.date(2016, 2, 11)),
        (
            "Kerry hopes to secure a deal at a meeting in Germany Thursday.",
            WED,
            dt.date(2016, 2, 11),
        ),
        ("The talks could last through Saturday.", THU, dt.date(2016, 2, 13)),
        ("They pressed Russia to stop before Thursday.", WED, dt.date(2016, 2, 11)),
        ("The vote took place Monday.", WED, dt.date(2016, 2, 8)),
        ("last Wednesday", WED, dt.date(2016, 2, 3)),
        ("next Wednesday", WED, dt.date(2016, 2, 17)),
    ],
)
def test_weekdays_resolve_within_a_week(
    text: str, published: dt.datetime, expected: dt.date
) -> None:
    d = only(text, published)
    assert d.value == expected
    assert d.relative and d.weekday == expected.weekday()


def test_weekday_without_publication_keeps_the_weekday() -> None:
    d = only("The vote took place Monday.", None)
    assert d.value is None and d.key == "weekday:0"


@pytest.mark.parametrize(
    ("text", "value", "granularity"),
    [
        ("The focus today is on Kerry.", dt.date(2016, 2, 10), "day"),
        ("He arrived yesterday.", dt.date(2016, 2, 9), "day"),
        ("He leaves tomorrow.", dt.date(2016, 2, 11), "day"),
        ("Fighting raged last night.", dt.date(2016, 2, 9), "day"),
        ("They stalled last month.", dt.date(2016, 1, 1), "month"),
        ("Prices rose last year.", dt.date(2015, 1, 1), "year"),
        ("chemical weapons were used in 2013.", dt.date(2013, 1, 1), "year"),
        ("sales fell in February 2015.", dt.date(2015, 2, 1), "month"),
    ],
)
def test_relative_words_months_and_years(text: str, value: dt.date, granularity: str) -> None:
    d = only(text)
    assert (d.value, d.granularity) == (value, granularity)


def test_week_sized_expressions_are_skipped() -> None:
    assert find_dates("A U.N. report earlier this week charged the regime.", WED) == []
    assert find_dates("The talks were held last week.", WED) == []


def test_may_as_a_verb_is_not_a_month() -> None:
    assert find_dates("Officials may meet soon; it may take 5 days.", WED) == []


def test_key_by_granularity() -> None:
    assert only("in February 2015").key == "2015-02"
    assert only("in 2013").key == "2013"
    assert only("on Feb. 25, 2016").key == "2016-02-25"


def test_several_dates_in_order() -> None:
    text = "Kerry said Tuesday before leaving Wednesday for talks on Feb. 25."
    assert [d.value for d in find_dates(text, WED)] == [
        dt.date(2016, 2, 9),
        dt.date(2016, 2, 10),
        dt.date(2016, 2, 25),
    ]


SUN = dt.datetime(2016, 2, 14)  # a Sunday
DEC = dt.datetime(2018, 12, 23)


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # past tense: the previous Thursday, not the coming one
        ("In his letter, Mattis wrote Thursday that he would go.", SUN, dt.date(2016, 2, 11)),
        # an adjective "scheduled" is no future cue; the -ed verb is past
        ("He canceled a scheduled interview Monday night.", WED, dt.date(2016, 2, 8)),
        # a future cue inside a quote belongs to the quote
        ("He claims Monday that he's “going to stay in” the race.", WED, dt.date(2016, 2, 8)),
        ("Ryan is heading to Georgetown for a speech Thursday morning.", WED, dt.date(2016, 2, 11)),
        (
            "Faculty wrote in advance of Mr. Ryan's visit there on Thursday.",
            WED,
            dt.date(2016, 2, 11),
        ),
        ("A kiss-in is planned for Friday at the restaurants.", WED, dt.date(2016, 2, 12)),
        # a verb in -ed right before the weekday is the event, in the past, even when a
        # future cue ("might") sits elsewhere in the sentence
        (
            "Lawmakers vowed Saturday to renew their push, fearing innocent people might die.",
            WED,
            dt.date(2016, 2, 6),
        ),
        ("Two men were indicted Friday and could face life in prison.", WED, dt.date(2016, 2, 5)),
        (
            "A poll released Thursday shows that voters would back the plan.",
            WED,
            dt.date(2016, 2, 4),
        ),
        # ... but not a present or future passive
        ("The report will be released Thursday by the ministry.", WED, dt.date(2016, 2, 11)),
        (
            "The results are published Friday, and the party would then decide.",
            WED,
            dt.date(2016, 2, 12),
        ),
    ],
)
def test_weekdays_follow_the_tense_of_their_clause(
    text: str, published: dt.datetime, expected: dt.date
) -> None:
    (found,) = [d for d in find_dates(text, published) if d.weekday >= 0]
    assert found.value == expected


def test_a_month_earlier_than_publication_that_lies_ahead_is_next_year() -> None:
    found = only("Trump said Mattis is leaving in February.", DEC)
    assert (found.value, found.granularity) == (dt.date(2019, 2, 1), "month")
    past = only("The talks began in February.", DEC)
    assert past.value == dt.date(2018, 2, 1)
