"""``newsfuse ingest``, ``stories``, ``recluster``, ``cluster`` and ``eval-clusters``."""

from __future__ import annotations

import datetime as dt
import json
import re
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any

import click
from tqdm import tqdm

from newsfuse.cli.common import check_output, cluster_options, format_option, warn
from newsfuse.errors import ArticleError, InputError
from newsfuse.models import Article
from newsfuse.settings import DEFAULT

_DB_HELP = "Article store (SQLite file); default $NEWSFUSE_DB, else ./newsfuse.db."


def db_option(f: Any) -> Any:
    return click.option(
        "--db",
        type=click.Path(dir_okay=False, path_type=Path),
        envvar="NEWSFUSE_DB",
        help=_DB_HELP,
    )(f)


def _online_only_option(f: Any) -> Any:
    return click.option(
        "--online-only",
        is_flag=True,
        help="Skip the refinement rounds: exactly what `newsfuse ingest` does.",
    )(f)


def db_path(db: Path | None) -> Path:
    from newsfuse.store import default_db_path

    return db if db is not None else default_db_path()


_RELATIVE = re.compile(r"^(\d+)\s*([hdw])$")


def parse_when(value: str, option: str) -> dt.datetime:
    """``2016-02-11``, ``2016-02-11T09:30``, or a time ago: ``12h``, ``3d``, ``2w`` (UTC)."""
    m = _RELATIVE.match(value.strip().lower())
    if m:
        n, unit = int(m.group(1)), m.group(2)
        try:
            delta = {"h": dt.timedelta(hours=n), "w": dt.timedelta(weeks=n)}.get(unit)
            return dt.datetime.now(dt.UTC) - (delta or dt.timedelta(days=n))
        except OverflowError:
            raise click.BadParameter(
                f"{value!r} reaches back before the year 1; give a smaller number or a date",
                param_hint=option,
            ) from None
    try:
        when = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise click.BadParameter(
            f"{value!r} is not a date; write 2016-02-11, 2016-02-11T09:30 or 3d (days ago)",
            param_hint=option,
        ) from None
    return when if when.tzinfo else when.replace(tzinfo=dt.UTC)


# --- ingest ----------------------------------------------------------------------------------


@click.command()
@click.argument("sources", nargs=-1, required=True)
@db_option
@click.option("--strict", is_flag=True, help="Stop at the first unreadable article or feed.")
@click.option(
    "--allow-private",
    is_flag=True,
    help="Allow URLs on loopback and private networks (off: they are refused).",
)
@click.option(
    "--encoding", default="utf-8", show_default=True, help="Text encoding of input files."
)
@cluster_options
def ingest(
    sources: tuple[str, ...],
    db: Path | None,
    strict: bool,
    allow_private: bool,
    encoding: str,
    engine: str,
    workers: int | None,
    address: str | None,
) -> None:
    """Add the articles in SOURCES to the store and group them into stories.

    SOURCES are files, directories, - (stdin), RSS/Atom feeds (files or URLs) and article URLs;
    everything `newsfuse summarize` reads. Each article is committed on its own, so Ctrl-C or a
    crash keeps what was stored; run the same command again to continue (stored articles are
    recognized and skipped). Unreadable items are reported and skipped unless --strict.
    With --engine ray, splitting and embedding run on Ray workers; stories are still assigned
    here, one article at a time in input order, so they are the same as with --engine local.
    """
    from newsfuse.store import open_store
    from newsfuse.store.ingest import IngestReport, Preparer
    from newsfuse.store.ingest import ingest as run

    prepare: Preparer | None = None
    if engine == "ray":
        from newsfuse.engine.articles import prepare_on_ray
        from newsfuse.engine.ray import ray_module

        ray_module()  # without Ray, say how to install it before touching the store
    settings = DEFAULT.with_(strict=strict, encoding=encoding)
    path = db_path(db)
    report = IngestReport()
    with open_store(path) as store, first_ctrl_c_stops() as stop:
        if engine == "ray":
            prepare = partial(prepare_on_ray, params=store.params, workers=workers, address=address)
        before = store.counts()["articles"]
        bar = tqdm(desc="ingest", unit="article", file=sys.stderr, disable=None)

        def on_item(item: Article | ArticleError, result: Any) -> None:
            if isinstance(item, ArticleError):
                bar.write(f"newsfuse: skipped {item}", file=sys.stderr)
            bar.update(1)
            bar.set_postfix(
                added=report.added,
                duplicates=report.duplicates,
                errors=len(report.errors),
                refresh=False,
            )

        try:
            with bar:
                run(
                    store,
                    sources,
                    settings,
                    report=report,
                    on_item=on_item,
                    stop=stop,
                    allow_private=allow_private,
                    prepare=prepare,
                )
        except KeyboardInterrupt:
            report.stopped = True
        counts = store.counts()
    if report.stopped:
        # Counted from the database: the truth even if the interruption hit between a commit
        # and the report's counters.
        warn(
            f"interrupted: {counts['articles'] - before} articles were committed to {path} "
            "before it; run the same command again to continue"
        )
        sys.exit(130)
    warn(
        f"added {report.added} articles ({report.new_stories} new stories), skipped "
        f"{report.duplicates} duplicates and {len(report.errors)} unreadable items; {path} "
        f"holds {counts['articles']} articles in {counts['stories']} stories "
        f"({counts['open_stories']} open)"
    )
    if not report.added and not report.duplicates:
        raise InputError(f"nothing could be added from {', '.join(sources)}; see the lines above")


