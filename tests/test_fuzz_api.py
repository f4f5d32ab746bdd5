"""Random arguments to the Python API and random values to the value readers: success or a
newsfuse error, never anything else."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import tempfile
import warnings

from hypothesis import given, settings
from hypothesis import strategies as st

import newsfuse
from newsfuse.compare.values.dates import find_dates
from newsfuse.compare.values.quantities import find_quantities
from newsfuse.embed import HashingEmbedder
from newsfuse.errors import NewsfuseError, SkippedArticleWarning

FUZZ = settings(max_examples=60, deadline=None)

anything = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=20),
    st.binary(max_size=10),
    st.lists(st.text(max_size=10) | st.integers(), max_size=3),
)
phrases = st.sampled_from(
    [
        "next year",
        "last year",
        "last Monday",
        "next Friday",
        "yesterday",
        "tomorrow",
        "next month",
        "in March",
        "on May 5",
        "12/31",
        "9999",
        "99999999999999999999999999 people",
        "1,000,000,000,000 dollars",
        "3.5 million",
        "the 21st",
    ]
)
texts = st.lists(phrases | st.text(max_size=20), max_size=8).map(" ".join)


@FUZZ
@given(text=texts, published=st.none() | st.datetimes())
def test_dates_and_numbers_never_raise(text: str, published: dt.datetime | None) -> None:
    for d in find_dates(text, published):
        assert d.value is None or isinstance(d.value, dt.date)
    for q in find_quantities(text):
        assert q.value == q.value  # not NaN


@FUZZ
@given(words=anything, method=anything, articles=anything)
def test_summarize_arguments(words, method, articles) -> None:
    with contextlib.suppress(NewsfuseError):
        newsfuse.summarize(articles, words=words, method=method, embedder=HashingEmbedder())


# No dots or slashes: a fuzzer must not walk the file system ("/", "..") or read stdin ("-").
names = st.text(alphabet=st.characters(blacklist_characters="./\\-~"), max_size=12)


@FUZZ
@given(
    paths=st.one_of(
        st.none(),
        st.integers(),
        st.binary(max_size=5),
        names,
        st.lists(names | st.integers(), max_size=3),
    )
)
def test_load_arguments(paths) -> None:
    with tempfile.TemporaryDirectory() as tmp, warnings.catch_warnings():
        warnings.simplefilter("ignore", SkippedArticleWarning)
        cwd = os.getcwd()
        os.chdir(tmp)
        try:
            assert newsfuse.load(paths) == []
        except NewsfuseError:
            pass
        finally:
            os.chdir(cwd)


@FUZZ
@given(
    field=st.sampled_from(
        ["words", "method", "claims", "conflicts", "strict", "support_threshold", "encoding"]
    ),
    value=anything,
)
def test_settings_values(field: str, value: object) -> None:
    with contextlib.suppress(NewsfuseError):
        newsfuse.Settings(**{field: value})
