"""``newsfuse serve``: the REST API and the briefing page, served by uvicorn."""

from __future__ import annotations

import ipaddress
from pathlib import Path

import click

from newsfuse.settings import DEFAULT


def is_loopback(host: str) -> bool:
    """True for ``localhost`` and loopback addresses (127.0.0.0/8, ::1)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@click.command()
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on. Only loopback unless --allow-remote.",
)
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="Port to listen on (0 picks a free one).",
)
@click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="NEWSFUSE_DB",
    help="Article store (SQLite file) for the story endpoints and the story picker; or set "
    "NEWSFUSE_DB.",
)
@click.option(
    "--words",
    type=click.IntRange(min=1),
    default=DEFAULT.words,
    show_default=True,
    help="Default summary word budget (a request may ask for another).",
)
@click.option(
    "--allow-remote",
    is_flag=True,
    help="Allow a non-loopback --host. The server has no authentication: anyone who "
    "can reach it can read the store and spend its CPU.",
)
@click.option(
    "--create",
    is_flag=True,
    help="Start with a new, empty store when the --db file does not exist (otherwise a "
    "missing file is an error, so a typo cannot serve an empty store).",
)
@click.option(
    "--log-level",
    type=click.Choice(["critical", "error", "warning", "info", "debug"]),
    default="info",
    show_default=True,
    help="uvicorn log level.",
)
def serve(
    host: str,
    port: int,
    db: Path | None,
    words: int,
    allow_remote: bool,
    create: bool,
    log_level: str,
) -> None:
    """Serve the briefing page and the REST API (schema at /api/openapi.json).

    The embedding model loads once at startup; open http://HOST:PORT/ when uvicorn says it is
    running.
    """
    if not is_loopback(host) and not allow_remote:
        raise click.BadParameter(
            f"{host} is not a loopback address; the server has no authentication, so pass "
            "--allow-remote to expose it anyway",
            param_hint="--host",
        )
    if db is not None and not db.exists():
        if not create:
            raise click.BadParameter(
                f"{db} does not exist; check the path, or pass --create to start an empty store",
                param_hint="--db",
            )
        click.echo(f"newsfuse: creating a new, empty article store at {db}", err=True)
    import uvicorn

    from newsfuse.web import create_app

    app = create_app(DEFAULT.with_(words=words), store_path=db)
    uvicorn.run(app, host=host, port=port, log_level=log_level, server_header=False)


COMMANDS: list[click.Command] = [serve]
