from __future__ import annotations

import datetime as dt
import io
import shutil

import pytest

from newsfuse.errors import ArticleError, EmptyArticleError, EncodingError, FormatError
from newsfuse.ingest import Loaded, iter_articles, load_paths
from newsfuse.models import Article
from newsfuse.settings import DEFAULT

from .conftest import EXAMPLE

STRICT = DEFAULT.with_(strict=True)
BODY = "Foreign ministers met in Munich on Thursday to discuss a truce in Syria.\n"


def ids(loaded: Loaded) -> list[str]:
    return [a.id for a in loaded.articles]


# --- the bundled example -------------------------------------------------------------------


def test_munich_example_metadata():
    loaded = load_paths([EXAMPLE])
    assert loaded.errors == []
    cnn, npr = loaded.articles
    assert (cnn.id, cnn.source, cnn.published) == ("cnn", "CNN", dt.datetime(2016, 2, 10))
    assert (npr.id, npr.source, npr.published) == ("npr", "NPR", dt.datetime(2016, 2, 11))
    assert npr.title == "4 Questions Answered On The Syria Talks In Munich"
    assert cnn.title == ""  # its first line is a video stamp, not a headline
    assert cnn.origin.endswith("cnn.txt")


def test_munich_example_without_boilerplate():
    loaded = load_paths([EXAMPLE])
    cnn, npr = loaded.articles
    assert cnn.text.startswith("Secretary of State John Kerry hopes to secure a cease-fire")
    assert cnn.text.endswith("actually have a negotiation.”")
    assert npr.text.startswith("Syrian peace talks are taking place amid a new urgency.")
    assert npr.text.endswith("neighboring countries and Europe.")
    for junk in (
        "Source: CNN",
        "Red Cross: 50,000",
        "Story highlights",
        "Washington CNN —",
        "contributed to this report",
        "(AP)",
        "Copyright",
        "source:",
        "---",
    ):
        assert junk not in cnn.text + npr.text
    # The highlights repeat the article; their full paragraphs stay.
    assert "The Munich meeting comes amid increasing concern" in cnn.text
    assert "\n\n" not in cnn.text and "  " not in cnn.text
    assert loaded.removed["cnn"][0] == "01:58 - Source: CNN"
    assert "Copyright NPR. View this article on npr.org." in loaded.removed["npr"]


# --- formats and ids -----------------------------------------------------------------------


def test_every_format_in_a_directory(data):
    loaded = load_paths([data])
    by_origin = {a.origin for a in loaded.articles}
    assert str(data / "page.html") in by_origin
    assert str(data / "feed.atom") in by_origin
    assert str(data / "batch.jsonl:7") in by_origin
    assert str(data / "articles.json item 2") in by_origin
    assert "ledger-explainer" in ids(loaded)  # front-matter id
    assert "batch.jsonl:3" in ids(loaded)  # a JSONL line without an id
    assert "page" in ids(loaded)  # the file stem
    assert len(set(ids(loaded))) == len(loaded.articles)


def test_directory_is_recursive_sorted_and_skips_hidden_and_unsupported(tmp_path):
    (tmp_path / "b.txt").write_text(BODY)
    (tmp_path / "a.txt").write_text(BODY)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.txt").write_text(BODY)
    (tmp_path / ".hidden.txt").write_text(BODY)
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "d.txt").write_text(BODY)
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    loaded = load_paths([tmp_path])
    assert ids(loaded) == ["a", "b", "c"]
    assert loaded.errors == []  # the .png is not worth a word...
    verbose = load_paths([tmp_path], DEFAULT.with_(verbose=True))
    assert [e.origin for e in verbose.errors] == [str(tmp_path / "photo.png")]  # ...unless asked
    assert load_paths([tmp_path], DEFAULT.with_(verbose=True, strict=True)).articles


