"""The layout each service's read models were built under.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


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
