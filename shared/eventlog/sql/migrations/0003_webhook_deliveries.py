"""Partner webhooks' delivery state, beside the relays' checkpoints."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from shared.migrations.columns import POSITION

revision = "0003"
down_revision = "0002"


def upgrade() -> None:
    op.create_table(
        "webhook_deliveries",
        sa.Column("service", sa.String(length=64), nullable=False),
        sa.Column("partner", sa.String(length=64), nullable=False),
        sa.Column("endpoint", sa.Text(), nullable=False),
        sa.Column("position", POSITION, nullable=False),
        sa.Column("pending_through", POSITION, nullable=True),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.String(length=40), nullable=True),
        sa.Column("last_attempt_at", sa.String(length=40), nullable=True),
        sa.Column("last_success_at", sa.String(length=40), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("service", "partner"),
    )


def downgrade() -> None:
    op.drop_table("webhook_deliveries")