@contextmanager
def first_ctrl_c_stops(
    signals: tuple[signal.Signals, ...] = (signal.SIGINT,),
) -> Iterator[Callable[[], bool]]:
    """The first Ctrl-C (or other of ``signals``) lets the article in flight commit, then
    stops; a second one interrupts at once (its transaction rolls back)."""
    hits: list[int] = []

    def handler(signum: int, frame: object) -> None:
        hits.append(signum)
        if len(hits) > 1:
            raise KeyboardInterrupt

    try:
        previous = [(s, signal.signal(s, handler)) for s in signals]
    except ValueError:  # not the main thread (e.g. embedded): plain KeyboardInterrupt
        yield lambda: False
        return
    try:
        yield lambda: bool(hits)
    finally:
        for s, before in previous:
            signal.signal(s, before)


# --- stories ---------------------------------------------------------------------------------


@click.command("stories")
@db_option
@click.option("--since", help="Only stories with an article since then: 2016-02-11, 3d, 12h.")
@click.option("--limit", type=click.IntRange(min=1), help="At most this many (newest first).")
@format_option(["text", "markdown", "json"])
def stories_(db: Path | None, since: str | None, limit: int | None, fmt: str) -> None:
    """List the stored stories, newest first: id, size, sources, time span and title."""
    from newsfuse.store import open_store

    when = parse_when(since, "--since") if since else None
    with open_store(db_path(db), readonly=True) as store:
        infos = store.list_stories(when, limit=limit)
    if fmt == "json":
        click.echo(json.dumps([i.to_dict() for i in infos], ensure_ascii=False, indent=2))
        return
    if not infos:
        click.echo(
            "No stories"
            + (" since then." if since else " yet; add articles with `newsfuse ingest`.")
        )
        return
    if fmt == "markdown":
        click.echo("| id | articles | sources | published | title |\n|---|---|---|---|---|")
        for i in infos:
            title = i.title.replace("|", "\\|")
            click.echo(f"| {i.id} | {i.size} | {', '.join(i.sources)} | {_span(i)} | {title} |")
        return
    for i in infos:
        state = "" if i.is_open else " (closed)"
        click.echo(f"{i.id:>7}  {i.size:>3} articles  {_span(i):<23}  {i.title}{state}")
        if i.sources:
            click.echo(f"{'':>7}  sources: {', '.join(i.sources)}")


def _span(info: Any) -> str:
    first, last = info.first_published, info.last_published
    if first is None or last is None:
        return "undated"
    a, b = first.date().isoformat(), last.date().isoformat()
    return a if a == b else f"{a} .. {b}"


# --- recluster -------------------------------------------------------------------------------


@click.command()
@db_option
@click.option("--since", help="Start of the window (published on or after): 2016-02-11 or 3d.")
@click.option("--until", help="End of the window (published before).")
def recluster(db: Path | None, since: str | None, until: str | None) -> None:
    """Detect the stories of a time window again, in publication order.

    Every story with an article in the window is dissolved and its articles regrouped with the
    store's current term statistics, then refined as a batch (each article may move to the story
    that suits it best once all are known); stories outside the window are untouched.
    """
    from newsfuse.store import open_store
    from newsfuse.store.recluster import recluster as run

    lo = parse_when(since, "--since") if since else None
    hi = parse_when(until, "--until") if until else None
    with open_store(db_path(db), create=False) as store:
        report = run(store, lo, hi)
    warn(
        f"re-clustered {report.articles} articles: {report.stories_before} stories became "
        f"{report.stories_after}"
    )


