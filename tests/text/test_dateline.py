"""Datelines and bylines read from the start of a paragraph."""

from __future__ import annotations

from newsfuse.text.dateline import find_dateline


def test_wire_dateline_gives_place_and_agency() -> None:
    text = "ANKARA, Turkey (AP) _ The parliament met."
    d = find_dateline(text)
    assert d is not None
    assert (d.place, d.agency) == ("Ankara", "AP")
    assert text[d.end :] == "The parliament met."


def test_dash_dateline_without_agency() -> None:
    d = find_dateline("NEW YORK — The markets fell.")
    assert d is not None and d.place == "New York" and d.agency == ""


def test_byline_line() -> None:
    text = "By Dana Roe, Staff Writer\nThe markets fell."
    d = find_dateline(text)
    assert d is not None and d.byline == "Dana Roe" and text[d.end :] == "\nThe markets fell."


def test_ordinary_openings_are_not_datelines() -> None:
    for text in (
        "The Senate voted - narrowly - on Friday.",
        "AIDS - the disease - spread.",
        "U.S. — and allies — agreed.",
        "By the end of the day, it was over.",
        "Washington said no.",
    ):
        assert find_dateline(text) is None, text
