"""``newsfuse serve``: the REST API and the briefing page, served by uvicorn."""

from __future__ import annotations

import ipaddress
import os
import socket
from pathlib import Path

import click

from newsfuse.settings import DEFAULT

TIME_LIMIT = 60.0
"""``WebLimits.time_limit``, repeated so that ``serve --help`` need not import the web app (a
test checks they agree)."""


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
    help="Allow a non-loopback --host; needs an access token (--token-file or NEWSFUSE_TOKEN) "
    "unless --no-auth.",
)
@click.option(
    "--token-file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="File holding the access token: every /api/ request must then send "
    "'Authorization: Bearer <token>'. Or set NEWSFUSE_TOKEN.",
)
@click.option(
    "--no-auth",
    is_flag=True,
    help="Serve a non-loopback --host without a token: anyone who can reach it can read the "
    "store and spend its CPU.",
)
@click.option(
    "--create",
    is_flag=True,
    help="Start with a new, empty store when the --db file does not exist (otherwise a "
    "missing file is an error, so a typo cannot serve an empty store).",
)
@click.option(
    "--time-limit",
    type=click.FloatRange(min=0, min_open=True),
    default=TIME_LIMIT,
    show_default=True,
    envvar="NEWSFUSE_TIME_LIMIT",
    metavar="SECONDS",
    help="Longest one briefing may take, waiting for a worker included; past it the request "
    "is answered 503 and the server moves on. Or set NEWSFUSE_TIME_LIMIT.",
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
    token_file: Path | None,
    no_auth: bool,
    create: bool,
    time_limit: float,
    log_level: str,
) -> None:
    """Serve the briefing page and the REST API (schema at /api/openapi.json).

    The embedding model loads once at startup; open http://HOST:PORT/ when uvicorn says it is
    running.
    """
    if not is_loopback(host) and not allow_remote:
        raise click.BadParameter(
            f"{host} is not a loopback address; pass --allow-remote (with a token) to serve "
            "other machines",
            param_hint="--host",
        )
    token = _token(token_file)
    if not is_loopback(host) and token is None and not no_auth:
        raise click.UsageError(
            f"refusing to serve {host} without an access token: put one in a file and pass "
            "--token-file FILE (or set NEWSFUSE_TOKEN), or pass --no-auth to serve it to "
            "anyone who can reach it"
        )
    _check_port_free(host, port)
    if db is not None and not db.exists():
        if not create:
            raise click.BadParameter(
                f"{db} does not exist; check the path, or pass --create to start an empty store",
                param_hint="--db",
            )
        click.echo(f"newsfuse: creating a new, empty article store at {db}", err=True)
    from newsfuse.web import WebLimits, create_app
    from newsfuse.web.server import serve as run_server

    limits = WebLimits(time_limit=time_limit)
    app = create_app(DEFAULT.with_(words=words), limits=limits, store_path=db, token=token)
    run_server(app, host, port, log_level)


def _token(token_file: Path | None) -> str | None:
    if token_file is not None:
        try:
            token = token_file.read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError) as exc:
            raise click.BadParameter(f"cannot read it ({exc})", param_hint="--token-file") from None
        where = str(token_file)
    else:
        token = os.environ.get("NEWSFUSE_TOKEN", "").strip()
        where = "NEWSFUSE_TOKEN"
        if not token:
            return None
    if len(token) < 16:
        raise click.BadParameter(
            f"the token in {where} is {len(token)} characters; use at least 16 random ones "
            "(e.g. python -c 'import secrets; print(secrets.token_urlsafe())')",
            param_hint="--token-file",
        )
    return token


def _check_port_free(host: str, port: int) -> None:
    """Fail at once on a port in use, before the model takes seconds to load."""
    if port == 0:
        return
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        # What uvicorn sets too: a port left in TIME_WAIT by a previous run is not "in use".
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host.strip("[]"), port))
        except OSError as exc:
            raise click.BadParameter(
                f"cannot listen on {host}:{port} ({exc.strerror}); is another server running "
                "there? stop it or pass another --port",
                param_hint="--port",
            ) from None


COMMANDS: list[click.Command] = [serve]
