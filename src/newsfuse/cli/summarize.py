"""``newsfuse summarize`` and ``newsfuse eval``."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from newsfuse.api import make_story, prepare_focused, summarize_prepared
from newsfuse.cli.budget import time_limit_options
from newsfuse.cli.common import (
    batch_done,
    check_output,
    engine_options,
    focus_options,
    format_option,
    load_background,
    reading_options,
    summary_options,
    warn,
)
from newsfuse.embed import default_embedder
from newsfuse.errors import InputError
from newsfuse.ingest import load_paths
from newsfuse.report import summary as render
from newsfuse.settings import DEFAULT, SUMMARY_METHODS, Settings

F = TypeVar("F", bound=Callable[..., Any])


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(allow_dash=True))
@summary_options
@focus_options
@format_option(["text", "markdown", "json"])
@click.option(
    "--input",
    "input_path",
    type=click.Path(dir_okay=False),
    help="Batch mode: a JSONL (or .parquet) file with one story per line ({id, documents}).",
)
@click.option(
    "--output",
    "output_path",
    type=click.Path(dir_okay=False, allow_dash=True),
    callback=check_output,
    help="Batch mode: where to write one JSON summary per line, or a .parquet file "
    "(default stdout).",
)
@engine_options
@reading_options
@time_limit_options(batch=True)
def summarize(
    paths: tuple[str, ...],
    words: int,
    method: str,
    all_citations: bool,
    query: str,
    background: tuple[str, ...],
    fmt: str,
    input_path: str | None,
    output_path: str | None,
    engine: str,
    workers: int | None,
    address: str | None,
    resume: bool,
    strict: bool,
    encoding: str,
    verbose: bool,
) -> None:
    """Summarize the articles in PATHS (files, directories, or - for stdin) as one story.

    Every summary sentence is copied verbatim from an article and cites, as [1][2], every source
    that says the same thing. With --query the summary answers that question; with --background
    it says only what PATHS add to the articles already read. In batch mode a line's "query"
    (or DUC "topic") and "background" do the same.
    """
    settings = DEFAULT.with_(
        words=words,
        method=method,
        strict=strict,
        verbose=verbose,
        encoding=encoding,
        citation_screen=0 if all_citations else DEFAULT.citation_screen,
    )
    if input_path:
        if paths:
            raise click.UsageError("give either PATHS or --input, not both")
        if query or background:
            raise click.UsageError(
                "--query and --background apply to PATHS; in batch mode give each line a "
                '"query" or "background"'
            )
        _batch(
            Path(input_path),
            output_path,
            settings,
            engine=engine,
            workers=workers,
            address=address,
            resume=resume,
        )
        return
    if not paths:
        raise click.UsageError("give at least one file or directory (or - for stdin)")
    loaded = load_paths(paths, settings)
    for err in loaded.errors:
        warn(f"skipped {err}")
    if verbose:
        for aid, removed in loaded.removed.items():
            for line in removed:
                warn(f"{aid}: removed {line!r}")
    if not loaded.articles:
        raise InputError("no readable articles in " + ", ".join(paths))
    story = make_story(loaded.articles)
    read = load_background(background, settings)
    prepared = prepare_focused(story, default_embedder(), query, read)
    summary = summarize_prepared(prepared, settings)
    out = {"text": render.to_text, "markdown": render.to_markdown, "json": render.to_json}[fmt]
    click.echo(out(story, summary), nl=fmt == "json")


def _batch(input_path: Path, output_path: str | None, settings: Settings, **engine: Any) -> None:
    from newsfuse.engine import run_batch

    report = run_batch("summarize", input_path, output_path, settings, warn, **engine)
    batch_done("summarized", report.done, report.failed, input_path, report.resumed)


@click.command("eval")
@click.argument("dataset", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--words",
    type=click.IntRange(min=1),
    required=True,
    help="Word budget every method's output is cut to (100 for DUC, 250 Multi-News).",
)
@click.option(
    "--methods",
    default=",".join(SUMMARY_METHODS),
    show_default=True,
    help="Comma-separated methods to score side by side.",
)
@click.option("--limit", type=click.IntRange(min=1), help="Only the first N clusters.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def eval_(dataset: str, words: int, methods: str, limit: int | None, as_json: bool) -> None:
    """Score methods with ROUGE-1/2/Lsum F1 (rouge-score, stemmed) on a JSONL data set with human
    summaries, all methods side by side in one run."""
    from newsfuse.eval.run import evaluate, format_table

    names = [m.strip() for m in methods.split(",") if m.strip()]
    unknown = [m for m in names if m not in SUMMARY_METHODS]
    if unknown:
        raise click.BadParameter(
            f"unknown method(s) {', '.join(unknown)}; choose from {', '.join(SUMMARY_METHODS)}",
            param_hint="--methods",
        )
    result = evaluate(Path(dataset), names, words, limit=limit, progress=True)
    click.echo(json.dumps(result.to_dict(), indent=2) if as_json else format_table(result))


COMMANDS: list[click.Command] = [summarize, eval_]
