"""Clients' documents (a CV, a signed consent, a contract), sealed with each person's key;
contact details need no table of their own (they are sealed in ``persons``).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"


def upgrade() -> None:
    op.create_table(
        "client_documents",
        sa.Column("document_id", sa.String(length=36), nullable=False),
        sa.Column("project_id", sa.String(length=64), nullable=False),
        sa.Column("client_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("media_type", sa.String(length=100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("added_by", sa.String(length=64), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sealed_name", sa.LargeBinary(), nullable=False),
        sa.Column("sealed_content", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("document_id"),
    )
    with op.batch_alter_table("client_documents", schema=None) as batch_op:
        batch_op.create_index(
            "client_documents_by_client",
            ["project_id", "client_id", "added_at"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("client_documents", schema=None) as batch_op:
        batch_op.drop_index("client_documents_by_client")

    op.drop_table("client_documents")
