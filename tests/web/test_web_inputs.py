"""Request payloads -> articles: safe upload names, limits, errors that name the upload."""

from __future__ import annotations

import pytest

from newsfuse.errors import InputError, LimitError
from newsfuse.settings import DEFAULT
from newsfuse.web import WebLimits
from newsfuse.web.inputs import Upload, articles_from_records, articles_from_uploads, safe_name

LIMITS = WebLimits(max_articles=3, max_article_chars=50)


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("cnn.txt", "cnn.txt"),
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\me\\npr story.html", "npr_story.html"),
        (".hidden.txt", "hidden.txt"),
        ("..", "upload.txt"),
        ("", "upload.txt"),
        ("r\u00e9sum\u00e9 <b>.json", "r\u00e9sum\u00e9_b_.json"),
    ],
)
def test_safe_name(given, expected):
    assert safe_name(given) == expected


def test_safe_name_is_bounded():
    assert len(safe_name("a" * 500 + ".txt")) <= 120


def test_records_get_positional_ids_and_origins():
    arts = articles_from_records([{"text": "One two.", "id": "a1"}], LIMITS)
    assert arts[0].id == "a1" and arts[0].origin == "articles[0]"


def test_record_limits():
    with pytest.raises(LimitError, match="limit is 3"):
        articles_from_records([{"text": "x"}] * 4, LIMITS)
    with pytest.raises(LimitError, match=r"articles\[1\].*51 characters"):
        articles_from_records([{"text": "ok"}, {"text": "x" * 51}], LIMITS)
    with pytest.raises(InputError, match="no articles"):
        articles_from_records([], LIMITS)


def test_uploads_are_read_by_the_ingest_code_and_name_the_upload():
    arts = articles_from_uploads(
        [Upload("../x/report.txt", b"Talks began.")], ["Pasted one."], DEFAULT, LIMITS
    )
    assert [(a.id, a.origin, a.text) for a in arts] == [
        ("report", "report.txt", "Talks began."),
        ("pasted-1", "pasted-1.txt", "Pasted one."),
    ]


def test_upload_limits_count_pasted_texts_too():
    with pytest.raises(LimitError, match="4 articles"):
        articles_from_uploads([Upload("a.txt", b"A.")], ["B.", "C.", "D."], DEFAULT, LIMITS)
    with pytest.raises(LimitError, match=r"big\.txt"):
        articles_from_uploads([Upload("big.txt", b"y" * 60)], [], DEFAULT, LIMITS)
