"""Run the app under a real uvicorn in a background thread (browser tests, the load benchmark).

The socket is bound here, on a loopback address and a free port the OS picks, before uvicorn
starts, so the caller knows the URL without racing for a port.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import uvicorn
from fastapi import FastAPI

__all__ = ["running_server"]


@contextmanager
def running_server(app: FastAPI, startup_timeout: float = 120.0) -> Iterator[str]:
    """Serve ``app`` on ``127.0.0.1`` at a free port; yield its base URL; stop it on exit.

    ``startup_timeout`` covers the app's own startup (loading the embedding model).
    """
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, log_level="warning", lifespan="on", server_header=False)
    server = uvicorn.Server(config)
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
        server.should_exit = True
        thread.join(timeout=30)
        sock.close()
