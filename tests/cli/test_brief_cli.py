"""``newsfuse brief`` and ``newsfuse compare`` end to end (real models, so marked slow)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsfuse.cli import cli
from newsfuse.models import Article

WIRE = (
    "---\nsource: Wire\npublished: 2016-02-10\n---\n"
    "Secretary of State John Kerry will meet Sergey Lavrov in Munich on Thursday.\n\n"
    "Officials said 17 nations would back a ceasefire in Syria.\n\n"
    "“This meeting will tell a lot about the road ahead,” Kerry said.\n"
)
DAILY = (
    "---\nsource: Daily\npublished: 2016-02-11\n---\n"
    "John Kerry met Sergey Lavrov in Munich on Thursday.\n\n"
    "Officials said 20 nations would back a ceasefire in Syria.\n\n"
    "A <script>alert(1)</script> tag and <img src=x onerror=alert(1)> were in the page.\n"
)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "wire.txt").write_text(WIRE, encoding="utf-8")
    (tmp_path / "daily.txt").write_text(DAILY, encoding="utf-8")
    return tmp_path


def _run(*args: str) -> object:
    return CliRunner().invoke(cli, list(args), catch_exceptions=True)


@pytest.mark.slow
def test_brief_text(folder: Path) -> None:
    result = CliRunner().invoke(cli, ["brief", str(folder), "--words", "40", "--full"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "SUMMARY" in out and "SOURCES" in out
    assert "— John Kerry" in out  # "Kerry said" resolved to the full name
    assert "Sergey Lavrov [1][2]" in out  # an entity both sources name
    assert "2016-02-11" in out  # "Thursday" on the timeline


@pytest.mark.slow
def test_brief_markdown(folder: Path) -> None:
    result = CliRunner().invoke(cli, ["brief", str(folder), "--format", "markdown"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# ")
    assert "## Quotes" in result.stdout
    assert "\\<script\\>" in result.stdout and "<script>" not in result.stdout


@pytest.mark.slow
def test_brief_html_to_a_file(folder: Path, tmp_path: Path) -> None:
    target = tmp_path / "brief.html"
    result = CliRunner().invoke(
        cli,
        [
            "brief",
            str(folder / "wire.txt"),
            str(folder / "daily.txt"),
            "--format",
            "html",
            "--output",
            str(target),
        ],
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert f"wrote {target}" in result.stderr
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "<script" not in page and "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


@pytest.mark.slow
def test_brief_json(folder: Path) -> None:
    result = CliRunner().invoke(cli, ["brief", str(folder), "--format", "json", "--words", "30"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {a["source"] for a in data["story"]["articles"]} == {"Wire", "Daily"}
    assert sum(len(s["sentence"]["text"].split()) for s in data["summary"]["sentences"]) <= 30
    assert any(q["speaker"] == "John Kerry" for q in data["quotes"])
    assert {e["granularity"] for e in data["timeline"]} == {"day"}


def test_brief_needs_input() -> None:
    result = CliRunner().invoke(cli, ["brief"])
    assert result.exit_code == 2
    assert "give at least one file" in result.stderr


def test_brief_story_needs_a_db_and_not_paths(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # no newsfuse.db here: the default store is missing
    result = CliRunner().invoke(cli, ["brief", "--story", "s1"], env={"NEWSFUSE_DB": ""})
    assert result.exit_code == 2 and "newsfuse.db: no such article store" in result.stderr
    result = CliRunner().invoke(cli, ["brief", str(folder), "--story", "s1", "--db", "x.db"])
    assert result.exit_code == 2 and "not both" in result.stderr
    result = CliRunner().invoke(cli, ["brief", "--story", "s1", "--db", str(tmp_path / "no.db")])
    assert result.exit_code == 2 and "no.db" in result.stderr


@pytest.mark.slow
def test_brief_story_from_the_store(tmp_path: Path, fake_embedder) -> None:  # type: ignore[no-untyped-def]
    """--story reads the story from a real store (hashing embedder for speed)."""
    from newsfuse.store import open_store

    db = tmp_path / "news.db"
    with open_store(db, embedder=fake_embedder) as store:
        store.add_article(
            Article("a", "John Kerry met Sergey Lavrov in Munich on Thursday.", source="Wire")
        )
        (info,) = store.list_stories()
    result = CliRunner().invoke(cli, ["brief", "--story", info.id, "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "John Kerry met Sergey Lavrov" in result.stdout
    assert "Wire" in result.stdout


def test_brief_unknown_story_in_a_real_store(tmp_path: Path) -> None:
    store = pytest.importorskip("newsfuse.store", reason="the article store is not built yet")
    db = tmp_path / "news.db"
    opened = store.open_store(db)
    getattr(opened, "close", lambda: None)()
    result = CliRunner().invoke(cli, ["brief", "--story", "nope", "--db", str(db)])
    assert result.exit_code == 2 and "nope" in result.stderr


# --- compare (batch) --------------------------------------------------------------------------


def _clusters(tmp_path: Path) -> Path:
    lines = [
        json.dumps(
            {
                "id": "c1",
                "documents": [
                    "Officials said 17 nations would back a ceasefire in Syria on Thursday.",
                    "Officials said 20 nations would back a ceasefire in Syria on Thursday.",
                ],
            }
        ),
        "{not json",
        "",
        json.dumps(
            {
                "id": "c2",
                "documents": [
                    {
                        "id": "wire",
                        "text": "“We are ready to talk about peace now,” John Kerry said.",
                    },
                    {
                        "id": "daily",
                        "text": "“We are ready to talk about peace now,” Kerry told reporters.",
                    },
                ],
            }
        ),
        # Document ids d0, d1 again: each story must get its own parses.
        json.dumps(
            {
                "id": "c3",
                "documents": [
                    "Lavrov met Kerry. “It is a good day,” Sergey Lavrov said at the end.",
                    "“It is a good day,” Lavrov said.",
                ],
            }
        ),
    ]
    path = tmp_path / "clusters.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.slow
def test_compare_writes_one_line_per_good_cluster_and_reports_bad_lines(tmp_path: Path) -> None:
    src, dst = _clusters(tmp_path), tmp_path / "out.jsonl"
    result = CliRunner().invoke(cli, ["compare", "--input", str(src), "--output", str(dst)])
    assert result.exit_code == 0, result.output
    assert f"{src}:2" in result.stderr and "skipped" in result.stderr
    assert "compared 3 stories" in result.stderr
    first, second, third = (json.loads(line) for line in dst.read_text("utf-8").splitlines())
    assert first["id"] == "c1"
    (conflict,) = [c for c in first["conflicts"] if c["kind"] == "quantity"]
    assert 0 < conflict.pop("confidence") <= 1
    assert conflict.pop("reason").startswith("same fact: how many (nation")
    assert conflict == {
        "doc_a": "d0",
        "sent_a": "Officials said 17 nations would back a ceasefire in Syria on Thursday.",
        "doc_b": "d1",
        "sent_b": "Officials said 20 nations would back a ceasefire in Syria on Thursday.",
        "kind": "quantity",
        "value_a": "17",
        "value_b": "20",
    }
    # The two sentences state one fact with two values: a conflict, not a shared claim.
    assert not any(c["docs"] == ["d0", "d1"] for c in first["claims"])
    assert second["id"] == "c2"
    (quote,) = second["quotes"]
    assert quote["speaker"] == "John Kerry" and quote["docs"] == ["wire", "daily"]
    assert [s["doc"] for s in quote["sentences"]] == ["wire", "daily"]
    assert [(q["text"], q["speaker"], q["docs"]) for q in third["quotes"]] == [
        ("It is a good day", "Sergey Lavrov", ["d0", "d1"])
    ]


def test_compare_strict_fails_on_the_bad_line(tmp_path: Path) -> None:
    src = _clusters(tmp_path)
    result = CliRunner().invoke(
        cli, ["compare", "--input", str(src), "--strict", "--output", str(tmp_path / "out.jsonl")]
    )
    assert result.exit_code == 2
    assert f"{src}:2" in result.stderr and "not valid JSON" in result.stderr


def test_compare_missing_input(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["compare", "--input", str(tmp_path / "none.jsonl")])
    assert result.exit_code == 2 and "none.jsonl" in result.stderr


def test_brief_story_since_shows_what_is_new(tmp_path: Path, fake_embedder) -> None:  # type: ignore[no-untyped-def]
    """--since: the story's articles from before it count as read; nothing newer says so."""
    import datetime as dt

    from newsfuse.store import open_store

    db = tmp_path / "news.db"
    day = dt.datetime(2016, 2, 10, tzinfo=dt.UTC)
    with open_store(db, embedder=fake_embedder) as store:
        for k, (text, src) in enumerate(
            [
                ("John Kerry met Sergey Lavrov in Munich on Thursday for talks on Syria.", "Old"),
                ("John Kerry and Sergey Lavrov agreed in Munich on a pause in fighting.", "New"),
            ]
        ):
            store.add_article(
                Article(f"a{k}", text, source=src, published=day + dt.timedelta(days=k))
            )
        (info,) = store.list_stories()
    args = ["brief", "--story", info.id, "--db", str(db), "--format", "json"]
    result = CliRunner().invoke(cli, [*args, "--since", "2016-02-11"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["background"] == ["a0"]
    assert {s["sentence"]["article_id"] for s in data["summary"]["sentences"]} == {"a1"}
    later = CliRunner().invoke(cli, [*args, "--since", "2016-03-01"])
    assert later.exit_code == 0 and "Nothing new" in later.stdout
    bad = CliRunner().invoke(cli, [*args, "--since", "soon"])
    assert bad.exit_code == 2 and "--since" in bad.output
    orphan = CliRunner().invoke(cli, ["brief", "x.txt", "--since", "2d"])
    assert orphan.exit_code == 2 and "--story" in orphan.output
