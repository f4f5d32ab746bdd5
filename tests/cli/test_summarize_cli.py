"""`newsfuse summarize` and `newsfuse eval` end to end, with the fake embedder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsfuse.cli import cli

A = (
    "The city council approved the new budget on Monday after a long debate.\n"
    "Taxes on property will rise by three percent starting next year.\n"
    "The mayor said the plan protects schools and public transport services.\n"
)
B = (
    "The city council approved the new budget on Monday after a long, heated debate.\n"
    "Opposition members warned that the tax rise would hurt young families most.\n"
)


@pytest.fixture
def story_dir(tmp_path: Path) -> Path:
    (tmp_path / "a.txt").write_text("---\nsource: Daily A\npublished: 2020-01-02\n---\n" + A)
    (tmp_path / "b.txt").write_text("---\nsource: Daily B\n---\n" + B)
    return tmp_path


def run(*args: str, input: str | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def test_text_output_cites_numbered_sources(story_dir: Path, fake_embedder) -> None:  # type: ignore[no-untyped-def]
    r = run("summarize", str(story_dir), "--words", "40")
    assert r.exit_code == 0, r.output
    body, sources = r.output.split("Sources:")
    assert "[1][2]" in body, "the shared fact cites both outlets"
    assert "[1] Daily A" in sources and "[2] Daily B" in sources
    assert sum(len(line.rsplit(" [", 1)[0].split()) for line in body.strip().splitlines()) <= 40


def test_json_output_round_trips(story_dir: Path, fake_embedder) -> None:  # type: ignore[no-untyped-def]
    r = run("summarize", str(story_dir / "a.txt"), str(story_dir / "b.txt"), "--format", "json")
    data = json.loads(r.stdout)
    assert data["summary"]["budget"] == 120
    assert [s["source"] for s in data["sources"]] == ["Daily A", "Daily B"]
    for s in data["summary"]["sentences"]:
        assert s["sentence"]["text"] in A + B


def test_markdown_escapes_article_text(tmp_path: Path, fake_embedder) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "x.txt").write_text(
        "The <b>mayor</b> opened the [new] bridge on Sunday in front of large crowds.\n"
    )
    r = run("summarize", str(tmp_path / "x.txt"), "--format", "markdown")
    assert "<b>" not in r.output and "\\<b\\>" in r.output
    assert "\\[new\\]" in r.output


def test_missing_file_is_one_clear_line(tmp_path: Path, fake_embedder) -> None:  # type: ignore[no-untyped-def]
    result = CliRunner().invoke(cli, ["summarize", str(tmp_path / "nope.txt")])
    assert result.exit_code != 0
    assert "nope.txt" in result.output


def test_batch_keeps_positions_and_skips_bad_lines(tmp_path: Path, fake_embedder) -> None:  # type: ignore[no-untyped-def]
    src = tmp_path / "in.jsonl"
    lines = [
        {"id": "one", "documents": ["", A, {"text": B, "source": "Daily B"}]},
        "this is not json",
        {"id": "two", "documents": [B]},
    ]
    src.write_text("\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n")
    out = tmp_path / "out.jsonl"
    r = CliRunner().invoke(
        cli, ["summarize", "--input", str(src), "--output", str(out), "--words", "30"]
    )
    assert r.exit_code == 0, r.output
    assert "in.jsonl:2" in r.output, "the bad line is reported with its line number"
    rows = [json.loads(x) for x in out.read_text().splitlines()]
    assert [x["id"] for x in rows] == ["one", "two"]
    docs = [A, B]
    for s in rows[0]["sentences"]:
        for c in s["citations"]:
            assert c["doc"] in (1, 2), "positions count the empty first document"
            assert s["text"] in A + B
        assert s["text"] in docs[s["citations"][0]["doc"] - 1]
    strict = CliRunner().invoke(
        cli, ["summarize", "--input", str(src), "--output", str(tmp_path / "o2.jsonl"), "--strict"]
    )
    assert strict.exit_code == 2 and "in.jsonl:2" in strict.output


def test_eval_prints_every_method_side_by_side(tmp_path: Path, fake_embedder) -> None:  # type: ignore[no-untyped-def]
    data = tmp_path / "set.jsonl"
    data.write_text(
        json.dumps(
            {
                "id": "c",
                "documents": [A, B],
                "summary": "The council approved the budget on Monday.",
            }
        )
        + "\n"
    )
    r = run("eval", str(data), "--words", "20", "--json")
    res = json.loads(r.stdout)
    assert set(res["methods"]) == {"newsfuse", "lead", "lexrank", "textrank"}
    assert all(0 < m["f1"]["rouge1"] <= 1 for m in res["methods"].values())
    table = run("eval", str(data), "--words", "20", "--methods", "lead,newsfuse")
    assert "lead" in table.output and "textrank" not in table.output
    bad = CliRunner().invoke(cli, ["eval", str(data), "--words", "20", "--methods", "magic"])
    assert bad.exit_code == 2 and "magic" in bad.output


@pytest.mark.slow
def test_real_model_summary_of_two_reports(story_dir: Path) -> None:
    r = run("summarize", str(story_dir), "--words", "40", "--format", "json")
    data = json.loads(r.stdout)
    cited = {c["article_id"] for s in data["summary"]["sentences"] for c in s["citations"]}
    assert cited == {"a", "b"}
    assert sum(len(s["sentence"]["text"].split()) for s in data["summary"]["sentences"]) <= 40


@pytest.mark.slow
def test_all_citations_finds_at_least_the_default_ones(story_dir: Path) -> None:
    def cited(*extra: str) -> list[tuple[str, set[str]]]:
        r = run("summarize", str(story_dir), "--words", "60", "--format", "json", *extra)
        assert r.exit_code == 0, r.output
        return [
            (s["sentence"]["text"], {c["article_id"] for c in s["citations"]})
            for s in json.loads(r.stdout)["summary"]["sentences"]
        ]

    default, everything = cited(), cited("--all-citations")
    assert [t for t, _ in default] == [t for t, _ in everything], "citations never change picks"
    assert all(d <= e for (_, d), (_, e) in zip(default, everything, strict=True))
