"""The live app the demo talks to: ``create_app`` served by uvicorn on a free local port.

The demo drives the services over real HTTP, exactly as a browser or another program
would, so the app runs in a background thread for the duration of the load. The port is
bound here before the server starts (no race for a free port), and the server is always
asked to stop, which runs the app's shutdown and closes the services' runtimes, even when
the load fails half-way.
"""

from __future__ import annotations

import secrets
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

import uvicorn

from duuni.demo.errors import DemoError

SERVICES = ["intake", "coaching", "matching"]
"""Reporting derives everything from these logs and catches up whenever it starts."""
START_SECONDS = 60.0
"""Opening three databases and starting their consumers is quick, but the machine may be busy."""
STOP_SECONDS = 30.0


class Served(NamedTuple):
    base_url: str
    operator_token: str
    """The loader waits for the consumers through the operators' health answer."""


@contextmanager
def live_app(data_dir: Path) -> Iterator[Served]:
    """The demo's services, served until the block ends."""
    from duuni.app import create_app

    operator_token = secrets.token_urlsafe(24)
    app = create_app(data_dir, SERVICES, operator_token=operator_token)
    # IPPROTO_TCP spelled out: asyncio sets TCP_NODELAY only on sockets that say they are
    # TCP, and without it every answer waits ~40 ms for a delayed ACK (Nagle).
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    listener.bind(("127.0.0.1", 0))
    port: int = listener.getsockname()[1]
    config = uvicorn.Config(
        app,
        log_config=None,
        log_level="warning",
        access_log=False,
        lifespan="on",
        timeout_graceful_shutdown=int(STOP_SECONDS),
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(
        target=server.run, kwargs={"sockets": [listener]}, name="duuni-demo", daemon=True
    )
    thread.start()
    try:
        _wait_until_started(server, thread)
        yield Served(f"http://127.0.0.1:{port}", operator_token)
    finally:
        server.should_exit = True
        thread.join(timeout=STOP_SECONDS + 10)
        listener.close()


def _wait_until_started(server: uvicorn.Server, thread: threading.Thread) -> None:
    """Until uvicorn listens; a server that dies on its way up is a ``DemoError``."""
    deadline = time.monotonic() + START_SECONDS
    while not server.started:
        if not thread.is_alive():
            raise DemoError("the services could not start (see the log above)")
        if time.monotonic() > deadline:
            raise DemoError(f"the services did not start within {START_SECONDS:.0f} s")
        time.sleep(0.05)
