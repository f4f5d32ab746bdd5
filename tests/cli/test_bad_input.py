"""Hostile and odd input on the command line: one line naming the problem, exit 2, no traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from newsfuse.cli import cli

DEEP = "[" * 100_000 + "]" * 100_000
TEXT = "Ministers met in Munich on Thursday and agreed on a truce for the whole region."


def _run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def _clean_failure(result: Result, code: int = 2) -> str:
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    assert not isinstance(result.exception, Exception) or isinstance(
        result.exception, SystemExit
    ), result.exception
    return result.output


@pytest.fixture
def deep_files(tmp_path: Path) -> dict[str, Path]:
    (tmp_path / "deep.json").write_text(DEEP)
    (tmp_path / "deep.jsonl").write_text(
        json.dumps({"id": "x"})[:-1] + ', "documents": ' + DEEP + "}\n"
    )
    (tmp_path / "deep-cluster.jsonl").write_text('{"article_id": "a", "text": ' + DEEP + "}\n")
    return {p.name: p for p in tmp_path.iterdir()}


def test_deeply_nested_json_is_a_format_error_in_summarize(deep_files, fake_embedder) -> None:
    out = _clean_failure(_run("summarize", str(deep_files["deep.json"])))
    assert "deep.json: not valid JSON (nested too deeply" in out


def test_deeply_nested_json_line_is_skipped_by_compare(deep_files, fake_embedder) -> None:
    out = _clean_failure(_run("compare", "--input", str(deep_files["deep.jsonl"])))
    assert "deep.jsonl:1: not valid JSON (nested too deeply" in out


def test_deeply_nested_json_line_is_a_format_error_in_cluster(deep_files, fake_embedder) -> None:
    out = _clean_failure(_run("cluster", "--input", str(deep_files["deep-cluster.jsonl"])))
    assert "deep-cluster.jsonl:1: not valid JSON (nested too deeply" in out


def test_deeply_nested_json_does_not_abort_an_ingest(deep_files, tmp_path, fake_embedder) -> None:
    good = tmp_path / "good.txt"
    good.write_text(TEXT)
    db = tmp_path / "s.db"
    result = _run("ingest", "--db", str(db), str(deep_files["deep.json"]), str(good))
    assert result.exit_code == 0, result.output
    assert "nested too deeply" in result.output
    assert "added 1 articles" in result.output


def test_since_far_in_the_past_is_a_bad_parameter(tmp_path) -> None:
    db = tmp_path / "s.db"
    _run("ingest", "--db", str(db), "-")  # nothing read: only makes the store
    out = _clean_failure(_run("stories", "--db", str(db), "--since", "99999999d"))
    assert "--since" in out and "before the year 1" in out


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("http://[::1", "not a valid URL"),
        ("http://example.com:99999/", "not a valid URL"),
        ("ftp://example.com/feed.xml", "ftp: URLs are not supported"),
        ("file:///etc/passwd", "file: URLs are not supported"),
    ],
)
def test_bad_and_unsupported_urls_are_named(tmp_path, url: str, says: str) -> None:
    result = _run("ingest", "--db", str(tmp_path / "s.db"), url)
    assert "Traceback" not in result.output
    assert says in result.output
    assert url in result.output


@pytest.mark.parametrize(
    "command",
    [
        ["summarize", "{src}", "--input", "{src}"],
        ["brief", "{src}"],
        ["compare", "--input", "{src}"],
        ["cluster", "--input", "{src}"],
    ],
)
def test_an_unwritable_output_is_refused_before_any_work(tmp_path, command) -> None:
    # The input is not even read (it is not valid for brief): the option fails at parse time.
    src = tmp_path / "in.jsonl"
    src.write_text("{}\n")
    args = [a.format(src=src) for a in command]
    if command[0] == "summarize":
        args = ["summarize", "--input", str(src)]
    out = _clean_failure(_run(*args, "--output", str(tmp_path / "missing" / "x.out")))
    assert "--output" in out and "does not exist" in out
    out = _clean_failure(_run(*args, "--output", str(tmp_path)))
    assert "is a directory" in out


def test_a_full_disk_is_one_line_not_a_traceback(tmp_path, fake_embedder) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    (tmp_path / "a.txt").write_text(TEXT)
    out = _clean_failure(_run("brief", str(tmp_path), "--output", "/dev/full"), code=1)
    assert "cannot write" in out and "No space left on device" in out
