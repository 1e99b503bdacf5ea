"""Tables of the relational event log and of its consumers.

``events`` is the log of record and the outbox at once: the relay publishes from it.
Header and payload are stored as the exact canonical JSON text the hash chain covers,
never as a JSON column type that might reformat them; decoding two JSON texts is also
faster than converting fourteen columns, which matters for replays.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

# A plain INTEGER PRIMARY KEY is SQLite's rowid: reads by position are then index-free.
Position = BigInteger().with_variant(Integer(), "sqlite")

log_metadata = MetaData()

events = Table(
    "events",
    log_metadata,
    Column("position", Position, primary_key=True, autoincrement=False),
    Column("event_id", String(36), nullable=False, unique=True),
    Column("stream_id", String(200), nullable=False),
    Column("stream_version", Integer, nullable=False),
    Column("event_type", String(120), nullable=False),
    Column("project_id", String(64), nullable=False),
    Column("recorded_at", String(40), nullable=False),
    # The canonical JSON array of every envelope field (see shared.eventlog.chain): the
    # columns above repeat some of it for indexing, and verification checks they agree.
    Column("header", Text, nullable=False),
    Column("payload", Text, nullable=False),
    Column("hash", String(64), nullable=False),
    UniqueConstraint("stream_id", "stream_version", name="uq_events_stream_version"),
)

log_head = Table(
    "log_head",
    log_metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("position", Position, nullable=False),
    Column("hash", String(64), nullable=False),
)

idempotency_keys = Table(
    "idempotency_keys",
    log_metadata,
    Column("key", String(200), primary_key=True),
    Column("stream_id", String(200), nullable=False),
    Column("first_position", Position, nullable=False),
    Column("last_position", Position, nullable=False),
    Column("stream_version", Integer, nullable=False),
)

relay_checkpoints = Table(
    "relay_checkpoints",
    log_metadata,
    Column("relay", String(200), primary_key=True),
    Column("position", Position, nullable=False),
)

consumer_metadata = MetaData()

checkpoints = Table(
    "subscription_checkpoints",
    consumer_metadata,
    Column("subscription", String(200), primary_key=True),
    Column("source", String(200), primary_key=True),
    Column("partition", Integer, primary_key=True),
    Column("position", Position, nullable=False),
    Column("next_offset", Position, nullable=False),
)

dead_letters = Table(
    "dead_letters",
    consumer_metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("subscription", String(200), nullable=False),
    Column("source", String(200), nullable=False),
    Column("position", Position),
    Column("event_id", String(36)),
    Column("event_type", String(120)),
    Column("reason", Text, nullable=False),
    Column("raw", Text, nullable=False),
    Column("recorded_at", String(40), nullable=False),
    Index("ix_dead_letters_subscription", "subscription"),
)

projection_layouts = Table(
    "projection_layouts",
    consumer_metadata,
    Column("tree", String(64), primary_key=True),
    Column("layout", Integer, nullable=False),
    Column("rebuilt_at", String(40), nullable=False),
)
"""The layout each service's read models were built under (``shared.projections``)."""

webhook_deliveries = Table(
    "webhook_deliveries",
    consumer_metadata,
    Column("service", String(64), primary_key=True),
    Column("partner", String(64), primary_key=True),
    Column("endpoint", Text, nullable=False),
    Column("position", Position, nullable=False),
    # The end of the batch being delivered: retried as the same batch, same delivery id.
    Column("pending_through", Position),
    Column("failures", Integer, nullable=False),
    Column("next_attempt_at", String(40)),
    Column("last_attempt_at", String(40)),
    Column("last_success_at", String(40)),
    Column("last_error", Text),
)
"""Each partner webhook's delivery state (``shared.webhooks.relay``), beside the relays'
checkpoints in the service's database. With the consumers' tables, not the log's: a
service reading another's log creates the log's tables there, but never these."""
