"""The Ray engine against the local one, on one local Ray (2 CPUs) shared by the module."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from newsfuse.cli import cli
from newsfuse.engine.records import CRASH_ONCE_ENV

ray = pytest.importorskip("ray")
pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

A = (
    "Officials said 17 nations would back a ceasefire in Harlow on Thursday. "
    "The talks in Brenmoor lasted seven hours. “It is fragile,” Ana Vell said."
)
B = (
    "Officials said 20 nations would back a ceasefire in Harlow on Thursday. "
    "The meeting in Brenmoor ran late into the night. Tomas Grieg called it a good day."
)
C = "The river Osk flooded two villages near Brenmoor. Rescue teams reached them by boat."


@pytest.fixture(scope="module")
def ray_session() -> Iterator[str]:
    mp = pytest.MonkeyPatch()
    # The Ray workers (and drivers run as subprocesses) use the hashing fake; in this process
    # the ``fake_embedder`` fixture does.
    mp.setenv("NEWSFUSE_EMBEDDER", "hashing")
    mp.setenv("RAY_AUTH_MODE", "disabled")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    try:
        yield ray.get_runtime_context().gcs_address
    finally:
        ray.shutdown()
        mp.undo()


def _input(tmp_path: Path, n: int = 12, bad: bool = True) -> Path:
    lines = [
        json.dumps({"id": f"s{i}", "documents": [A, B, C][: 2 + i % 2] if i % 3 else [C, A]})
        for i in range(n)
    ]
    # A document empty after cleaning is left out (and reported) on either engine.
    lines[1] = json.dumps({"id": "s1", "documents": ["", A, B]})
    if bad:
        lines.insert(3, "this is not json")
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _run(*args: str) -> tuple[int, str]:
    r = CliRunner().invoke(cli, list(args))
    return r.exit_code, r.stderr


@pytest.mark.slow
@pytest.mark.parametrize("command", ["summarize", "compare"])
def test_ray_output_is_the_local_output_and_bad_lines_are_skipped(
    command: str, tmp_path: Path, ray_session: str, fake_embedder
) -> None:
    src = _input(tmp_path)
    local, remote = tmp_path / "local.jsonl", tmp_path / "ray.jsonl"
    code, err = _run(command, "--input", str(src), "--output", str(local))
    assert code == 0, err
    code, err = _run(
        command, "--input", str(src), "--output", str(remote), "--engine", "ray", "--workers", "2"
    )
    assert code == 0, err
    assert f"{src}:4" in err and "not valid JSON" in err, "the bad line is reported"
    assert "12/13 records" in err, "progress names records done of the total"
    assert remote.read_bytes() == local.read_bytes()
    assert [json.loads(x)["id"] for x in remote.read_text().splitlines()] == [
        f"s{i}" for i in range(12)
    ]


@pytest.mark.slow
def test_a_worker_that_dies_is_retried(tmp_path: Path, ray_session: str, fake_embedder) -> None:
    src = _input(tmp_path, bad=False)
    local, remote = tmp_path / "local.jsonl", tmp_path / "ray.jsonl"
    assert _run("summarize", "--input", str(src), "--output", str(local))[0] == 0
    marker = tmp_path / "crashed"
    # The actors read the hook from their own environment: set it for this job's workers.
    job = tmp_path / "job.py"
    job.write_text(
        "import sys\nfrom newsfuse.cli import cli\n"
        f"sys.argv = ['newsfuse', 'summarize', '--input', {str(src)!r}, '--output', "
        f"{str(remote)!r}, '--engine', 'ray', '--workers', '2', '--address', {ray_session!r}]\n"
        "cli.main()\n"
    )
    env = {**os.environ, CRASH_ONCE_ENV: str(marker)}
    r = subprocess.run([sys.executable, str(job)], env=env, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert marker.exists(), "a worker did exit mid-run"
    assert remote.read_bytes() == local.read_bytes()


@pytest.mark.slow
def test_resume_after_the_driver_is_killed(tmp_path: Path, ray_session: str, fake_embedder) -> None:  # type: ignore[no-untyped-def]
    src = _input(tmp_path, n=40, bad=False)
    local, remote = tmp_path / "local.jsonl", tmp_path / "ray.jsonl"
    assert _run("summarize", "--input", str(src), "--output", str(local))[0] == 0
    args = [
        sys.executable, "-c", "from newsfuse.cli import main; main()", "summarize",
        "--input", str(src), "--output", str(remote),
        "--engine", "ray", "--workers", "2", "--address", ray_session,
    ]  # fmt: skip
    # Each record sleeps a little in the workers (test hook), so the kill lands mid-run.
    env = {**os.environ, "NEWSFUSE_TEST_RECORD_DELAY": "0.05"}
    proc = subprocess.Popen(args, env=env, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (
        not remote.exists() or remote.read_text().count("\n") < 5
    ):
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    written = remote.read_text().count("\n")
    assert 5 <= written < 40, "the driver was killed mid-run"
    with remote.open("a") as fh:
        fh.write(
            '{"id": "s3',
        )  # a torn last line, as a kill mid-write leaves
    r = subprocess.run([*args, "--resume"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert f"{written} already done" in r.stderr
    ids = [json.loads(x)["id"] for x in remote.read_text().splitlines()]
    assert sorted(ids) == sorted(f"s{i}" for i in range(40)), "every id exactly once"
    assert sorted(remote.read_text().splitlines()) == sorted(local.read_text().splitlines())


def test_local_resume_skips_done_ids(tmp_path: Path, fake_embedder) -> None:  # type: ignore[no-untyped-def]
    src = _input(tmp_path, n=6, bad=False)
    full, part = tmp_path / "full.jsonl", tmp_path / "part.jsonl"
    assert _run("summarize", "--input", str(src), "--output", str(full))[0] == 0
    lines = full.read_text().splitlines(keepends=True)
    part.write_text("".join(lines[:2]) + lines[2][:10])
    code, err = _run("summarize", "--input", str(src), "--output", str(part), "--resume")
    assert code == 0, err
    assert "summarized 4 stories, 2 already done" in err
    assert part.read_bytes() == full.read_bytes()


@pytest.mark.slow
def test_parquet_round_trip(tmp_path: Path, ray_session: str, fake_embedder) -> None:  # type: ignore[no-untyped-def]
    src = _input(tmp_path, n=5, bad=False)
    rows = [json.loads(x) for x in src.read_text().splitlines()]
    rows[1]["documents"] = [{"text": A, "id": "wire", "source": "Wire"}, {"text": B, "id": "x"}]
    src.write_text("".join(json.dumps(r) + "\n" for r in rows))
    pin = tmp_path / "in.parquet"
    as_struct = [[d if isinstance(d, dict) else {"text": d} for d in r["documents"]] for r in rows]
    structs = [{"id": r["id"], "documents": docs} for r, docs in zip(rows, as_struct, strict=True)]
    pq.write_table(pa.Table.from_pylist(structs), pin)
    jsonl_out, pout = tmp_path / "out.jsonl", tmp_path / "out.parquet"
    assert _run("compare", "--input", str(src), "--output", str(jsonl_out))[0] == 0
    code, err = _run(
        "compare", "--input", str(pin), "--output", str(pout), "--engine", "ray", "--workers", "2"
    )
    assert code == 0, err
    expected = [json.loads(x) for x in jsonl_out.read_text().splitlines()]
    got = pq.read_table(pout).to_pylist()
    assert [g["id"] for g in got] == [e["id"] for e in expected]
    assert set(got[0]) == set(expected[0]), "the same fields as the JSONL lines"
    assert [len(g["claims"]) for g in got] == [len(e["claims"]) for e in expected]
    assert [[c["doc_a"] for c in g["conflicts"]] for g in got] == [
        [c["doc_a"] for c in e["conflicts"]] for e in expected
    ]
    assert not (tmp_path / "out.parquet.jsonl.part").exists()


def test_cli_import_does_not_import_ray() -> None:
    code = "import sys, newsfuse.cli; print('ray' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_without_ray_one_line_says_how_to_install_it(
    tmp_path: Path, fake_embedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)  # import ray now raises ImportError
    src = _input(tmp_path, n=2, bad=False)
    code, err = _run("summarize", "--input", str(src), "--engine", "ray")
    assert code == 1
    assert err.strip().splitlines() == [
        "newsfuse: error: --engine ray needs Ray; install it with pip install 'newsfuse[ray]'"
    ]


EVENTS = [
    "Officials said {n} nations would back a ceasefire in Harlow on Thursday. The talks in "
    "Brenmoor lasted {n} hours. Ana Vell called the deal fragile but real.",
    "The river Osk flooded {n} villages near Brenmoor. Rescue teams reached them by boat. "
    "Tomas Grieg said {n} families had lost their homes.",
    "Shares of Keltor Mining fell {n} percent after the company cut its forecast. Analysts "
    "in Dunmarrow expect {n} job losses at the Pellan mine.",
]


def _articles(folder: Path, n: int = 70) -> Path:
    """``n`` short reports of three events (over several ingest chunks), with exact and near
    duplicates among them."""
    folder.mkdir()
    for i in range(n):
        text = EVENTS[i % 3].format(n=3 + i // 3)
        if i % 10 == 9:
            text = EVENTS[(i - 3) % 3].format(n=3 + (i - 3) // 3)  # a copy of an earlier one
        if i % 7 == 6:
            text += " More details are expected later."  # near-duplicate of nothing stored yet
        (folder / f"r{i:03d}.txt").write_text(text + "\n", encoding="utf-8")
    return folder


def _stories(db: Path) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """Each article's story, and every stored sentence with its lead vectors' keys."""
    with sqlite3.connect(db) as conn:
        assignment = conn.execute(
            "SELECT a.id, sa.story_seq, a.vector FROM articles a "
            "JOIN story_articles sa ON sa.article_seq = a.seq ORDER BY a.seq"
        ).fetchall()
        sentences = conn.execute(
            "SELECT a.id, s.idx, s.start, s.end, s.text_key FROM sentences s "
            "JOIN articles a ON a.seq = s.article_seq ORDER BY a.seq, s.idx"
        ).fetchall()
        sentences += conn.execute(
            "SELECT model, text_key, vector FROM embeddings ORDER BY text_key"
        ).fetchall()
    return assignment, sentences


@pytest.mark.slow
def test_ingest_on_ray_makes_the_local_stories(
    tmp_path: Path, ray_session: str, fake_embedder
) -> None:
    src = _articles(tmp_path / "reports")
    local, remote = tmp_path / "local.db", tmp_path / "ray.db"
    code, said = _run("ingest", "--db", str(local), str(src))
    assert code == 0, said
    code, err = _run("ingest", "--db", str(remote), str(src), "--engine", "ray", "--workers", "2")
    assert code == 0, err
    assert "skipped 5 duplicates" in said  # the exact copies
    assert err == said.replace(str(local), str(remote))
    stories, stored = _stories(local)
    assert len({story for _, story, _ in stories}) >= 3
    assert _stories(remote) == (stories, stored)
    # A rerun on Ray finds every article stored already.
    code, err = _run("ingest", "--db", str(remote), str(src), "--engine", "ray")
    assert code == 0, err
    assert "added 0 articles" in err
    assert _stories(remote) == (stories, stored)


def test_ingest_without_ray_says_how_to_install_it(
    tmp_path: Path, fake_embedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)
    src = _articles(tmp_path / "reports", n=2)
    code, err = _run("ingest", "--db", str(tmp_path / "s.db"), str(src), "--engine", "ray")
    assert code == 1
    assert err.strip().splitlines() == [
        "newsfuse: error: --engine ray needs Ray; install it with pip install 'newsfuse[ray]'"
    ]
    assert not (tmp_path / "s.db").exists()
