from __future__ import annotations

import datetime as dt

import pytest

from newsfuse.errors import FormatError
from newsfuse.ingest.textfile import looks_like_title, read_text, split_front_matter


def test_front_matter_fields_and_title(data):
    draft = read_text((data / "frontmatter.txt").read_text(), "frontmatter.txt", "frontmatter")
    assert draft.title == "Talks in Munich: what to know"  # quotes stripped
    assert draft.source == "The Daily Ledger"
    assert draft.url == "https://ledger.example.com/explainer"
    assert draft.author == "Jane Doe"
    assert draft.id == "ledger-explainer"
    assert draft.published == dt.datetime(
        2016, 2, 11, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=1))
    )
    assert draft.text.lstrip().startswith(
        "Talks in Munich"
    )  # the headline line is left to finish()
    assert "layout" not in draft.text


def test_first_line_is_title_when_it_looks_like_one():
    draft = read_text("Kerry Heads To Munich\n\nKerry flew to Munich on Wednesday.\n", "a.txt", "a")
    assert draft.title == "Kerry Heads To Munich"
    assert draft.text.strip() == "Kerry flew to Munich on Wednesday."


@pytest.mark.parametrize(
    "first",
    [
        "Kerry flew to Munich on Wednesday for talks.",  # a sentence, not a headline
        "01:58 - Source: CNN",  # a video stamp
        "Advertisement",  # page furniture
        "Story highlights",
        "Munich",  # a single word is too little to be sure
        "and then the talks resumed",  # lowercase: a fragment
    ],
)
def test_first_line_that_is_not_a_title_stays_in_the_body(first):
    draft = read_text(f"{first}\nThe talks resumed on Thursday.\n", "a.txt", "a")
    assert draft.title == ""
    assert draft.text.startswith(first)


def test_title_needs_text_after_it():
    draft = read_text("Only A Headline Here\n", "a.txt", "a")
    assert draft.title == ""


def test_front_matter_without_closing_fence_is_an_error():
    with pytest.raises(FormatError, match="never closed"):
        split_front_matter("---\nsource: CNN\nText starts here.\n", "x.txt")


def test_front_matter_line_without_colon_names_the_line():
    with pytest.raises(FormatError) as err:
        split_front_matter("---\nsource: CNN\npublished 2016\n---\nText.\n", "x.txt")
    assert err.value.origin == "x.txt:3"


def test_rule_opening_the_text_is_not_front_matter():
    text = "---\nThe talks resumed on Thursday.\n---\n"
    assert split_front_matter(text, "x.txt") == ({}, text)


def test_bad_published_date_is_a_format_error():
    with pytest.raises(FormatError, match="ISO 8601"):
        read_text("---\npublished: yesterday\n---\nText of the article.\n", "x.txt", "x")


def test_text_without_front_matter_is_unchanged():
    meta, body = split_front_matter("Just text.\n---\nmore\n", "x.txt")
    assert meta == {}
    assert body == "Just text.\n---\nmore\n"


def test_looks_like_title():
    assert looks_like_title("4 Questions Answered On The Syria Talks In Munich")
    assert looks_like_title("Who is there and what are they discussing?")
    assert not looks_like_title("Red Cross said 50,000 people fled, officials said.")
    assert not looks_like_title(" ".join(["word"] * 25))
