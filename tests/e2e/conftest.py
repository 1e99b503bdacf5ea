"""A cluster of service processes on the local PostgreSQL and a proxied Tansu broker."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.cluster import Broker, Cluster, proxied_tansu


@pytest.fixture(scope="module")
def broker() -> Iterator[Broker]:
    with proxied_tansu() as running:
        yield running


@pytest.fixture
def cluster(postgres_url: str, broker: Broker, tmp_path: Path) -> Iterator[Cluster]:
    started = Cluster(tmp_path, postgres_url, broker.bootstrap)
    try:
        yield started
    finally:
        started.stop_all()
        started.drop_schemas()
