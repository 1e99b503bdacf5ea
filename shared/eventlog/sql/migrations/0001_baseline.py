"""Baseline: the event log's and its consumers' tables as version 0.1 created them."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from shared.migrations.columns import POSITION, project_column, uuid_column
from shared.migrations.tables import create_table

revision = "0001"
down_revision = None

TABLES = (
    "dead_letters",
    "events",
    "idempotency_keys",
    "log_head",
    "relay_checkpoints",
    "subscription_checkpoints",
)
"""What this revision creates: a database from before migrations that has them all is
adopted at this revision instead of built anew."""


def upgrade() -> None:
    create_table(
        "events",
        sa.Column("position", POSITION, autoincrement=False, nullable=False),
        uuid_column("event_id"),
        sa.Column("stream_id", sa.String(length=200), nullable=False),
        sa.Column("stream_version", sa.Integer(), nullable=False),
        sa.Column("event_type", sa.String(length=120), nullable=False),
        project_column(),
        sa.Column("recorded_at", sa.String(length=40), nullable=False),
        sa.Column("header", sa.Text(), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("position"),
        sa.UniqueConstraint("event_id"),
        sa.UniqueConstraint("stream_id", "stream_version", name="uq_events_stream_version"),
    )
    create_table(
        "idempotency_keys",
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("stream_id", sa.String(length=200), nullable=False),
        sa.Column("first_position", POSITION, nullable=False),
        sa.Column("last_position", POSITION, nullable=False),
        sa.Column("stream_version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    create_table(
        "log_head",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("position", POSITION, nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    create_table(
        "relay_checkpoints",
        sa.Column("relay", sa.String(length=200), nullable=False),
        sa.Column("position", POSITION, nullable=False),
        sa.PrimaryKeyConstraint("relay"),
    )
    create_table(
        "dead_letters",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("subscription", sa.String(length=200), nullable=False),
        sa.Column("source", sa.String(length=200), nullable=False),
        sa.Column("position", POSITION, nullable=True),
        uuid_column("event_id", nullable=True),
        sa.Column("event_type", sa.String(length=120), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("raw", sa.Text(), nullable=False),
        sa.Column("recorded_at", sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        indexes={"ix_dead_letters_subscription": ["subscription"]},
    )
    create_table(
        "subscription_checkpoints",
        sa.Column("subscription", sa.String(length=200), nullable=False),
        sa.Column("source", sa.String(length=200), nullable=False),
        sa.Column("partition", sa.Integer(), nullable=False),
        sa.Column("position", POSITION, nullable=False),
        sa.Column("next_offset", POSITION, nullable=False),
        sa.PrimaryKeyConstraint("subscription", "source", "partition"),
    )


def downgrade() -> None:
    op.drop_table("subscription_checkpoints")
    op.drop_table("dead_letters")
    op.drop_table("relay_checkpoints")
    op.drop_table("log_head")
    op.drop_table("idempotency_keys")
    op.drop_table("events")
