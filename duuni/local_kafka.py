"""A real Apache Kafka broker on loopback, for tests, benchmarks and local use, without Docker.

Production runs Apache Kafka, so the tests do too: the broker's jars come from Maven
Central through ``deploy/kafka-local/pom.xml``, fetched once into a cache folder outside
the work tree, and one JVM runs a combined broker and controller in KRaft mode on free
loopback ports. The settings are Kafka's defaults except what a single node needs
(replication factor 1 for the internal topics) and what a test wants (no delay before
the first rebalance); the idempotent producer and transactions are on, as users get them.

Clients connect on the ``EXTERNAL`` listener, which may advertise another port: a test
puts a cuttable proxy there, so that "the broker is unreachable" is real for every
client. The broker's own traffic between its parts uses listeners that are never cut.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import dataclasses
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
POM = ROOT / "deploy" / "kafka-local" / "pom.xml"
STARTUP_SECONDS = 60.0
STOP_SECONDS = 30.0
DEFAULT_HEAP_MB = 512


class KafkaUnavailable(RuntimeError):
    """No real broker can be started here: no Java, or no jars and no Maven to fetch them."""


def kafka_version() -> str:
    """The broker version the Maven project pins: one place to upgrade it."""
    found = re.search(r"<kafka\.version>([^<]+)</kafka\.version>", POM.read_text())
    if not found:
        raise KafkaUnavailable(f"{POM} names no kafka.version")
    return found.group(1)


def libs_folder() -> Path:
    """``DUUNI_KAFKA_LIBS``, else ``~/.cache/duuni/kafka-<version>/libs``."""
    configured = os.environ.get("DUUNI_KAFKA_LIBS")
    if configured:
        return Path(configured)
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / "duuni" / f"kafka-{kafka_version()}" / "libs"


def _complete(folder: Path) -> bool:
    return (folder / ".complete").exists()


def why_unavailable() -> str | None:
    """None when a real broker can be started here, else the reason in one line."""
    if shutil.which("java") is None:
        return "no java on PATH (install OpenJDK 17 or newer)"
    if not _complete(libs_folder()) and shutil.which("mvn") is None:
        return f"no Kafka jars in {libs_folder()} and no mvn on PATH to fetch them"
    return None


def ensure_jars(say: Callable[[str], None] = lambda _: None) -> Path:
    """The folder of the broker's jars, fetched with Maven the first time.

    Maven copies into a fresh folder that is renamed into place, so two processes that
    fetch at once both end with a complete folder.
    """
    folder = libs_folder()
    if _complete(folder):
        return folder
    reason = why_unavailable()
    if reason:
        raise KafkaUnavailable(reason)
    say(f"fetching Apache Kafka {kafka_version()} from Maven Central into {folder}…")
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix="libs-", dir=folder.parent))
    result = subprocess.run(
        ["mvn", "-q", "-B", "-f", str(POM), "dependency:copy-dependencies",
         f"-DoutputDirectory={staging}", "-DincludeScope=runtime"],
        capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=900,
    )  # fmt: skip
    if result.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        raise KafkaUnavailable(f"mvn failed: {(result.stdout + result.stderr)[-2000:]}")
    (staging / ".complete").write_text(kafka_version())
    if folder.exists() and not _complete(folder):  # left half-copied by an earlier run
        shutil.rmtree(folder, ignore_errors=True)
    try:
        staging.rename(folder)
    except OSError:  # another process finished first
        shutil.rmtree(staging, ignore_errors=True)
    if not _complete(folder):
        raise KafkaUnavailable(f"could not put the Kafka jars in place at {folder}")
    return folder


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclasses.dataclass
class RunningKafka:
    bootstrap: str
    """Where clients connect: the advertised address."""
    process: subprocess.Popen[bytes]
    folder: Path
    version: str
    start_seconds: float
    """From launching the storage format to the broker answering a metadata request."""

    @property
    def output(self) -> Path:
        return self.folder / "broker.log"

    def resident_bytes(self) -> int:
        """The broker JVM's resident set now (Linux), 0 where unknown."""
        with contextlib.suppress(OSError, ValueError):
            for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
        return 0


def server_properties(
    data: Path, *, port: int, advertised_port: int, internal_port: int, controller_port: int
) -> str:
    """One combined broker and controller, Kafka's defaults but for a single node."""
    return "\n".join([
        "process.roles=broker,controller",
        "node.id=1",
        f"controller.quorum.voters=1@127.0.0.1:{controller_port}",
        f"listeners=EXTERNAL://127.0.0.1:{port},INTERNAL://127.0.0.1:{internal_port},"
        f"CONTROLLER://127.0.0.1:{controller_port}",
        f"advertised.listeners=EXTERNAL://127.0.0.1:{advertised_port},"
        f"INTERNAL://127.0.0.1:{internal_port}",
        "listener.security.protocol.map=EXTERNAL:PLAINTEXT,INTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT",
        "inter.broker.listener.name=INTERNAL",
        "controller.listener.names=CONTROLLER",
        f"log.dirs={data}",
        "offsets.topic.replication.factor=1",
        # One node: 5 partitions of the internal topics instead of 50 are created in a
        # moment when the first group or transaction needs them; clients see no difference.
        "offsets.topic.num.partitions=5",
        "transaction.state.log.num.partitions=5",
        "transaction.state.log.replication.factor=1",
        "transaction.state.log.min.isr=1",
        "share.coordinator.state.topic.replication.factor=1",
        "share.coordinator.state.topic.min.isr=1",
        "group.initial.rebalance.delay.ms=0",
        "auto.create.topics.enable=false",
        "log.retention.ms=-1",
        "",
    ])  # fmt: skip


