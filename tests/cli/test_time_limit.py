"""``--time-limit`` (exit 124 with what to do) and ``--progress`` lines of the long commands."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import newsfuse.cli.budget
import newsfuse.cli.summarize
import newsfuse.compare.brief.build
from newsfuse.cli import cli

ONE = "Ministers met in Munich on Thursday and agreed on a truce for the whole region.\n"
TWO = "The ministers agreed in Munich on a truce on Thursday, officials said after talks.\n"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "one.txt").write_text(ONE, encoding="utf-8")
    (tmp_path / "two.txt").write_text(TWO, encoding="utf-8")
    return tmp_path


@pytest.fixture
def slow_prepare(monkeypatch: pytest.MonkeyPatch) -> None:
    """Sentence splitting that takes 0.3 s more, so a short limit is passed before summarizing."""
    real = newsfuse.cli.summarize.prepare_focused

    def slow(*args, **kwargs):
        prepared = real(*args, **kwargs)
        time.sleep(0.3)
        return prepared

    monkeypatch.setattr(newsfuse.cli.summarize, "prepare_focused", slow)


def test_summarize_past_its_time_limit_exits_124_saying_what_to_do(
    folder, fake_embedder, slow_prepare
):
    r = CliRunner().invoke(cli, ["summarize", str(folder), "--time-limit", "0.1"])
    assert r.exit_code == 124, r.output
    assert r.stdout == ""
    assert r.stderr == (
        "newsfuse: error: the command would take longer than its 0.1 s time limit and was "
        "stopped; give it fewer or shorter articles, or raise --time-limit (a batch keeps what "
        "it wrote: continue it with --resume)\n"
    )
    r = CliRunner().invoke(cli, ["summarize", str(folder), "--time-limit", "30"])
    assert r.exit_code == 0 and "Munich" in r.stdout


def test_brief_past_its_time_limit_exits_124(folder, fake_embedder, monkeypatch):
    def slow_parse(articles):  # stands in for spaCy, which would make this test slow
        time.sleep(0.3)
        return {}

    monkeypatch.setattr(newsfuse.compare.brief.build, "parse_articles", slow_parse)
    r = CliRunner().invoke(cli, ["brief", str(folder), "--time-limit", "0.1"])
    assert r.exit_code == 124, r.output
    assert "0.1 s time limit" in r.stderr and "--resume" not in r.stderr


def test_a_batch_past_its_time_limit_keeps_what_it_wrote(tmp_path, fake_embedder, monkeypatch):
    source = tmp_path / "in.jsonl"
    lines = [{"id": f"s{k}", "documents": [ONE, TWO]} for k in range(6)]
    source.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    monkeypatch.setenv("NEWSFUSE_TEST_RECORD_DELAY", "0.2")
    args = ["summarize", "--input", str(source), "--output", str(out)]
    r = CliRunner().invoke(cli, [*args, "--time-limit", "0.5"])
    assert r.exit_code == 124, r.output
    assert "continue it with --resume" in r.stderr
    monkeypatch.delenv("NEWSFUSE_TEST_RECORD_DELAY")
    r = CliRunner().invoke(cli, [*args, "--resume"])
    assert r.exit_code == 0, r.output
    assert [json.loads(x)["id"] for x in out.read_text().splitlines()] == [x["id"] for x in lines]


def test_progress_lines_only_when_asked_or_on_a_terminal(
    folder, fake_embedder, slow_prepare, monkeypatch
):
    monkeypatch.setattr(newsfuse.cli.budget, "QUIET_FOR", 0.1)
    r = CliRunner().invoke(cli, ["summarize", str(folder), "--progress"])
    assert r.exit_code == 0, r.output
    assert "newsfuse: 0 s: splitting sentences...\n" in r.stderr
    r = CliRunner().invoke(cli, ["summarize", str(folder)])  # stderr is not a terminal here
    assert r.exit_code == 0 and r.stderr == ""
