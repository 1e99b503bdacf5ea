"""The layout each service's read models were built under."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade() -> None:
    op.create_table(
        "projection_layouts",
        sa.Column("tree", sa.String(length=64), nullable=False),
        sa.Column("layout", sa.Integer(), nullable=False),
        sa.Column("rebuilt_at", sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint("tree"),
    )


def downgrade() -> None:
    op.drop_table("projection_layouts")
