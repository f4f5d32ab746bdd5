"""``newsfuse ingest / stories / recluster / cluster / eval-clusters`` end to end, with the fake
embedder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from newsfuse.cli import cli
from newsfuse.embed import HashingEmbedder
from newsfuse.store import check_store, open_store
from stories.corpus import synthetic_records, write_jsonl


def _run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture
def stream(tmp_path: Path) -> Path:
    return write_jsonl(tmp_path / "stream.jsonl", synthetic_records(5, 3, seed=1))


def test_ingest_reports_errors_and_reruns_skip_everything(
    tmp_path: Path, stream: Path, fake_embedder: HashingEmbedder
) -> None:
    db = tmp_path / "n.db"
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    result = _run("ingest", "--db", str(db), str(stream), str(bad))
    assert result.exit_code == 0, result.output
    assert "skipped" in result.stderr and "bad.json" in result.stderr
    assert "added 15 articles (5 new stories), skipped 0 duplicates and 1 unreadable" in (
        result.stderr
    )
    again = _run("ingest", "--db", str(db), str(stream))
    assert "added 0 articles (0 new stories), skipped 15 duplicates" in again.stderr
    strict = CliRunner().invoke(cli, ["ingest", "--db", str(db), "--strict", str(bad)])
    assert strict.exit_code == 2 and "bad.json" in strict.stderr


def test_ingest_uses_newsfuse_db(
    tmp_path: Path, stream: Path, monkeypatch: pytest.MonkeyPatch, fake_embedder: HashingEmbedder
) -> None:
    monkeypatch.setenv("NEWSFUSE_DB", str(tmp_path / "env.db"))
    assert _run("ingest", str(stream)).exit_code == 0
    assert (tmp_path / "env.db").exists()


def test_stories_lists_in_every_format(
    tmp_path: Path, stream: Path, fake_embedder: HashingEmbedder
) -> None:
    db = tmp_path / "n.db"
    _run("ingest", "--db", str(db), str(stream))
    text = _run("stories", "--db", str(db)).output
    assert text.count("3 articles") == 5 and "sources: " in text
    rows = json.loads(_run("stories", "--db", str(db), "--format", "json").output)
    assert len(rows) == 5 and {r["size"] for r in rows} == {3}
    assert rows[0]["last_published"] >= rows[-1]["last_published"]
    md = _run("stories", "--db", str(db), "--format", "markdown").output
    assert md.startswith("| id | articles |") and md.count("\n| s") == 5
    newest = rows[0]["first_published"][:10]
    since = json.loads(
        _run("stories", "--db", str(db), "--since", newest, "--format", "json").output
    )
    assert 1 <= len(since) < 5
    bad = CliRunner().invoke(cli, ["stories", "--db", str(db), "--since", "yesterdayish"])
    assert bad.exit_code == 2 and "is not a date" in bad.output
    missing = CliRunner().invoke(cli, ["stories", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code == 2 and "newsfuse ingest" in missing.stderr


def test_recluster_regroups_a_window(
    tmp_path: Path, stream: Path, fake_embedder: HashingEmbedder
) -> None:
    db = tmp_path / "n.db"
    _run("ingest", "--db", str(db), str(stream))
    with open_store(db, embedder=HashingEmbedder()) as store:
        before = store.assignments()
    result = _run("recluster", "--db", str(db), "--since", "2024-01-04", "--until", "2024-01-09")
    assert "re-clustered 6 articles: 2 stories became 2" in result.stderr
    with open_store(db, embedder=HashingEmbedder()) as store:
        after = store.assignments()
        assert check_store(store.conn) == []
        assert set(after) == set(before)
        changed = {a for a in after if after[a] != before[a]}
        assert len(changed) == 6  # the window's stories got new numbers
        # The store keeps detecting after a re-clustering.
        assert store.add_article(store.get_article("e0-a0")).status == "duplicate"


def test_cluster_then_eval_clusters(tmp_path: Path, fake_embedder: HashingEmbedder) -> None:
    lines = [
        {
            "article_id": r["id"],
            "text": r["text"],
            "title": r["title"],
            "date": r["published"],
            "cluster_id": r["event"],
        }
        for r in synthetic_records(4, 3, seed=2)
    ]
    gold = write_jsonl(tmp_path / "gold.jsonl", lines)
    out = tmp_path / "pred.jsonl"
    result = _run("cluster", "--input", str(gold), "--output", str(out))
    assert "12 articles in 4 stories" in result.stderr
    pred = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [p["article_id"] for p in pred] == [x["article_id"] for x in lines]
    scored = _run("eval-clusters", str(gold), "--pred", str(out))
    assert "B-cubed        1.000     1.000     1.000" in scored.output
    assert "pairwise       1.000     1.000     1.000" in scored.output
    itself = json.loads(_run("eval-clusters", str(gold), "--json").output)
    assert itself["predictions"] == "newsfuse cluster" and itself["bcubed_f1"] == 1.0
    online = json.loads(_run("eval-clusters", str(gold), "--online-only", "--json").output)
    assert online["predictions"] == "newsfuse cluster --online-only"
    assert online["bcubed_f1"] == 1.0
    lumped = write_jsonl(tmp_path / "lumped.jsonl", [{**x, "story_id": "one"} for x in lines])
    worse = json.loads(_run("eval-clusters", str(lumped), "--json").output)
    assert worse["bcubed_recall"] == 1.0 and worse["bcubed_precision"] == pytest.approx(0.25)
