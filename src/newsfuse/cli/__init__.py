"""The ``newsfuse`` command. Each module here parses input, calls one library function, and turns
library errors into a message and an exit code; nothing below this package imports click.

A command's module is imported only when that command runs (or its own ``--help`` is asked
for): ``newsfuse --help`` and the store commands start in a fraction of a second instead of
loading the models' libraries (``tests/cli/test_startup.py`` keeps it so).
"""

from __future__ import annotations

import importlib

import click

from newsfuse.cli.common import NewsfuseGroup, run_cli

COMMANDS: dict[str, tuple[str, str]] = {
    "brief": (
        "compare",
        "Brief the articles in PATHS (files, directories, or - for stdin) as one story.",
    ),
    "cluster": ("stories", "Group the articles of a JSONL file into stories, without a store."),
    "compare": (
        "compare",
        "Conflicts, claims and quotes of every story in a JSONL file, one output line per story.",
    ),
    "eval": (
        "summarize",
        "Score methods with ROUGE-1/2/Lsum F1 (rouge-score, stemmed) on a JSONL data set with "
        "human summaries, all methods side by side in one run.",
    ),
    "eval-clusters": (
        "stories",
        "Score story assignments against the gold `cluster_id` of each line of PATH.",
    ),
    "ingest": ("stories", "Add the articles in SOURCES to the store and group them into stories."),
    "recluster": ("stories", "Detect the stories of a time window again, in publication order."),
    "serve": ("serve", "Serve the briefing page and the REST API (schema at /api/openapi.json)."),
    "stories": (
        "stories",
        "List the stored stories, newest first: id, size, sources, time span and title.",
    ),
    "summarize": (
        "summarize",
        "Summarize the articles in PATHS (files, directories, or - for stdin) as one story.",
    ),
    "watch": (
        "watch",
        "Follow the feeds in FEEDS, adding their new items to the store every round.",
    ),
}
"""Command name -> (module under ``newsfuse.cli``, the short help ``newsfuse --help`` shows; a
test checks it is the command's own)."""


class LazyGroup(NewsfuseGroup):
    """Lists every command from ``COMMANDS``; imports a command's module on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module = importlib.import_module(f"newsfuse.cli.{COMMANDS[cmd_name][0]}")
        found: dict[str, click.Command] = {c.name or "": c for c in module.COMMANDS}
        return found[cmd_name]

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # click's own would import every module for its help line.
        limit = formatter.width - 6 - max(len(n) for n in COMMANDS)
        rows = [
            (n, click.Command(n, help=COMMANDS[n][1]).get_short_help_str(limit))
            for n in sorted(COMMANDS)
        ]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(
    cls=LazyGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(package_name="newsfuse")
def cli() -> None:
    """newsfuse: one cited briefing from many news reports of the same events."""


def main() -> None:
    """Console-script entry point."""
    run_cli(cli)
