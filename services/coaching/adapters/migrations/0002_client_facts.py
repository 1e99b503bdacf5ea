"""What tells clients of the same name apart on coaching's pages (a read model)."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade() -> None:
    op.create_table(
        "coaching_client_facts",
        sa.Column("client_id", sa.String(length=36), nullable=False),
        sa.Column("project_id", sa.String(length=64), nullable=False),
        sa.Column("municipality", sa.String(length=100), nullable=False),
        sa.Column("entered_on", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("client_id"),
    )
    with op.batch_alter_table("coaching_client_facts", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_coaching_client_facts_project_id"), ["project_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("coaching_client_facts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_coaching_client_facts_project_id"))

    op.drop_table("coaching_client_facts")
