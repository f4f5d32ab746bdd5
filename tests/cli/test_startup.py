"""Start-up stays light: ``newsfuse --help`` and the store commands never import the model
libraries (their import alone took 2.5 s; ``benchmarks/startup.py`` times the commands)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = {
    "torch",
    "spacy",
    "sentence_transformers",
    "sklearn",
    "scipy",
    "nltk",
    "sumy",
    "trafilatura",
}


def _loaded(code: str, cwd: Path | None = None) -> set[str]:
    script = code + "\nimport sys, json\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=cwd
    ).stdout
    return {name.split(".")[0] for name in json.loads(out.splitlines()[-1])}


def test_importing_the_cli_loads_no_model_library() -> None:
    assert not _loaded("import newsfuse.cli") & HEAVY


def test_help_and_stories_load_no_model_library(tmp_path: Path) -> None:
    from newsfuse.store import open_store

    open_store(tmp_path / "s.db").close()
    for args in (["--help"], ["stories", "--db", str(tmp_path / "s.db")], ["serve", "--help"]):
        code = (
            "from newsfuse.cli import cli\n"
            f"try:\n    cli({args!r})\nexcept SystemExit as e:\n    assert not e.code, e.code"
        )
        assert not _loaded(code) & HEAVY, args


def test_the_short_help_table_is_each_commands_own() -> None:
    import click

    from newsfuse.cli import COMMANDS, cli

    ctx = click.Context(cli)
    for name, (_, short) in COMMANDS.items():
        command = cli.get_command(ctx, name)
        assert command is not None
        assert command.get_short_help_str(1000) == short, name


@pytest.mark.parametrize("name", ["import newsfuse", "import newsfuse.api"])
def test_the_python_api_imports_lightly(name: str) -> None:
    assert not _loaded(name) & HEAVY
