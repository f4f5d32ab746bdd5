"""The ``newsfuse`` command. Each module here parses input, calls one library function, and turns
library errors into a message and an exit code; nothing below this package imports click."""

from __future__ import annotations

import click

from newsfuse.cli import compare, serve, stories, summarize
from newsfuse.cli.common import NewsfuseGroup, run_cli


@click.group(
    cls=NewsfuseGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(package_name="newsfuse")
def cli() -> None:
    """newsfuse: one cited briefing from many news reports of the same events."""


for _module in (summarize, compare, stories, serve):
    for _command in _module.COMMANDS:
        cli.add_command(_command)


def main() -> None:
    """Console-script entry point."""
    run_cli(cli)