def test_same_stem_gets_parent_dir_then_counter(tmp_path):
    for d in ("x", "y"):
        (tmp_path / d).mkdir()
        (tmp_path / d / "story.txt").write_text(BODY)
    (tmp_path / "x" / "story.json").write_text('{"text": "Aid reached Madaya on Monday."}')
    (tmp_path / "x" / "story.text").write_text(BODY)
    loaded = load_paths(
        [
            tmp_path / "x" / "story.txt",
            tmp_path / "y" / "story.txt",
            tmp_path / "x" / "story.json",
            tmp_path / "x" / "story.text",
        ]
    )
    assert ids(loaded) == ["story", "y/story", "x/story", "story-2"]


def test_same_inputs_same_ids(data):
    assert ids(load_paths([data])) == ids(load_paths([data]))


def test_extensionless_file_is_sniffed(tmp_path, data):
    shutil.copy(data / "feed.atom", tmp_path / "wirefeed")
    (article,) = load_paths([tmp_path / "wirefeed"]).articles
    assert article.source == "Wire Desk"


# --- errors --------------------------------------------------------------------------------


def error_of(tmp_path, name: str, content: bytes) -> ArticleError:
    path = tmp_path / name
    path.write_bytes(content)
    loaded = load_paths([path])
    assert loaded.articles == []
    (err,) = loaded.errors
    assert err.origin.startswith(str(path))
    return err


def test_missing_path(tmp_path):
    (err,) = load_paths([tmp_path / "nope.txt"]).errors
    assert type(err) is ArticleError
    assert str(err) == f"{tmp_path / 'nope.txt'}: no such file or directory; check the path"


def test_empty_file(tmp_path):
    assert isinstance(error_of(tmp_path, "e.txt", b"  \n"), EmptyArticleError)


def test_nothing_left_after_cleaning(tmp_path):
    err = error_of(tmp_path, "junk.txt", b"Advertisement\nShare this story\n")
    assert isinstance(err, EmptyArticleError)
    assert "after removing boilerplate" in str(err)


