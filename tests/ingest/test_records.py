from __future__ import annotations

import datetime as dt

import pytest

from newsfuse.errors import EmptyArticleError, FormatError
from newsfuse.ingest.records import Draft, article_from_record, finish, parse_published


def test_article_from_record_cleans_and_keeps_metadata():
    a = article_from_record(
        {"id": "x", "text": "Advertisement\nTalks resumed on Thursday in Munich.", "source": "AP"},
        "in.json",
    )
    assert a.id == "x"
    assert a.text == "Talks resumed on Thursday in Munich."
    assert a.source == "AP"
    assert a.origin == "in.json"


def test_article_from_record_without_id_uses_origin():
    assert article_from_record({"text": "Talks resumed."}, "f.jsonl:3").id == "f.jsonl:3"


def test_record_without_text_is_a_format_error():
    with pytest.raises(FormatError, match='no "text"'):
        article_from_record({"title": "x"}, "f.json")


def test_record_that_is_only_boilerplate_is_empty():
    with pytest.raises(EmptyArticleError, match="after removing boilerplate"):
        article_from_record({"text": "Advertisement\nShare this story"}, "f.json")


def test_finish_drops_first_line_repeating_the_title():
    draft = Draft(text="Truce Agreed\nPowers agreed a truce.", origin="o", title="Truce agreed")
    article, removed = finish(draft, "id1")
    assert article.text == "Powers agreed a truce."
    assert removed == ("Truce Agreed",)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2016-02-11", dt.datetime(2016, 2, 11)),
        ("2016-02-11T09:30:00Z", dt.datetime(2016, 2, 11, 9, 30, tzinfo=dt.UTC)),
        ("Thu, 11 Feb 2016 09:30:00 +0000", dt.datetime(2016, 2, 11, 9, 30, tzinfo=dt.UTC)),
        ("", None),
        (None, None),
    ],
)
def test_parse_published(value, expected):
    assert parse_published(value, "o") == expected


@pytest.mark.parametrize("value", ["last Tuesday", 20160211, "2016-13-45"])
def test_parse_published_rejects_what_it_cannot_read(value):
    with pytest.raises(FormatError, match="ISO 8601"):
        parse_published(value, "o")