# --- cluster / eval-clusters -----------------------------------------------------------------


@click.command()
@click.option(
    "--input",
    "input_path",
    required=True,
    type=click.Path(dir_okay=False),
    help='JSONL, one article per line: {"article_id", "text", "title"?, "date"?}.',
)
@click.option(
    "--output",
    "output_path",
    default="-",
    type=click.Path(dir_okay=False, allow_dash=True),
    callback=check_output,
    help='Where to write {"article_id", "story_id"} lines (default stdout).',
)
@_online_only_option
def cluster(input_path: str, output_path: str, online_only: bool) -> None:
    """Group the articles of a JSONL file into stories, without a store.

    One online pass in file order (as `newsfuse ingest` does), then two rounds in which each
    article may move to the story whose final centroid suits it best.
    """
    from newsfuse.stories.batch import write_assignments

    assignments = _cluster_file(input_path, online_only)
    write_assignments(assignments, output_path)
    warn(f"{len(assignments)} articles in {len(set(assignments.values()))} stories")


def _cluster_file(path: str, online_only: bool) -> dict[str, str]:
    from newsfuse.embed import default_embedder
    from newsfuse.stories.batch import cluster_articles, read_labeled

    duplicates: list[str] = []
    articles = [item.article for item in read_labeled(path, duplicates=duplicates)]
    if duplicates:
        more = f" and {len(duplicates) - 5} more" if len(duplicates) > 5 else ""
        warn(
            f"{path}: {len(duplicates)} repeated article_id lines ignored (the first line of "
            f"each id is used): {', '.join(duplicates[:5])}{more}"
        )
    if not articles:
        raise InputError(f"{path}: no articles; each line needs an article_id and a text")
    rounds = 0 if online_only else 2
    return cluster_articles(articles, default_embedder(), refine_rounds=rounds, progress=True)


@click.command("eval-clusters")
@click.argument("path", type=click.Path(dir_okay=False))
@click.option(
    "--pred",
    "pred_path",
    type=click.Path(dir_okay=False),
    help="Predicted assignments (`newsfuse cluster` output) to score.",
)
@_online_only_option
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def eval_clusters(path: str, pred_path: str | None, online_only: bool, as_json: bool) -> None:
    """Score story assignments against the gold `cluster_id` of each line of PATH.

    Predictions come from --pred, else from a `story_id` on every line of PATH; when there are
    neither, the articles are clustered first (as `newsfuse cluster` would) and then scored.
    Prints B-cubed precision/recall/F1 and pairwise precision/recall/F1.
    """
    from newsfuse.eval.clusters import score_clusters
    from newsfuse.stories.batch import read_assignments, read_labeled

    items = list(read_labeled(path))
    gold = {i.article.id: i.gold for i in items if i.gold is not None}
    if not gold:
        raise InputError(f"{path}: no line has a cluster_id to score against")
    if pred_path:
        pred = read_assignments(pred_path)
        source = pred_path
    elif all(i.predicted is not None for i in items):
        pred = {i.article.id: str(i.predicted) for i in items}
        source = f"story_id in {path}"
    else:
        pred = _cluster_file(path, online_only)
        source = "newsfuse cluster" + (" --online-only" if online_only else "")
    pred = {k: v for k, v in pred.items() if k in gold}
    scores = score_clusters(gold, pred)
    if as_json:
        click.echo(json.dumps({"predictions": source, **scores.to_dict()}, indent=2))
        return
    click.echo(
        f"{path}: {scores.items} articles, {scores.gold_clusters} gold stories, "
        f"{scores.predicted_clusters} predicted ({source})"
    )
    click.echo(f"{'':10}{'precision':>10}{'recall':>10}{'F1':>10}")
    for name, prf in (("B-cubed", scores.bcubed), ("pairwise", scores.pairwise)):
        click.echo(f"{name:10}{prf.precision:>10.3f}{prf.recall:>10.3f}{prf.f1:>10.3f}")


COMMANDS: list[click.Command] = [ingest, stories_, recluster, cluster, eval_clusters]
