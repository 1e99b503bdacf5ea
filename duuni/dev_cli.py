"""``duuni dev``: the real backing services a developer runs beside the code, without Docker."""

from __future__ import annotations

import signal
import threading
from pathlib import Path
from types import FrameType
from typing import Annotated

import typer
from rich.console import Console

from duuni.local_kafka import KafkaUnavailable, apache_kafka, ensure_jars, kafka_version

dev_app = typer.Typer(help="Local services for development and tests.", no_args_is_help=True)
out = Console(soft_wrap=True)
err = Console(stderr=True)


@dev_app.command("kafka")
def kafka(
    port: Annotated[int, typer.Option(help="Port for clients; 0 picks a free one.")] = 9092,
    data_dir: Annotated[
        Path | None,
        typer.Option("--data-dir", help="Keep the broker's data here across runs (default: none)."),
    ] = None,
    heap_mb: Annotated[int, typer.Option("--heap-mb", help="JVM heap in MiB.")] = 512,
    fetch: Annotated[
        bool, typer.Option("--fetch", help="Only fetch the broker's jars with Maven, then exit.")
    ] = False,
) -> None:
    """Run a real Apache Kafka broker (KRaft, one node) on 127.0.0.1 until Ctrl-C."""
    try:
        if fetch:
            folder = ensure_jars(lambda line: err.print(line, highlight=False))
            out.print(f"Apache Kafka {kafka_version()} jars in {folder}", highlight=False)
            return
        stopping = threading.Event()

        def stop(signum: int, frame: FrameType | None) -> None:
            stopping.set()

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        with apache_kafka(
            port=port or None, folder=data_dir, heap_mb=heap_mb,
            say=lambda line: err.print(line, highlight=False),
        ) as broker:  # fmt: skip
            out.print(
                f"Apache Kafka {broker.version} answers at {broker.bootstrap} "
                f"(started in {broker.start_seconds:.1f} s, "
                f"{broker.resident_bytes() / 2**20:,.0f} MB resident); Ctrl-C stops it.\n"
                f"export KAFKA_BOOTSTRAP_SERVERS={broker.bootstrap} "
                f"DUUNI_KAFKA_BOOTSTRAP_SERVERS={broker.bootstrap}",
                highlight=False,
            )
            while not stopping.wait(0.5):
                if broker.process.poll() is not None:
                    raise KafkaUnavailable(
                        f"the broker exited with {broker.process.returncode}; see {broker.output}"
                    )
        out.print("Apache Kafka stopped.")
    except KafkaUnavailable as error:
        err.print(f"error: {error}", highlight=False)
        raise typer.Exit(2) from error
