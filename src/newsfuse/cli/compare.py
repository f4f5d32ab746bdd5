"""``newsfuse brief`` (the whole briefing of one story) and ``newsfuse compare`` (batch)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import click

from newsfuse.api import make_story
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
from newsfuse.compare.brief.build import build_brief, check_settings
from newsfuse.errors import InputError, NotFoundError
from newsfuse.ingest import load_paths
from newsfuse.models import Brief, Story
from newsfuse.report import brief_html, brief_json, brief_markdown, brief_text
from newsfuse.settings import DEFAULT, Settings

RENDERERS: dict[str, Callable[[Brief, bool], str]] = {
    "text": brief_text.to_text,
    "markdown": brief_markdown.to_markdown,
    # HTML and JSON always keep everything.
    "html": lambda brief, full: brief_html.to_html(brief),
    "json": lambda brief, full: brief_json.to_json(brief),
}


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(allow_dash=True))
@summary_options
@focus_options
@format_option()
@click.option(
    "--output",
    "output_path",
    type=click.Path(dir_okay=False, allow_dash=True),
    callback=check_output,
    default="-",
    help="Write the briefing to this file (default stdout).",
)
@click.option(
    "--full",
    is_flag=True,
    help="Text and Markdown: every fact, quote, entity and date, not the short briefing.",
)
@click.option("--story", "story_id", help="Brief a story from the article store instead of files.")
@click.option(
    "--since",
    metavar="WHEN",
    help="With --story: what is new since then (2016-02-11, 2016-02-11T09:30, 2d, 12h); the "
    "story's articles from before it count as already read.",
)
@click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="NEWSFUSE_DB",
    help="Article store (SQLite file) that --story reads; or set NEWSFUSE_DB.",
)
@reading_options
@time_limit_options()
def brief(
    paths: tuple[str, ...],
    words: int,
    method: str,
    all_citations: bool,
    query: str,
    background: tuple[str, ...],
    fmt: str,
    output_path: str,
    full: bool,
    story_id: str | None,
    since: str | None,
    db: Path | None,
    strict: bool,
    encoding: str,
    verbose: bool,
) -> None:
    """Brief the articles in PATHS (files, directories, or - for stdin) as one story.

    The briefing has a cited summary, the facts several sources share, where they disagree,
    the facts only one source reports, quotes with their speakers, the people, organizations
    and places named, and a timeline. Every line cites its sources as [1][2].
    """
    settings = DEFAULT.with_(
        words=words,
        method=method,
        strict=strict,
        verbose=verbose,
        encoding=encoding,
        citation_screen=0 if all_citations else DEFAULT.citation_screen,
    )
    check_settings(settings)
    read = load_background(background, settings)
    if since is not None and story_id is None:
        raise click.UsageError("--since needs --story (a stored story to compare against)")
    if story_id is not None:
        if paths:
            raise click.UsageError("give either PATHS or --story, not both")
        story, before = _stored_story(db, story_id, since)
        if since is not None and len(before) == len(story.articles):
            click.echo(f"Nothing new in story {story_id} since {since}.")
            return
        read += [a for a in story.articles if a.id in before]
        story = replace(story, articles=tuple(a for a in story.articles if a.id not in before))
    elif not paths:
        raise click.UsageError("give at least one file or directory (or - for stdin), or --story")
    else:
        story = _story_from_files(paths, settings)
    rendered = RENDERERS[fmt](build_brief(story, settings, query=query, background=read), full)
    if output_path == "-":
        click.echo(rendered, nl=not rendered.endswith("\n"))
        return
    Path(output_path).write_text(rendered, encoding="utf-8")
    warn(f"wrote {output_path}")


def _story_from_files(paths: tuple[str, ...], settings: Settings) -> Story:
    loaded = load_paths(paths, settings)
    for err in loaded.errors:
        warn(f"skipped {err}")
    if settings.verbose:
        for aid, removed in loaded.removed.items():
            for line in removed:
                warn(f"{aid}: removed {line!r}")
    if not loaded.articles:
        raise InputError("no readable articles in " + ", ".join(paths))
    return make_story(loaded.articles)


def _stored_story(
    db: Path | None, story_id: str, since: str | None = None
) -> tuple[Story, frozenset[str]]:
    """The stored story, and the ids of its articles from before ``since`` (none without)."""
    from newsfuse.cli.stories import parse_when
    from newsfuse.store import default_db_path, open_store

    db = db or default_db_path()
    if not db.exists():
        raise NotFoundError(
            f"{db}: no such article store; check --db (or NEWSFUSE_DB), or create it with "
            "`newsfuse ingest`"
        )
    store = open_store(db, readonly=True)
    try:
        story: Story = store.get_story(story_id)
        before = store.read_before(story_id, parse_when(since, "--since")) if since else frozenset()
    finally:
        close = getattr(store, "close", None)
        if close is not None:
            close()
    return story, before


@click.command("compare")
@click.option(
    "--input",
    "input_path",
    required=True,
    type=click.Path(dir_okay=False),
    help="JSONL (or .parquet) file, one story per line: {id, documents: [text or {text, id, "
    "...}]}.",
)
@click.option(
    "--output",
    "output_path",
    type=click.Path(dir_okay=False, allow_dash=True),
    callback=check_output,
    default="-",
    help="Where to write one JSON object per line, or a .parquet file (default stdout).",
)
@engine_options
@click.option("--strict", is_flag=True, help="Fail on the first malformed line or story.")
@time_limit_options(batch=True)
def compare(
    input_path: str,
    output_path: str,
    engine: str,
    workers: int | None,
    address: str | None,
    resume: bool,
    strict: bool,
) -> None:
    """Conflicts, claims and quotes of every story in a JSONL file, one output line per story.

    Each output line is {"id", "conflicts": [{"doc_a", "sent_a", "doc_b", "sent_b", "kind",
    "value_a", "value_b", "confidence", "reason"}], "claims": [{"coverage", "docs",
    "sentences": [{"doc", "sent", "copy"?}]}], "quotes": [...]}; documents are named by their
    "id" (d0, d1, ... by position when they have none) and sentences by their exact text; a
    sentence of a syndicated copy of a listed source is marked "copy": true.
    """

    settings = DEFAULT.with_(strict=strict)
    path = Path(input_path)
    if not path.is_file():
        raise NotFoundError(f"{path}: no such file; check the path passed to --input")
    from newsfuse.engine import run_batch

    report = run_batch(
        "compare",
        path,
        output_path,
        settings,
        warn,
        engine=engine,
        workers=workers,
        address=address,
        resume=resume,
    )
    batch_done("compared", report.done, report.failed, path, report.resumed)


COMMANDS: list[click.Command] = [brief, compare]
