"""Every command: 0 ok, 1 failure, 2 bad input or nothing done (README, "Exit codes")."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner, Result

from newsfuse.cli import cli

TEXT = "Ministers met in Munich on Thursday and agreed on a truce for the whole region."


def _run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def test_ingest_with_nothing_to_add_exits_2(tmp_path: Path, fake_embedder) -> None:
    r = _run("ingest", "--db", str(tmp_path / "s.db"), str(tmp_path / "missing.txt"))
    assert r.exit_code == 2, r.output
    assert "nothing could be added" in r.output


def test_ingest_of_only_duplicates_is_not_a_failure(tmp_path: Path, fake_embedder) -> None:
    (tmp_path / "a.txt").write_text(TEXT)
    db = str(tmp_path / "s.db")
    assert _run("ingest", "--db", db, str(tmp_path / "a.txt")).exit_code == 0
    r = _run("ingest", "--db", db, str(tmp_path / "a.txt"))
    assert r.exit_code == 0 and "skipped 1 duplicates" in r.output


def test_compare_and_summarize_batches_with_no_story_exit_2(tmp_path: Path, fake_embedder) -> None:
    empty = tmp_path / "empty.jsonl"
    empty.write_text('{"id": "x", "documents": ["  "]}\n')
    for command in (["compare"], ["summarize"]):
        r = _run(*command, "--input", str(empty))
        assert r.exit_code == 2, (command, r.output)
        assert "no story could be read" in r.output


def test_reading_commands_open_the_store_read_only(tmp_path: Path, fake_embedder) -> None:
    (tmp_path / "a.txt").write_text(TEXT)
    db = tmp_path / "s.db"
    assert _run("ingest", "--db", str(db), str(tmp_path / "a.txt")).exit_code == 0
    before = db.read_bytes()
    r = _run("stories", "--db", str(db), "--format", "json")
    assert r.exit_code == 0 and json.loads(r.output)[0]["size"] == 1
    assert db.read_bytes() == before


def test_ingest_refuses_another_applications_database(tmp_path: Path, fake_embedder) -> None:
    import sqlite3

    db = tmp_path / "other.db"
    sqlite3.connect(db).execute("CREATE TABLE users (id INTEGER)").connection.commit()
    (tmp_path / "a.txt").write_text(TEXT)
    r = _run("ingest", "--db", str(db), str(tmp_path / "a.txt"))
    assert r.exit_code == 1
    assert "another application" in r.output


def test_cluster_reports_repeated_article_ids(tmp_path: Path, fake_embedder) -> None:
    lines = [{"article_id": "a", "text": TEXT}, {"article_id": "a", "text": TEXT + " Again."}]
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(x) + "\n" for x in lines))
    r = _run("cluster", "--input", str(src))
    assert r.exit_code == 0, r.output
    assert "1 repeated article_id lines ignored" in r.output and "a (line 2)" in r.output


def test_a_batch_line_with_repeated_document_ids_is_reported(tmp_path: Path, fake_embedder) -> None:
    docs = [{"id": "x", "text": TEXT}, {"id": "x", "text": TEXT.replace("Munich", "Vienna")}]
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "s", "documents": docs}) + "\n")
    r = _run("compare", "--input", str(src))
    assert r.exit_code == 2, r.output
    assert "in.jsonl:1 document 1: the document id 'x' is already used by document 0" in r.output
