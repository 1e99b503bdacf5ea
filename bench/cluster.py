"""The services as separate OS processes on PostgreSQL and a Kafka-protocol broker.

Used by the end-to-end tests and by ``duuni bench load``.

What ``docker compose up`` runs, without Docker: one ``duuni serve <service>`` process
per service, each with its own PostgreSQL schema, relaying its log to the broker and
consuming the others' topics. The broker (real Apache Kafka; Tansu only where no Java
runs) is reached through a proxy that a test can cut: it advertises the proxy's port, so
that "the broker is unreachable" is real for every client.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import secrets
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import create_engine, text

from bench.tansu import tansu_broker
from bench.tcp_proxy import CuttableProxy, cuttable
from duuni.local_kafka import apache_kafka, free_port, why_unavailable
from shared.eventlog.sql import Database, open_database
from shared.web.operators import OPERATOR_TOKEN_ENV, operator_headers

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "correct horse battery staple"
SERVICES = ("intake", "coaching", "matching", "reporting")


@dataclasses.dataclass
class Broker:
    bootstrap: str
    proxy: CuttableProxy
    name: str
    """"Apache Kafka 4.1.1", or "Tansu" where no Java runs."""
    idempotence: bool
    """Whether the services keep the idempotent producer on (Tansu lacks it)."""

    @property
    def is_real_kafka(self) -> bool:
        return self.name.startswith("Apache Kafka")


@contextlib.contextmanager
def proxied_broker() -> Iterator[Broker]:
    """Real Apache Kafka (Tansu where no Java runs), advertising a cuttable proxy's port."""
    inner, outer = free_port(), free_port()
    with cuttable(outer, inner) as proxy:
        if why_unavailable() is None:
            with apache_kafka(port=inner, advertised_port=outer) as kafka:
                yield Broker(kafka.bootstrap, proxy, f"Apache Kafka {kafka.version}", True)
        else:
            with tansu_broker(port=inner, advertised_port=outer) as bootstrap:
                yield Broker(bootstrap, proxy, "Tansu", False)


@dataclasses.dataclass
class Running:
    name: str
    port: int
    process: subprocess.Popen[bytes]
    output: Path


