"""The Python API checks its arguments and raises newsfuse's own errors."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import newsfuse
from newsfuse.embed import HashingEmbedder
from newsfuse.errors import InputError

TEXT = "The river flooded three villages overnight after heavy rain in the hills."


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "a.txt").write_text(TEXT)
    (tmp_path / "b.txt").write_text(TEXT.replace("three", "four"))
    return tmp_path


def test_load_takes_one_path_as_str_or_pathlike(folder: Path) -> None:
    as_list = newsfuse.load([folder])
    assert [a.id for a in newsfuse.load(str(folder))] == [a.id for a in as_list] == ["a", "b"]
    assert [a.id for a in newsfuse.load(folder)] == ["a", "b"]
    assert [a.id for a in newsfuse.load(a for a in [folder / "a.txt"])] == ["a"]


@pytest.mark.parametrize("bad", [42, b"folder", [42], None])
def test_load_refuses_what_is_not_a_path(bad: object) -> None:
    with pytest.raises(InputError, match="load"):
        newsfuse.load(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", [["some text"], "some text", [None], 3])
def test_summarize_and_brief_refuse_what_is_not_articles(bad: object) -> None:
    for fn in (newsfuse.summarize, newsfuse.brief):
        with pytest.raises(InputError, match=r"newsfuse\.Article"):
            fn(bad, embedder=HashingEmbedder())  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kwargs", "says"),
    [
        ({"words": "10"}, "must be a number"),
        ({"words": 1.5}, "whole number"),
        ({"words": 0}, "at least 1"),
        ({"words": True}, "number"),
        ({"method": "x"}, "unknown method 'x'"),
    ],
)
def test_summary_options_are_checked_in_summarize_and_brief(kwargs, says) -> None:
    arts = [newsfuse.Article("a", TEXT)]
    for fn in (newsfuse.summarize, newsfuse.brief):
        with pytest.raises(InputError, match=re.escape(says)):
            fn(arts, embedder=HashingEmbedder(), **kwargs)


@pytest.mark.parametrize(
    "kwargs",
    [{"words": 0}, {"method": "x"}, {"conflicts": "maybe"}, {"strict": "yes"}, {"words": "5"}],
)
def test_settings_refuse_bad_values(kwargs) -> None:
    with pytest.raises(InputError):
        newsfuse.Settings(**kwargs)
    with pytest.raises(InputError):
        newsfuse.Settings().with_(**kwargs)
    with pytest.raises(InputError, match="unknown setting"):
        newsfuse.Settings().with_(wrods=5)


def test_settings_method_names_are_the_summarizers() -> None:
    from newsfuse.compare.conflicts.detect import DETECTORS
    from newsfuse.settings import CHOICES
    from newsfuse.summarize import SUMMARIZERS

    assert CHOICES["method"] == tuple(SUMMARIZERS)
    assert CHOICES["conflicts"] == DETECTORS


def test_version_is_the_installed_one() -> None:
    from importlib.metadata import version

    assert newsfuse.__version__ == version("newsfuse")


@pytest.mark.slow
def test_brief_takes_the_summary_options() -> None:
    arts = [
        newsfuse.Article("a", TEXT + " " + TEXT.replace("river", "stream")),
        newsfuse.Article("b", TEXT),
    ]
    b = newsfuse.brief(arts, words=12, method="lead", embedder=HashingEmbedder())
    assert b.summary.words <= 12
