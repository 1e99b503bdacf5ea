"""The broker a benchmark measures: real Apache Kafka, or Tansu beside it as a peer.

``KAFKA_BOOTSTRAP_SERVERS`` names a running broker; otherwise the benchmark starts its
own. Real Kafka keeps the defaults users get (the idempotent producer on); Tansu lacks
that producer, so it runs without.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
from collections.abc import Iterator
from typing import Any, Literal

from bench.tansu import tansu_broker
from duuni.local_kafka import apache_kafka, kafka_version, why_unavailable
from shared.eventlog.kafka import GroupTimeouts
from shared.settings import KafkaSettings

BrokerKind = Literal["kafka", "tansu"]

KAFKA_GROUPS = GroupTimeouts(session_ms=6000, heartbeat_ms=1000, poll_ms=100)
"""Kafka's shortest session (``group.min.session.timeout.ms``): groups form quickly."""

TANSU_GROUPS = GroupTimeouts(session_ms=2000, heartbeat_ms=500, poll_ms=100)
"""Tansu holds a JoinGroup for half the session timeout: short ones form a group in ~1 s."""


@dataclasses.dataclass(frozen=True)
class BenchBroker:
    name: str
    bootstrap: str
    idempotence: bool
    groups: GroupTimeouts
    resident_bytes: int = 0
    """The broker process's resident memory right after it started, 0 where unknown."""
    start_seconds: float = 0.0

    def settings(self, **values: Any) -> KafkaSettings:
        return KafkaSettings(
            bootstrap_servers=self.bootstrap, enable_idempotence=self.idempotence, **values
        )


@contextlib.contextmanager
def bench_broker(kind: BrokerKind = "kafka") -> Iterator[BenchBroker]:
    """A broker of ``kind``, started for the run unless KAFKA_BOOTSTRAP_SERVERS names one."""
    configured = os.environ.get("KAFKA_BOOTSTRAP_SERVERS")
    if kind == "kafka" and configured:
        yield BenchBroker("kafka (configured)", configured, True, KAFKA_GROUPS)
    elif kind == "kafka":
        reason = why_unavailable()
        if reason:
            raise RuntimeError(f"cannot start Apache Kafka: {reason}")
        with apache_kafka() as kafka:
            yield BenchBroker(
                f"Apache Kafka {kafka_version()}", kafka.bootstrap, True, KAFKA_GROUPS,
                kafka.resident_bytes(), kafka.start_seconds,
            )  # fmt: skip
    else:
        with tansu_broker() as bootstrap:
            yield BenchBroker("Tansu", bootstrap, False, TANSU_GROUPS)
