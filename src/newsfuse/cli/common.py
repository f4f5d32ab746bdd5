"""Pieces every command shares: error handling, output formats, progress, reading articles."""

from __future__ import annotations

import errno
import os
import sqlite3
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from newsfuse.errors import InputError, NewsfuseError, StoppedError
from newsfuse.settings import DEFAULT, ENGINES, SUMMARY_METHODS, Settings

if TYPE_CHECKING:
    from newsfuse.models import Article

F = TypeVar("F", bound=Callable[..., Any])

EXIT_INPUT = 2
EXIT_FAILURE = 1
EXIT_TIME_LIMIT = 124
"""Stopped by ``--time-limit``: what ``timeout(1)`` exits with."""

FORMATS = ["text", "markdown", "html", "json"]


class LibraryError(click.ClickException):
    """A newsfuse error shown as one line: ``newsfuse: error: <message>``."""

    exit_code = EXIT_FAILURE

    def show(self, file: Any = None) -> None:
        click.echo(f"newsfuse: error: {self.format_message()}", err=True)


class LibraryInputError(LibraryError):
    """Bad input: exit code 2, like click's own usage errors."""

    exit_code = EXIT_INPUT


class LibraryStoppedError(LibraryError):
    """Work stopped by its time limit: exit code 124."""

    exit_code = EXIT_TIME_LIMIT


class NewsfuseGroup(click.Group):
    """A click group that turns library errors into a message and an exit code, so the real
    command and ``CliRunner`` in tests behave the same."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except NewsfuseError as exc:
            code = LibraryInputError if isinstance(exc, InputError) else LibraryError
            if isinstance(exc, StoppedError):
                code = LibraryStoppedError
            raise code(str(exc)) from exc
        except OSError as exc:
            if exc.errno not in _DISK_ERRORS:
                raise
            raise LibraryError(
                f"cannot write {exc.filename or 'the output'} ({exc.strerror}); free some "
                "space or write somewhere else"
            ) from exc
        except sqlite3.OperationalError as exc:
            if "full" not in str(exc):
                raise
            raise LibraryError(
                f"the article store cannot grow ({exc}); free some disk space and run the "
                "same command again (what was committed is kept)"
            ) from exc


_DISK_ERRORS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS, errno.EIO}


def run_cli(group: click.Group) -> None:
    """Run the command line; Ctrl-C exits 130 with one line instead of a traceback."""
    try:
        group.main()
    except KeyboardInterrupt:
        click.echo("Interrupted.", err=True)
        sys.exit(130)


def check_output(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """Click callback for ``--output``: refuse a file that cannot be written before any work
    is done (a briefing can take seconds, a batch hours)."""
    if value is None or value == "-":
        return value
    path = Path(value)
    folder = path.parent
    if path.is_dir():
        raise click.BadParameter(f"{value} is a directory; give a file name", param=param)
    if not folder.is_dir():
        raise click.BadParameter(
            f"the folder {folder} does not exist; create it or write somewhere else", param=param
        )
    writable = os.access(path, os.W_OK) if path.exists() else os.access(folder, os.W_OK)
    if not writable:
        raise click.BadParameter(
            f"{value} cannot be written (permission denied); write somewhere else", param=param
        )
    return value


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
    f = click.option(
        "--all-citations",
        is_flag=True,
        help="Check every sentence of every source for support, not only the likeliest "
        "(slower; README, Measured: Citations).",
    )(f)
    f = click.option(
        "--method",
        type=click.Choice(list(SUMMARY_METHODS)),
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


def focus_options(f: F) -> F:
    """``--query`` and ``--background``, for every command that writes a summary of files."""
    f = click.option(
        "--background",
        "background",
        multiple=True,
        type=click.Path(allow_dash=False),
        metavar="PATH",
        help="Articles already read (files or directories; repeat for several): the summary "
        "covers only what the other articles add, and changed figures are listed as updates.",
    )(f)
    return click.option(
        "--query",
        default="",
        metavar="TEXT",
        help="Focus the summary on this question (e.g. 'How did Russia respond?').",
    )(f)


def load_background(paths: Sequence[str], settings: Settings) -> list[Article]:
    """The articles of ``--background`` (none when not given); unreadable ones are skipped
    with a warning, and none readable at all is an error naming the paths."""
    if not paths:
        return []
    from newsfuse.ingest import load_paths

    loaded = load_paths(paths, settings)
    for err in loaded.errors:
        warn(f"skipped background {err}")
    if not loaded.articles:
        raise InputError(
            "no readable articles in --background " + ", ".join(paths) + "; check the paths"
        )
    return loaded.articles


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
    f = click.option(
        "--resume",
        is_flag=True,
        help="Skip the ids already in --output (a torn last line is cut off) and append.",
    )(f)
    return cluster_options(f)


def cluster_options(f: F) -> F:
    """``--engine``, ``--workers`` and ``--address``: where the work runs."""
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
        type=click.Choice(list(ENGINES)),
        default="local",
        show_default=True,
        help="Run in this process, or on Ray (pip install 'newsfuse[ray]').",
    )(f)


def warn(message: str) -> None:
    """One line on stderr, prefixed so it is clearly newsfuse's."""
    click.echo(f"newsfuse: {message}", err=True)


def batch_done(verb: str, done: int, skipped: int, source: Path, resumed: int = 0) -> None:
    """The closing line of a batch command; nothing done at all (and nothing done before, for
    ``--resume``) is exit 2, like a command given no readable input."""
    warn(
        f"{verb} {done} stories"
        + (f", skipped {skipped}" if skipped else "")
        + (f", {resumed} already done" if resumed else "")
    )
    if not done and not resumed:
        raise InputError(f"{source}: no story could be read; see the lines reported above")
