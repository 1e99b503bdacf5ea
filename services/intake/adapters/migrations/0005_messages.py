"""Messages to clients: the project managers' templates (every version kept), the hours
of reminders, the schedule kept from coaching's bookings (ids and times only) and the
outbox the sender works through.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"


def upgrade() -> None:
    op.create_table(
        "message_templates",
        sa.Column("project_id", sa.String(length=64), nullable=False),
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
    op.create_table(
        "message_settings",
        sa.Column("project_id", sa.String(length=64), nullable=False),
        sa.Column("reminder_hours", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("project_id"),
    )
    op.create_table(
        "message_appointments",
        sa.Column("appointment_id", sa.String(length=36), nullable=False),
        sa.Column("project_id", sa.String(length=64), nullable=False),
        sa.Column("client_id", sa.String(length=36), nullable=True),
        sa.Column("programme_id", sa.String(length=36), nullable=True),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("timed", sa.Boolean(), nullable=False),
        sa.Column("coach_id", sa.String(length=64), nullable=False),
        sa.Column("mode", sa.String(length=16), nullable=True),
        sa.PrimaryKeyConstraint("appointment_id"),
    )
    with op.batch_alter_table("message_appointments", schema=None) as batch_op:
        batch_op.create_index("message_appointments_by_programme", ["programme_id"], unique=False)
    op.create_table(
        "message_programmes",
        sa.Column("programme_id", sa.String(length=36), nullable=False),
        sa.Column("project_id", sa.String(length=64), nullable=False),
        sa.Column("coach_id", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("programme_id"),
    )
    op.create_table(
        "message_programme_members",
        sa.Column("programme_id", sa.String(length=36), nullable=False),
        sa.Column("client_id", sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint("programme_id", "client_id"),
    )
    op.create_table(
        "message_outbox",
        sa.Column("message_id", sa.String(length=36), nullable=False),
        sa.Column("project_id", sa.String(length=64), nullable=False),
        sa.Column("client_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("channel", sa.String(length=8), nullable=False),
        sa.Column("appointment_id", sa.String(length=36), nullable=True),
        sa.Column("hours_before", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=24), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("lease_id", sa.String(length=36), nullable=True),
        sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("template_version", sa.Integer(), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("error", sa.String(length=200), nullable=True),
        sa.Column("link_url", sa.String(length=2000), nullable=True),
        sa.Column("link_expires", sa.Date(), nullable=True),
        sa.Column("link_purpose", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("message_id"),
    )
    with op.batch_alter_table("message_outbox", schema=None) as batch_op:
        batch_op.create_index("message_outbox_due", ["state", "next_attempt_at"], unique=False)
        batch_op.create_index(
            "message_outbox_by_client", ["project_id", "client_id", "created_at"], unique=False
        )
        batch_op.create_index(
            "message_outbox_by_appointment", ["appointment_id", "state"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("message_outbox", schema=None) as batch_op:
        batch_op.drop_index("message_outbox_by_appointment")
        batch_op.drop_index("message_outbox_by_client")
        batch_op.drop_index("message_outbox_due")
    op.drop_table("message_outbox")
    op.drop_table("message_programme_members")
    op.drop_table("message_programmes")
    with op.batch_alter_table("message_appointments", schema=None) as batch_op:
        batch_op.drop_index("message_appointments_by_programme")
    op.drop_table("message_appointments")
    op.drop_table("message_settings")
    op.drop_table("message_templates")
