"""The per-record work: a ``Worker`` reads (parses, cleans) the raw lines it is sent."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from newsfuse.cli import cli
from newsfuse.engine.io import RawRecord, iter_input, record_id
from newsfuse.engine.records import Worker
from newsfuse.settings import DEFAULT

A = "The council met in Harlow on Monday. It approved the budget for the new bridge."
B = "The river Osk flooded two villages near Brenmoor. Rescue teams reached them by boat."


def _raw(line: int, value: object) -> RawRecord:
    text = value if isinstance(value, str) else json.dumps(value)
    return RawRecord(line, f"in.jsonl:{line}", text)


def test_the_worker_parses_each_record_and_reports_what_it_could_not_read(fake_embedder) -> None:  # type: ignore[no-untyped-def]
    records = [
        _raw(1, {"id": "one", "documents": ["", A]}),
        _raw(2, "this is not json"),
        _raw(4, {"id": "two", "documents": [B]}),
    ]
    one, bad, two = Worker("summarize", DEFAULT).run(records)
    assert (one.id, one.line, one.unread) == ("one", 1, False)
    assert one.output is not None and json.loads(one.output)["id"] == "one"
    assert len(one.left_out) == 1 and "in.jsonl:1 document 0" in one.left_out[0]
    assert bad.unread and bad.output is None and bad.line == 2
    assert bad.error is not None and bad.error.startswith("in.jsonl:2: not valid JSON")
    assert two.id == "two" and two.output is not None and not two.left_out


def test_record_ids_for_resume_match_the_output_ids(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(
        json.dumps({"id": 7, "documents": [A]}) + "\n\n"
        + json.dumps({"documents": [B]}) + "\nnot json\n"
    )  # fmt: skip
    records = list(iter_input(src, DEFAULT))
    assert [(r.line, r.origin) for r in records] == [
        (1, f"{src}:1"),
        (3, f"{src}:3"),
        (4, f"{src}:4"),
    ]
    assert [record_id(r) for r in records] == ["7", "line3", None]


def test_strict_writes_every_record_before_the_bad_line(tmp_path: Path, fake_embedder) -> None:  # type: ignore[no-untyped-def]
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    lines = [json.dumps({"id": "a", "documents": [A]}), json.dumps({"id": "b", "documents": [B]})]
    src.write_text("\n".join([*lines, "not json", lines[0]]) + "\n")
    r = CliRunner().invoke(
        cli, ["summarize", "--input", str(src), "--output", str(out), "--strict"]
    )
    assert r.exit_code == 2 and f"{src}:3: not valid JSON" in r.stderr
    assert [json.loads(x)["id"] for x in out.read_text().splitlines()] == ["a", "b"]


def test_a_worker_imports_no_file_html_or_feed_reader() -> None:
    # Every Ray worker imports this module before its first batch: it stays lean.
    code = (
        "import sys, newsfuse.engine.records; "
        "print(sorted(m for m in ('trafilatura', 'feedparser', 'ray') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