class Cluster:
    """Start, kill and restart service processes; talk to them over HTTP."""

    def __init__(
        self, folder: Path, postgres_url: str, bootstrap: str, *, idempotence: bool = True
    ) -> None:
        self.folder = folder
        self.postgres_url = postgres_url.replace("postgresql://", "postgresql+psycopg://", 1)
        self.bootstrap = bootstrap
        self.idempotence = idempotence
        self.prefix = f"e{uuid.uuid4().hex[:8]}"
        self.ports = {name: free_port() for name in SERVICES}
        self.running: dict[str, Running] = {}
        self.starts: dict[str, int] = {}
        self.extra_schemas: set[str] = set()
        self.operator_token = secrets.token_urlsafe(24)
        """What the cluster's ``/metrics`` answer to (shared.web.operators)."""

    # -- processes -------------------------------------------------------------------

    def env(self, name: str | None = None) -> dict[str, str]:
        env = {
            **os.environ,
            "DUUNI_KAFKA_BOOTSTRAP_SERVERS": self.bootstrap,
            "DUUNI_KAFKA_TOPIC_PREFIX": self.prefix,
            "DUUNI_KAFKA_ENABLE_IDEMPOTENCE": "true" if self.idempotence else "false",
            "DUUNI_LOG_FORMAT": "json",
            OPERATOR_TOKEN_ENV: self.operator_token,
        }
        schemas = json.dumps({service: f"{self.prefix}_{service}" for service in SERVICES})
        for service in SERVICES:
            upper = service.upper()
            env[f"DUUNI_{upper}_DATABASE_URL"] = self.postgres_url
            env[f"DUUNI_{upper}_DATABASE_SCHEMA"] = f"{self.prefix}_{service}"
            env[f"DUUNI_{upper}_UPSTREAM_DATABASE_SCHEMAS"] = schemas
            env[f"DUUNI_{upper}_INTAKE_URL"] = f"http://127.0.0.1:{self.ports['intake']}"
        return env

    def start(self, name: str, *, service: str | None = None, schema: str | None = None) -> Running:
        """Start ``service`` (default: ``name``) as the process ``name``.

        A second instance (``name="reporting-replay", service="reporting"``) gets its own
        port, its own ``schema`` and its own consumer groups: a rebuild from the topics.
        """
        service = service or name
        self.starts[name] = self.starts.get(name, 0) + 1
        if name not in self.ports:
            self.ports[name] = free_port()
        env = self.env(name)
        if schema is not None:
            env[f"DUUNI_{service.upper()}_DATABASE_SCHEMA"] = schema
            env["DUUNI_KAFKA_GROUP_PREFIX"] = schema
            self.extra_schemas.add(schema)
        output = self.folder / f"{name}-{self.starts[name]}.log"
        with output.open("wb") as sink:
            process = subprocess.Popen(
                [sys.executable, "-m", "duuni", "serve", service, "--port", str(self.ports[name])],
                cwd=ROOT, env=env, stdout=sink, stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
            )  # fmt: skip
        running = Running(name, self.ports[name], process, output)
        self.running[name] = running
        self.wait_live(name)
        return running

    def wait_live(self, name: str, timeout: float = 60) -> None:
        running = self.running[name]
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if running.process.poll() is not None:
                raise RuntimeError(f"{name} exited:\n{running.output.read_text()[-3000:]}")
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(self.url(name, "/health/live"), timeout=1).status_code == 200:
                    return
            time.sleep(0.1)
        raise RuntimeError(f"{name} did not start:\n{running.output.read_text()[-3000:]}")

    def kill(self, name: str, sig: int = signal.SIGKILL) -> None:
        running = self.running.pop(name)
        running.process.send_signal(sig)
        running.process.wait(30)

    def stop_all(self) -> None:
        for name in list(self.running):
            self.kill(name, signal.SIGTERM)

    def server_pids(self) -> list[int]:
        """The service processes running now (PostgreSQL and the broker not counted)."""
        return [running.process.pid for running in self.running.values()]

    def drop_schemas(self) -> None:
        engine = create_engine(self.postgres_url)
        with engine.begin() as conn:
            schemas = {f"{self.prefix}_{service}" for service in self.ports} | self.extra_schemas
            for schema in schemas:
                conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        engine.dispose()

    # -- talking to it ---------------------------------------------------------------

    def url(self, name: str, path: str) -> str:
        return f"http://127.0.0.1:{self.ports[name]}{path}"

    def open_intake(self) -> Database:
        """Intake's schema, for what a benchmark registers straight in it."""
        return open_database(self.postgres_url, schema=f"{self.prefix}_intake")

    def duuni(self, *args: str) -> str:
        result = subprocess.run(
            [sys.executable, "-m", "duuni", *args],
            cwd=ROOT, env=self.env(), input=PASSWORD + "\n", capture_output=True, text=True,
            timeout=120,
        )  # fmt: skip
        if result.returncode != 0:
            raise RuntimeError(f"duuni {' '.join(args)}: {result.stderr}")
        return result.stdout

    def metrics(self, name: str) -> dict[str, float]:
        """``metric{labels}`` → value, from the service's /metrics."""
        found: dict[str, float] = {}
        for line in httpx.get(
            self.url(name, "/metrics"), headers=operator_headers(self.operator_token), timeout=5
        ).text.splitlines():
            if line and not line.startswith("#"):
                key, _, value = line.rpartition(" ")
                found[key] = float(value)
        return found

    def wait_until(self, what: str, check: Any, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with contextlib.suppress(httpx.HTTPError):
                if check():
                    return
            time.sleep(0.2)
        raise AssertionError(f"timed out waiting for {what}")


class Coach:
    """A signed-in HTTP session against one service's port (cookies carried across)."""

    def __init__(self, cluster: Cluster, username: str) -> None:
        self.cluster = cluster
        self.http = httpx.Client(timeout=30)
        answer = self.http.post(
            cluster.url("intake", "/api/intake/session"),
            json={"username": username, "password": PASSWORD},
        )
        answer.raise_for_status()
        self.csrf = answer.json()["csrf_token"]
        self.user_id = answer.json()["user_id"]

    def post(self, service: str, path: str, body: dict[str, Any]) -> httpx.Response:
        return self.http.post(
            self.cluster.url(service, path), json=body, headers={"X-CSRF-Token": self.csrf}
        )

    def get(self, service: str, path: str, **params: Any) -> httpx.Response:
        return self.http.get(self.cluster.url(service, path), params=params)
