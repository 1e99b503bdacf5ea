"""Messages to clients: the project managers' templates (every version kept), the hours
of reminders, the schedule kept from coaching's bookings (ids and times only) and the
outbox the sender works through.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from shared.migrations.columns import project_column, uuid_column
from shared.migrations.tables import create_table

revision = "0005"
down_revision = "0004"


def upgrade() -> None:
    create_table(
        "message_templates",
        project_column(),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("channel", sa.String(length=8), nullable=False),
        sa.Column("language", sa.String(length=2), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("saved_by", sa.String(length=64), nullable=False),
        sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("project_id", "kind", "channel", "language", "version"),
    )
    create_table(
        "message_settings",
        project_column(),
        sa.Column("reminder_hours", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("project_id"),
    )
    create_table(
        "message_appointments",
        uuid_column("appointment_id"),
        project_column(),
        uuid_column("client_id", nullable=True),
        uuid_column("programme_id", nullable=True),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("timed", sa.Boolean(), nullable=False),
        sa.Column("coach_id", sa.String(length=64), nullable=False),
        sa.Column("mode", sa.String(length=16), nullable=True),
        sa.PrimaryKeyConstraint("appointment_id"),
        indexes={"message_appointments_by_programme": ["programme_id"]},
    )
    create_table(
        "message_programmes",
        uuid_column("programme_id"),
        project_column(),
        sa.Column("coach_id", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("programme_id"),
    )
    create_table(
        "message_programme_members",
        uuid_column("programme_id"),
        uuid_column("client_id"),
        sa.PrimaryKeyConstraint("programme_id", "client_id"),
    )
    create_table(
        "message_outbox",
        uuid_column("message_id"),
        project_column(),
        uuid_column("client_id"),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("channel", sa.String(length=8), nullable=False),
        uuid_column("appointment_id", nullable=True),
        sa.Column("hours_before", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=24), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        uuid_column("lease_id", nullable=True),
        sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("template_version", sa.Integer(), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("error", sa.String(length=200), nullable=True),
        sa.Column("link_url", sa.String(length=2000), nullable=True),
        sa.Column("link_expires", sa.Date(), nullable=True),
        sa.Column("link_purpose", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("message_id"),
        indexes={
            "message_outbox_due": ["state", "next_attempt_at"],
            "message_outbox_by_client": ["project_id", "client_id", "created_at"],
            "message_outbox_by_appointment": ["appointment_id", "state"],
        },
    )


def downgrade() -> None:
    op.drop_table("message_outbox")
    op.drop_table("message_programme_members")
    op.drop_table("message_programmes")
    op.drop_table("message_appointments")
    op.drop_table("message_settings")
    op.drop_table("message_templates")
