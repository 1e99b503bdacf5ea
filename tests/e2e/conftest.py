"""A cluster of service processes on the local PostgreSQL and a proxied Apache Kafka."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.cluster import Broker, Cluster, proxied_broker
from duuni.local_kafka import why_unavailable
from tests.kafka_broker import no_real_kafka


@pytest.fixture(scope="module")
def broker() -> Iterator[Broker]:
    reason = why_unavailable()
    if reason:
        no_real_kafka(reason)
    with proxied_broker() as running:
        yield running


@pytest.fixture
def cluster(postgres_url: str, broker: Broker, tmp_path: Path) -> Iterator[Cluster]:
    started = Cluster(tmp_path, postgres_url, broker.bootstrap, idempotence=broker.idempotence)
    try:
        yield started
    finally:
        started.stop_all()
        started.drop_schemas()
