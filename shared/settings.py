"""Typed settings every service shares: where its log lives and how Kafka is reached.

Read from the environment (``DUUNI_<SERVICE>_…``) by each service's ``config.py``;
nothing here is read at import time. Secrets such as database passwords come from the
environment or the deployment's secret store, never from files in the repository.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class KafkaSettings(BaseSettings):
    """Broker features that a Kafka-protocol test broker may lack are switches, on by default."""

    model_config = SettingsConfigDict(env_prefix="DUUNI_KAFKA_", extra="ignore")

    bootstrap_servers: str | None = None
    topic_prefix: str = "duuni"
    partitions: int = Field(default=1, ge=1)
    replication_factor: int = Field(default=1, ge=1)
    enable_idempotence: bool = True
    client_id: str = "duuni"
    group_prefix: str | None = None
    """Prefix of consumer group ids; the topic prefix when unset. A second deployment of a
    consumer (a replay, a blue-green switch) takes its own, so as not to share partitions."""
    partners_file: Path | None = None
    """TOML file of the partner projects that get filtered feeds (see ``shared.partners``)."""
    contract_file: Path | None = None
    """The published event contract; the repository's ``docs/events/contract.json`` if unset."""


class ServiceSettings(BaseSettings):
    """Where one service keeps its log of record and its consumers' state."""

    model_config = SettingsConfigDict(extra="ignore")

    service: str = "service"
    data_dir: Path = Path("data")
    database_url: str | None = None
    """SQLAlchemy URL; unset means the embedded SQLite file ``<data_dir>/<service>.sqlite3``."""
    database_schema: str | None = None
    """PostgreSQL schema of this service; defaults to the service name."""
    sqlite_synchronous: Literal["FULL", "NORMAL"] = "FULL"
    upstream_database_schemas: dict[str, str] = Field(default_factory=dict)
    """PostgreSQL schema of another service's log, by service name (default: its name)."""
    intake_url: str = "http://127.0.0.1:8000"
    """Where a service running alone asks intake who is signed in."""
    upstream_database_urls: dict[str, str] = Field(default_factory=dict)
    """Where another service's log is read when Kafka is not configured, by service name.

    Unset names follow this service's own choice: the sibling SQLite file in ``data_dir``,
    or the same PostgreSQL database under the other service's schema.
    """

    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir / f'{self.service}.sqlite3'}"

    def upstream_log_url(self, upstream: str) -> tuple[str, str | None]:
        """The database URL and schema of ``upstream``'s log of record."""
        url = self.upstream_database_urls.get(upstream)
        if url is None:
            own = self.resolved_database_url()
            url = (
                f"sqlite:///{self.data_dir / f'{upstream}.sqlite3'}"
                if own.startswith("sqlite")
                else own
            )
        return url, None if url.startswith("sqlite") else upstream

    def resolved_schema(self) -> str | None:
        if self.resolved_database_url().startswith("sqlite"):
            return None
        return self.database_schema or self.service
