"""Values at the edge of the calendar and of float range are ignored, never fatal."""

from __future__ import annotations

import datetime as dt

import pytest

from newsfuse.compare.values.dates import find_dates
from newsfuse.compare.values.quantities import find_quantities

RELATIVE = (
    "Talks began last Monday and will resume next year, officials said yesterday; "
    "a deal is due next month and was first floated last year on a Friday."
)


@pytest.mark.parametrize(
    "published", [dt.datetime(9999, 12, 31, 23, 0), dt.datetime(1, 1, 1), dt.datetime(1, 1, 2)]
)
def test_relative_dates_past_the_calendar_are_dropped(published: dt.datetime) -> None:
    found = find_dates(RELATIVE, published)
    for d in found:  # whatever can be placed on the calendar still is
        assert d.value is None or dt.date.min <= d.value <= dt.date.max
    assert len(found) < len(find_dates(RELATIVE, dt.datetime(2016, 2, 10)))


def test_a_5000_digit_number_is_not_a_quantity() -> None:
    text = (
        f"The army said {'9' * 5000} people and 12 soldiers were killed on the 9{'9' * 5000}th day."
    )
    values = [q.value for q in find_quantities(text)]
    assert 12 in values
    assert all(v < 1e30 for v in values)
