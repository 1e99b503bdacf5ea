"""Links for people without an account (only the token's hash is kept) and what a
participant submits through one, waiting for a coach to confirm it.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from shared.migrations.columns import project_column, uuid_column
from shared.migrations.tables import create_links, create_table

revision = "0004"
down_revision = "0003"


def upgrade() -> None:
    create_links()
    create_table(
        "link_proposals",
        uuid_column("proposal_id"),
        project_column(),
        uuid_column("client_id"),
        uuid_column("link_id"),
        sa.Column("form", sa.String(length=64), nullable=False),
        sa.Column("answers", sa.Text(), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("decided_by", sa.String(length=64), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("proposal_id"),
        indexes={"link_proposals_by_client": ["project_id", "client_id", "submitted_at"]},
    )


def downgrade() -> None:
    op.drop_table("link_proposals")
    op.drop_table("links")