def test_binary_file(tmp_path):
    err = error_of(tmp_path, "b.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert isinstance(err, EncodingError)
    assert "binary" in str(err)


def test_undecodable_file(tmp_path):
    err = error_of(tmp_path, "latin.txt", "Le café était fermé.".encode("latin-1"))
    assert isinstance(err, EncodingError)
    assert str(err).startswith(
        f"{tmp_path / 'latin.txt'}: not UTF-8 text; pass --encoding or convert it"
    )


def test_encoding_setting(tmp_path):
    (tmp_path / "latin.txt").write_bytes("Le café était fermé lundi.".encode("latin-1"))
    (article,) = load_paths([tmp_path / "latin.txt"], DEFAULT.with_(encoding="latin-1")).articles
    assert article.text == "Le café était fermé lundi."


def test_malformed_json(tmp_path):
    err = error_of(tmp_path, "bad.json", b'{"text": "a",}')
    assert isinstance(err, FormatError)
    assert "not valid JSON" in str(err)


def test_json_without_text(tmp_path):
    err = error_of(tmp_path, "notext.json", b'{"title": "Talks"}')
    assert isinstance(err, FormatError)
    assert 'no "text" string; give each article a "text" field' in str(err)


def test_unknown_extension(tmp_path):
    err = error_of(tmp_path, "story.docx", b"PK\x03\x04")
    assert isinstance(err, FormatError)
    assert "unknown file type '.docx'" in str(err)
    assert ".txt" in str(err)


def test_directory_without_articles(tmp_path):
    (tmp_path / "notes.md").write_text("hi")
    (err,) = load_paths([tmp_path]).errors
    assert "no article files" in str(err)


def test_batch_reports_bad_articles_and_continues(data, tmp_path):
    (tmp_path / "ok.txt").write_text(BODY)
    loaded = load_paths([tmp_path / "missing.txt", data / "batch.jsonl", tmp_path / "ok.txt"])
    assert ids(loaded) == ["a1", "batch.jsonl:3", "batch.jsonl:7", "ok"]
    assert [e.origin for e in loaded.errors] == [
        str(tmp_path / "missing.txt"),
        f"{data / 'batch.jsonl'}:4",
        f"{data / 'batch.jsonl'}:5",
        f"{data / 'batch.jsonl'}:6",
    ]


def test_strict_raises_the_first_error(data):
    with pytest.raises(FormatError) as err:
        load_paths([data / "batch.jsonl"], STRICT)
    assert err.value.origin == f"{data / 'batch.jsonl'}:4"


def test_iter_articles_streams_articles_and_errors(data, tmp_path):
    stream = iter_articles([data / "batch.jsonl", tmp_path / "missing.txt"])
    first = next(stream)  # available before the rest is read
    assert isinstance(first, Article) and first.id == "a1"
    rest = list(stream)
    assert [type(x).__name__ for x in rest] == [
        "Article",
        "FormatError",
        "FormatError",
        "FormatError",
        "Article",
        "ArticleError",
    ]


def test_iter_articles_strict_raises(tmp_path):
    with pytest.raises(ArticleError):
        list(iter_articles([tmp_path / "missing.txt"], STRICT))


# --- stdin ---------------------------------------------------------------------------------


def test_stdin_text():
    (article,) = load_paths(["-"], stdin=io.StringIO("Munich Talks Open\n\n" + BODY)).articles
    assert (article.id, article.origin, article.title) == ("stdin", "-", "Munich Talks Open")
    assert article.text == BODY.strip()


def test_stdin_json():
    stdin = io.StringIO('[{"text": "Aid reached Madaya.", "source": "AP"}, {"text": "Talks end."}]')
    loaded = load_paths(["-"], stdin=stdin)
    assert ids(loaded) == ["stdin:1", "stdin:2"]
    assert loaded.articles[0].source == "AP"


def test_stdin_jsonl_with_a_bad_line():
    stdin = io.StringIO('{"text": "Aid reached Madaya."}\nnot json\n{"text": "Talks end."}\n')
    loaded = load_paths(["-"], stdin=stdin)
    assert ids(loaded) == ["stdin:1", "stdin:3"]
    assert [e.origin for e in loaded.errors] == ["-:2"]


def test_stdin_html(data):
    stdin = io.StringIO((data / "page.html").read_text())
    (article,) = load_paths(["-"], stdin=stdin).articles
    assert article.source == "The Daily Ledger"


def test_stdin_that_only_starts_like_json_is_text():
    (article,) = load_paths(["-"], stdin=io.StringIO("[Updated] " + BODY)).articles
    assert article.text.startswith("[Updated] Foreign ministers")


def test_stdin_bytes_are_decoded_with_the_encoding_setting():
    stdin = io.TextIOWrapper(io.BytesIO("Le café était fermé lundi.".encode("latin-1")))
    loaded = load_paths(["-"], DEFAULT.with_(encoding="latin-1"), stdin=stdin)
    assert loaded.articles[0].text == "Le café était fermé lundi."
    stdin = io.TextIOWrapper(io.BytesIO("Le café était fermé lundi.".encode("latin-1")))
    (err,) = load_paths(["-"], stdin=stdin).errors
    assert isinstance(err, EncodingError) and err.origin == "-"


def test_stdin_feed(data):
    loaded = load_paths(["-"], stdin=io.StringIO((data / "feed.atom").read_text()))
    (article,) = loaded.articles
    assert (article.source, article.origin) == ("Wire Desk", "-")
    assert "All rights reserved" not in article.text


def test_front_matter_title_repeated_in_the_body_is_removed(data):
    loaded = load_paths([data / "frontmatter.txt"])
    (article,) = loaded.articles
    assert article.title == "Talks in Munich: what to know"
    assert article.text.startswith("Diplomats from 17 countries")
    assert loaded.removed["ledger-explainer"] == ("Talks in Munich: what to know",)
