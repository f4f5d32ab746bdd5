"""Pieces every command shares: error handling, output formats, progress, reading articles."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from newsfuse.errors import InputError, NewsfuseError
from newsfuse.settings import DEFAULT

F = TypeVar("F", bound=Callable[..., Any])

EXIT_INPUT = 2
EXIT_FAILURE = 1

FORMATS = ["text", "markdown", "html", "json"]


class LibraryError(click.ClickException):
    """A newsfuse error shown as one line: ``newsfuse: error: <message>``."""

    exit_code = EXIT_FAILURE

    def show(self, file: Any = None) -> None:
        click.echo(f"newsfuse: error: {self.format_message()}", err=True)


class LibraryInputError(LibraryError):
    """Bad input: exit code 2, like click's own usage errors."""

    exit_code = EXIT_INPUT


class NewsfuseGroup(click.Group):
    """A click group that turns library errors into a message and an exit code, so the real
    command and ``CliRunner`` in tests behave the same."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except NewsfuseError as exc:
            code = LibraryInputError if isinstance(exc, InputError) else LibraryError
            raise code(str(exc)) from exc


def run_cli(group: click.Group) -> None:
    """Run the command line; Ctrl-C exits 130 with one line instead of a traceback."""
    try:
        group.main()
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


def summary_options(f: F) -> F:
    """``--words``, ``--method`` and ``--all-citations``, for every command that writes a
    summary."""
    from newsfuse.summarize import SUMMARIZERS

    f = click.option(
        "--all-citations",
        is_flag=True,
        help="Check every sentence of every source for support, not only the likeliest "
        "(slower; README, Measured: Citations).",
    )(f)
    f = click.option(
        "--method",
        type=click.Choice(list(SUMMARIZERS)),
        default=DEFAULT.method,
        show_default=True,
        help="Summarization method.",
    )(f)
    return click.option(
        "--words",
        type=click.IntRange(min=1),
        default=DEFAULT.words,
        show_default=True,
        help="Word budget; the summary never exceeds it.",
    )(f)


def reading_options(f: F) -> F:
    """``--strict``, ``--encoding`` and ``-v``, for every command that reads articles."""
    f = click.option(
        "-v", "--verbose", is_flag=True, help="List the boilerplate that cleaning removed."
    )(f)
    f = click.option(
        "--encoding",
        default="utf-8",
        show_default=True,
        help="Text encoding of input files (e.g. latin-1, cp1252).",
    )(f)
    return click.option(
        "--strict", is_flag=True, help="Fail on the first unreadable article or line."
    )(f)


def engine_options(f: F) -> F:
    """``--engine``, ``--workers``, ``--address`` and ``--resume``, for the batch commands."""
    from newsfuse.engine import ENGINES

    f = click.option(
        "--resume",
        is_flag=True,
        help="Skip the ids already in --output (a torn last line is cut off) and append.",
    )(f)
    f = click.option(
        "--address",
        help="Ray cluster to join (auto, or ray://host:port); default: start one here.",
    )(f)
    f = click.option(
        "--workers",
        type=click.IntRange(min=1),
        help="Ray workers (actors); default: every CPU Ray sees.",
    )(f)
    return click.option(
        "--engine",
        type=click.Choice(ENGINES),
        default="local",
        show_default=True,
        help="Run in this process, or on Ray (pip install 'newsfuse[ray]').",
    )(f)


def warn(message: str) -> None:
    """One line on stderr, prefixed so it is clearly newsfuse's."""
    click.echo(f"newsfuse: {message}", err=True)
