"""What tells clients of the same name apart on coaching's pages (a read model)."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from shared.migrations.columns import project_column, uuid_column
from shared.migrations.tables import create_table

revision = "0002"
down_revision = "0001"


def upgrade() -> None:
    create_table(
        "coaching_client_facts",
        uuid_column("client_id"),
        project_column(),
        sa.Column("municipality", sa.String(length=100), nullable=False),
        sa.Column("entered_on", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("client_id"),
        indexes={"ix_coaching_client_facts_project_id": ["project_id"]},
    )


def downgrade() -> None:
    op.drop_table("coaching_client_facts")
