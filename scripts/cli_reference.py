"""Regenerate the README's CLI reference from ``--help`` (``make readme``); a test checks it."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import click
from click.testing import CliRunner

from newsfuse.cli import cli

README = Path(__file__).resolve().parents[1] / "README.md"
START, END = "<!-- cli-reference:start -->", "<!-- cli-reference:end -->"


def render() -> str:
    """The ``--help`` of ``newsfuse`` and of every command, as Markdown."""
    runner = CliRunner()
    parts = []
    names = cli.list_commands(click.Context(cli))  # type: ignore[attr-defined]
    for name in [None, *names]:
        args = ["--help"] if name is None else [name, "--help"]
        text = runner.invoke(cli, args, prog_name="newsfuse", terminal_width=100).output
        parts.append(f"### `newsfuse{' ' + name if name else ''}`\n\n```\n{text.rstrip()}\n```\n")
    return "\n".join(parts)


def _span(readme: str) -> re.Match[str]:
    m = re.search(re.escape(START) + r"\n(.*?)" + re.escape(END), readme, re.S)
    if not m:
        raise SystemExit(f"{README} has no {START} ... {END} block")
    return m


def block(readme: str) -> str:
    """The current CLI reference in the README."""
    return _span(readme).group(1)


def main() -> None:
    readme = README.read_text(encoding="utf-8")
    m = _span(readme)
    new = render()
    README.write_text(readme[: m.start(1)] + new + readme[m.end(1) :], encoding="utf-8")
    print(
        "README CLI reference " + ("unchanged" if m.group(1) == new else "updated"), file=sys.stderr
    )


if __name__ == "__main__":
    main()
