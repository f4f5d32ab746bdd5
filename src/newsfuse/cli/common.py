"""Pieces every command shares: error handling, output formats, progress, reading articles."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

import click

from newsfuse.errors import InputError, NewsfuseError

EXIT_INPUT = 2
EXIT_FAILURE = 1

FORMATS = ["text", "markdown", "html", "json"]


def run_cli(group: click.Group) -> None:
    """Run the click group, turning newsfuse errors into one line on stderr and an exit code."""
    try:
        group.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except InputError as exc:
        click.echo(f"newsfuse: error: {exc}", err=True)
        sys.exit(EXIT_INPUT)
    except NewsfuseError as exc:
        click.echo(f"newsfuse: error: {exc}", err=True)
        sys.exit(EXIT_FAILURE)
    except KeyboardInterrupt:
        click.echo("Interrupted.", err=True)
        sys.exit(130)


def format_option(choices: list[str] = FORMATS, default: str = "text") -> Callable[[Any], Any]:
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(choices),
        default=default,
        show_default=True,
        help="Output format.",
    )


def warn(message: str) -> None:
    """One line on stderr, prefixed so it is clearly newsfuse's."""
    click.echo(f"newsfuse: {message}", err=True)
