from __future__ import annotations

import pytest

from newsfuse.errors import EmptyArticleError, EncodingError, FormatError
from newsfuse.ingest.jsonfile import looks_like_jsonl, read_json, read_jsonl
from newsfuse.ingest.records import Draft


def test_list_of_objects(data):
    items = list(
        read_json(
            (data / "articles.json").read_text(), "articles.json", "articles", "articles.json"
        )
    )
    assert all(isinstance(d, Draft) for d in items)
    first, second = items
    assert (first.id, first.title, first.source, first.author) == (
        "reuters-1",
        "Truce plan agreed",
        "Reuters",
        "Tom Perry",
    )
    assert first.published is not None and first.published.hour == 1
    assert second.id == ""
    assert second.hint == "articles.json:2"
    assert second.origin == "articles.json item 2"


def test_single_object_is_named_by_stem(data):
    (draft,) = read_json((data / "single.json").read_text(), "single.json", "single", "single.json")
    assert isinstance(draft, Draft)
    assert draft.hint == "single"
    assert draft.source == "AP"


def test_articles_wrapper(data):
    (draft,) = read_json((data / "wrapped.json").read_text(), "w.json", "w", "w.json")
    assert isinstance(draft, Draft)
    assert draft.text.startswith("The Syria support group")


def test_malformed_json_names_line_and_column():
    with pytest.raises(FormatError, match=r"not valid JSON .* line 2 column"):
        list(read_json('{"text":\n "a" "b"}', "bad.json", "bad", "bad.json"))


@pytest.mark.parametrize("doc", ['"just a string"', "42", "[1]"])
def test_json_that_is_not_an_article(doc):
    items = list(read_json(doc, "x.json", "x", "x.json")) if doc == "[1]" else None
    if items is not None:
        assert isinstance(items[0], FormatError)
    else:
        with pytest.raises(FormatError, match="is not an article"):
            list(read_json(doc, "x.json", "x", "x.json"))


def test_empty_json_list_is_empty():
    with pytest.raises(EmptyArticleError):
        list(read_json("[]", "x.json", "x", "x.json"))


def test_jsonl_bad_lines_are_reported_and_the_rest_read(data):
    lines = (data / "batch.jsonl").read_bytes().split(b"\n")
    items = list(read_jsonl(lines, "batch.jsonl", "batch.jsonl", "utf-8"))
    drafts = [d for d in items if isinstance(d, Draft)]
    errors = [e for e in items if not isinstance(e, Draft)]
    assert [d.hint for d in drafts] == ["batch.jsonl:1", "batch.jsonl:3", "batch.jsonl:7"]
    assert drafts[0].id == "a1"
    assert drafts[1].origin == "batch.jsonl:3"
    assert [(type(e), e.origin) for e in errors] == [
        (FormatError, "batch.jsonl:4"),
        (FormatError, "batch.jsonl:5"),
        (FormatError, "batch.jsonl:6"),
    ]
    assert "not valid JSON" in str(errors[0])
    assert 'no "text"' in str(errors[1])
    assert "ISO 8601" in str(errors[2])


def test_jsonl_undecodable_line_names_the_line():
    lines = [b'{"text": "ok line of text"}', '{"text": "caf\xe9"}'.encode("latin-1")]
    items = list(read_jsonl(lines, "f.jsonl", "f.jsonl", "utf-8"))
    assert isinstance(items[0], Draft)
    assert isinstance(items[1], EncodingError)
    assert items[1].origin == "f.jsonl:2"


def test_blank_jsonl_is_empty():
    with pytest.raises(EmptyArticleError):
        list(read_jsonl([b"", b"  "], "f.jsonl", "f.jsonl", "utf-8"))


def test_looks_like_jsonl():
    assert looks_like_jsonl('{"text": "a"}\n{"text": "b"}\n')
    assert not looks_like_jsonl("[1, 2]\n")
    assert not looks_like_jsonl("{not json\n")
