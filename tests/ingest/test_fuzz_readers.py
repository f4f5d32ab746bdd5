"""Random bytes and hostile structures in every input format: each file is read or reported as
an ``ArticleError``; nothing else ever escapes a reader."""

from __future__ import annotations

import io
import json
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from newsfuse.errors import ArticleError
from newsfuse.ingest import iter_clusters, load_paths
from newsfuse.settings import DEFAULT

FUZZ = settings(max_examples=80, deadline=None)
EXTENSIONS = [".txt", ".html", ".json", ".jsonl", ".xml", ".rss", ""]

deep = st.integers(1, 5000).map(lambda n: "[" * n + "]" * n)
records = st.fixed_dictionaries(
    {"text": st.text(max_size=200)},
    optional={
        "published": st.text(max_size=30) | st.datetimes().map(lambda d: d.isoformat()),
        "id": st.text(max_size=8) | st.integers(),
        "title": st.text(max_size=20) | st.none(),
    },
)
feed = st.builds(
    lambda title, body: (
        f'<?xml version="1.0"?><rss><channel><item><title>{title}</title>'
        f"<description>{body}</description><pubDate>{title}</pubDate></item></channel></rss>"
    ),
    st.text(max_size=30),
    st.text(max_size=200),
)
html = st.builds(
    lambda head, body: f"<html><head><title>{head}</title></head><body><p>{body}</p></body>",
    st.text(max_size=30),
    st.text(max_size=300),
)
contents = st.one_of(
    st.binary(max_size=500),
    st.text(max_size=500).map(str.encode),
    deep.map(str.encode),
    records.map(lambda r: json.dumps(r).encode()),
    st.lists(records, max_size=3).map(lambda r: "\n".join(json.dumps(x) for x in r).encode()),
    feed.map(str.encode),
    html.map(str.encode),
    st.integers(1, 6000).map(lambda n: f"The army said {'9' * n} people were hurt.".encode()),
)


@FUZZ
@given(
    data=contents,
    ext=st.sampled_from(EXTENSIONS),
    encoding=st.sampled_from(["utf-8", "latin-1", "nope"]),
)
def test_any_file_is_read_or_reported(data: bytes, ext: str, encoding: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"input{ext}"
        path.write_bytes(data)
        loaded = load_paths([path], DEFAULT.with_(encoding=encoding))
    assert all(isinstance(e, ArticleError) for e in loaded.errors)
    assert all(a.text.strip() for a in loaded.articles)


@FUZZ
@given(data=contents)
def test_stdin_is_sniffed_safely(data: bytes) -> None:
    stream = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", errors="replace")
    loaded = load_paths(["-"], stdin=stream)
    assert all(isinstance(e, ArticleError) for e in loaded.errors)


@FUZZ
@given(lines=st.lists(contents, max_size=3))
def test_batch_lines_are_clusters_or_errors(lines: list[bytes]) -> None:
    from newsfuse.errors import InputError
    from newsfuse.ingest import Cluster

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "batch.jsonl"
        path.write_bytes(b"\n".join(line.replace(b"\n", b" ") for line in lines))
        try:
            items = list(iter_clusters(path))
        except InputError:  # a file that is not text at all
            return
    assert all(isinstance(i, Cluster | InputError) for i in items)
