"""The event log's schema tree: the log of record, its head, idempotency keys, the relay's
and the consumers' checkpoints and dead letters. Every service's database holds it."""

from __future__ import annotations

from pathlib import Path

from shared.eventlog.sql.schema import consumer_metadata, log_metadata
from shared.migrations.tree import SchemaTree

EVENTLOG_TREE = SchemaTree("eventlog", Path(__file__).parent, (log_metadata, consumer_metadata))
