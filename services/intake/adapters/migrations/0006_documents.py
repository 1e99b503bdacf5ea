"""Clients' documents (a CV, a signed consent, a contract), sealed with each person's key;
contact details need no table of their own (they are sealed in ``persons``).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from shared.migrations.columns import project_column, uuid_column
from shared.migrations.tables import create_table

revision = "0006"
down_revision = "0005"


def upgrade() -> None:
    create_table(
        "client_documents",
        uuid_column("document_id"),
        project_column(),
        uuid_column("client_id"),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("media_type", sa.String(length=100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("added_by", sa.String(length=64), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sealed_name", sa.LargeBinary(), nullable=False),
        sa.Column("sealed_content", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("document_id"),
        indexes={"client_documents_by_client": ["project_id", "client_id", "added_at"]},
    )


def downgrade() -> None:
    op.drop_table("client_documents")
