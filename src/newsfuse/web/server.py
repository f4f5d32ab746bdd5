"""Run the app under uvicorn: in the foreground (``newsfuse serve``), or in a background thread
(browser tests, the load benchmark).

uvicorn's graceful shutdown waits for every request in flight, and a brief's worker thread
cannot be interrupted, so on SIGINT/SIGTERM (or leaving ``running_server``) the briefs being
built are cancelled first (``Runtime.cancel_all``): each stops at its next checkpoint, answers
503, and the server exits within a second or so instead of after the longest brief.

For ``running_server`` the socket is bound here, on a loopback address and a free port the OS
picks, before uvicorn starts, so the caller knows the URL without racing for a port.
"""

from __future__ import annotations

import contextlib
import socket
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

import uvicorn
from fastapi import FastAPI

__all__ = ["GRACE_SECONDS", "StoppingServer", "running_server", "serve"]

GRACE_SECONDS = 10
"""After a stop signal, the most seconds uvicorn waits for requests still in flight (a slow
upload, say) before it cancels them; cancelled briefs end well before that."""

STOPPING = "the server is shutting down; retry in a moment"


def stop_work(app: FastAPI) -> None:
    """Cancel every brief the app is building (see ``Runtime.cancel_all``)."""
    runtime = getattr(app.state, "runtime", None)
    if runtime is not None:
        runtime.cancel_all(STOPPING)


class StoppingServer(uvicorn.Server):
    """uvicorn's server, which also cancels the app's briefs when told to exit."""

    def __init__(self, config: uvicorn.Config, app: FastAPI) -> None:
        super().__init__(config)
        self.app = app

    def handle_exit(self, sig: int, frame: FrameType | None) -> None:
        stop_work(self.app)  # a signal handler: cancel_all only assigns attributes
        super().handle_exit(sig, frame)


def serve(app: FastAPI, host: str, port: int, log_level: str = "info") -> None:
    """Serve ``app`` on ``host:port`` until SIGINT or SIGTERM (what ``uvicorn.run`` does, with
    the briefs in flight cancelled on the signal)."""
    config = uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level=log_level,
        server_header=False,
        timeout_graceful_shutdown=GRACE_SECONDS,
    )
    server = StoppingServer(config, app)
    # Once stopped, uvicorn raises the signal again: SIGTERM then ends the process as SIGTERM
    # does, and Ctrl-C's KeyboardInterrupt is a normal stop (exit 0, as with uvicorn.run).
    with contextlib.suppress(KeyboardInterrupt):
        server.run()
    if not server.started:
        sys.exit(3)  # uvicorn's own exit code for a failed startup


@contextmanager
def running_server(app: FastAPI, startup_timeout: float = 120.0) -> Iterator[str]:
    """Serve ``app`` on ``127.0.0.1`` at a free port; yield its base URL; stop it on exit.

    ``startup_timeout`` covers the app's own startup (loading the embedding model).
    """
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(
        app,
        log_level="warning",
        lifespan="on",
        server_header=False,
        timeout_graceful_shutdown=GRACE_SECONDS,
    )
    server = StoppingServer(config, app)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + startup_timeout
        while not server.started:
            if not thread.is_alive():
                raise RuntimeError("the web server stopped during startup; see its log above")
            if time.monotonic() > deadline:
                raise RuntimeError(f"the web server did not start within {startup_timeout:.0f}s")
            time.sleep(0.02)
        yield f"http://127.0.0.1:{port}"
    finally:
        stop_work(app)
        server.should_exit = True
        thread.join(timeout=30)
        sock.close()
