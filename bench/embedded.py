"""The one-process embedded default, as ``duuni up`` runs it, for ``duuni bench load``.

``duuni up`` in a subprocess: all four services in one process, each on its own SQLite
file in a temporary data folder, on a free port. Nothing else is set up: what a pilot
gets on first start.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx

from bench.cluster import ROOT
from duuni.local_kafka import free_port
from shared.eventlog.sql import Database, open_database


class Embedded:
    """``duuni up`` on ``folder``: every service at the same address."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.data_dir = folder / "data"
        self.port = free_port()
        self.output = folder / "up.log"
        self.process: subprocess.Popen[bytes] | None = None

    def url(self, name: str, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def open_intake(self) -> Database:
        from duuni.services import settings_for

        settings = settings_for("intake", self.data_dir)
        return open_database(settings.resolved_database_url(), schema=settings.resolved_schema())

    def server_pids(self) -> list[int]:
        return [self.process.pid] if self.process is not None else []

    def start(self, timeout: float = 120) -> None:
        # The embedded default: no service pointed at PostgreSQL or a broker.
        env = {key: value for key, value in os.environ.items() if not key.startswith("DUUNI_")}
        env["DUUNI_LOG_FORMAT"] = "json"
        with self.output.open("wb") as sink:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "duuni", "up", "--port", str(self.port),
                 "--data-dir", str(self.data_dir)],
                cwd=ROOT, env=env, stdout=sink, stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
            )  # fmt: skip
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"duuni up exited:\n{self.output.read_text()[-3000:]}")
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(self.url("intake", "/health/live"), timeout=1).status_code == 200:
                    return
            time.sleep(0.2)
        raise RuntimeError(f"duuni up did not start:\n{self.output.read_text()[-3000:]}")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(40)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)


@contextlib.contextmanager
def embedded(folder: Path) -> Iterator[Embedded]:
    running = Embedded(folder)
    try:
        running.start()
        yield running
    finally:
        running.stop()