LOG4J2 = """\
status = warn
appender.out.type = Console
appender.out.name = out
appender.out.layout.type = PatternLayout
appender.out.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = warn
rootLogger.appenderRef.out.ref = out
logger.server.name = kafka.server.KafkaRaftServer
logger.server.level = info
"""


def _java(libs: Path, heap_mb: int, folder: Path, *args: str) -> list[str]:
    return [
        "java", f"-Xms{heap_mb}m", f"-Xmx{heap_mb}m", "-XX:+ExitOnOutOfMemoryError",
        "-Djava.awt.headless=true", f"-Dlog4j2.configurationFile={folder / 'log4j2.properties'}",
        "-cp", f"{libs}/*", *args,
    ]  # fmt: skip


@contextlib.contextmanager
def apache_kafka(
    *,
    port: int | None = None,
    advertised_port: int | None = None,
    folder: Path | None = None,
    heap_mb: int = DEFAULT_HEAP_MB,
    say: Callable[[str], None] = lambda _: None,
) -> Iterator[RunningKafka]:
    """Start a broker on loopback and yield it once it answers; stop it cleanly after.

    ``folder`` keeps the broker's data across runs (formatted on the first); without it
    the data lives in a temporary folder that is removed afterwards.
    """
    libs = ensure_jars(say)
    with contextlib.ExitStack() as stack:
        if folder is None:
            folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="kafka-")))
        folder.mkdir(parents=True, exist_ok=True)
        port = port or free_port()
        advertised_port = advertised_port or port
        config = folder / "server.properties"
        config.write_text(
            server_properties(
                folder / "data", port=port, advertised_port=advertised_port,
                internal_port=free_port(), controller_port=free_port(),
            )
        )  # fmt: skip
        (folder / "log4j2.properties").write_text(LOG4J2)
        began = time.monotonic()
        if not (folder / "data" / "meta.properties").exists():
            _format(libs, folder, config)
        output = folder / "broker.log"
        with output.open("ab") as sink:
            process = subprocess.Popen(
                _java(libs, heap_mb, folder, "kafka.Kafka", str(config)),
                stdout=sink, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            )  # fmt: skip
        try:
            bootstrap = f"127.0.0.1:{advertised_port}"
            wait_until_ready(process, f"127.0.0.1:{port}", output, "Apache Kafka")
            yield RunningKafka(
                bootstrap, process, folder, kafka_version(), time.monotonic() - began
            )
        finally:
            stop_process(process, STOP_SECONDS)


def cluster_id() -> str:
    """A fresh KRaft cluster id: sixteen random bytes in URL-safe base64, never starting
    with '-', which the storage tool would read as an option (Kafka's own ids avoid it
    the same way)."""
    while True:
        made = base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("=")
        if not made.startswith("-"):
            return made


def _format(libs: Path, folder: Path, config: Path) -> None:
    result = subprocess.run(
        _java(libs, 256, folder, "kafka.tools.StorageTool", "format",
              f"--cluster-id={cluster_id()}", "-c", str(config)),
        capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=120,
    )  # fmt: skip
    if result.returncode != 0:
        raise KafkaUnavailable(f"formatting the storage failed: {result.stdout}{result.stderr}")


def stop_process(process: subprocess.Popen[bytes], seconds: float) -> None:
    """SIGTERM, then SIGKILL after ``seconds``: a broker shuts down cleanly in a few."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(seconds)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def wait_until_ready(
    process: subprocess.Popen[bytes], bootstrap: str, output: Path, what: str
) -> None:
    """Until the broker answers a metadata request at ``bootstrap``; raises if it died."""
    deadline = time.monotonic() + STARTUP_SECONDS
    while not asyncio.run(answers(bootstrap)):
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited with {process.returncode}: {output.read_text()}")
        if time.monotonic() > deadline:
            process.kill()
            raise RuntimeError(f"{what} did not answer within {STARTUP_SECONDS} s")
        time.sleep(0.1)


async def answers(bootstrap: str) -> bool:
    """Whether a Kafka-protocol broker at ``bootstrap`` lists its topics."""
    from aiokafka.admin import AIOKafkaAdminClient

    host, port = bootstrap.rsplit(":", 1)
    try:  # quietly first: aiokafka logs an error for every refused connection
        socket.create_connection((host, int(port)), timeout=1).close()
    except OSError:
        return False
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=2000)
    try:
        await admin.start()
        await admin.list_topics()
        return True
    except Exception:  # not listening yet, or not answering yet
        return False
    finally:
        with contextlib.suppress(Exception):
            await admin.close()
