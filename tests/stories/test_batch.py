"""Batch clustering of a JSONL file, without a store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsfuse.embed import HashingEmbedder
from newsfuse.errors import FormatError, NotFoundError
from newsfuse.stories.batch import (
    cluster_articles,
    read_assignments,
    read_labeled,
    write_assignments,
)
from stories.corpus import partition, synthetic_records


def _labeled_file(tmp_path: Path, events: int = 6, per_event: int = 3) -> Path:
    lines = [
        {
            "article_id": r["id"],
            "text": r["text"],
            "title": r["title"],
            "date": r["published"],
            "cluster_id": r["event"],
        }
        for r in synthetic_records(events, per_event, seed=5)
    ]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n\n", encoding="utf-8")
    return path


def test_read_labeled_keeps_gold_dates_and_first_of_repeated_ids(tmp_path: Path) -> None:
    path = _labeled_file(tmp_path)
    with path.open("a", encoding="utf-8") as fh:
        fh.write(json.dumps({"article_id": "e0-a0", "text": "again", "cluster_id": "zz"}) + "\n")
        fh.write(json.dumps({"article_id": 7, "text": "  ", "story_id": 3}) + "\n")
    items = list(read_labeled(path))
    assert len(items) == 19
    assert items[0].gold is not None and items[0].article.published is not None
    assert {i.gold for i in items if i.article.id == "e0-a0"} == {"e0"}
    assert items[-1].article.id == "7" and items[-1].predicted == "3"


def test_read_labeled_names_bad_lines(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"article_id": "a", "text": "x"}\n{"text": "no id"}\n', encoding="utf-8")
    with pytest.raises(FormatError, match=r"bad.jsonl:2.*article_id"):
        list(read_labeled(bad))
    bad.write_text("not json\n", encoding="utf-8")
    with pytest.raises(FormatError, match=r"bad\.jsonl:1: not valid JSON"):
        list(read_labeled(bad))
    with pytest.raises(NotFoundError):
        list(read_labeled(tmp_path / "absent.jsonl"))


def test_cluster_articles_finds_the_events(tmp_path: Path) -> None:
    items = list(read_labeled(_labeled_file(tmp_path)))
    got = cluster_articles([i.article for i in items], HashingEmbedder())
    assert partition(got) == partition({i.article.id: str(i.gold) for i in items})
    assert set(got.values()) == {f"s{k}" for k in range(1, 7)}
    assert list(got) == [i.article.id for i in items]  # input order


def test_assignments_round_trip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out.jsonl"
    write_assignments({"a": "s1", "b": "s2"}, out)
    assert read_assignments(out) == {"a": "s1", "b": "s2"}
    write_assignments({"a": "s1"}, "-")
    assert json.loads(capsys.readouterr().out) == {"article_id": "a", "story_id": "s1"}
    out.write_text('{"article_id": "a"}\n', encoding="utf-8")
    with pytest.raises(FormatError, match=r"out\.jsonl:1"):
        read_assignments(out)
