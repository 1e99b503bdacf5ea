"""Links for people without an account (only the token's hash is kept) and what a
participant submits through one, waiting for a coach to confirm it.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"


def upgrade() -> None:
    op.create_table(
        "links",
        sa.Column("link_id", sa.String(length=36), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("project_id", sa.String(length=64), nullable=False),
        sa.Column("purpose", sa.String(length=64), nullable=False),
        sa.Column("subject_id", sa.String(length=64), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("single_use", sa.Boolean(), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("link_id"),
    )
    with op.batch_alter_table("links", schema=None) as batch_op:
        batch_op.create_index("links_by_token", ["token_hash"], unique=True)
        batch_op.create_index(
            "links_by_subject", ["project_id", "subject_id", "created_at"], unique=False
        )
    op.create_table(
        "link_proposals",
        sa.Column("proposal_id", sa.String(length=36), nullable=False),
        sa.Column("project_id", sa.String(length=64), nullable=False),
        sa.Column("client_id", sa.String(length=36), nullable=False),
        sa.Column("link_id", sa.String(length=36), nullable=False),
        sa.Column("form", sa.String(length=64), nullable=False),
        sa.Column("answers", sa.Text(), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("decided_by", sa.String(length=64), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("proposal_id"),
    )
    with op.batch_alter_table("link_proposals", schema=None) as batch_op:
        batch_op.create_index(
            "link_proposals_by_client", ["project_id", "client_id", "submitted_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("link_proposals", schema=None) as batch_op:
        batch_op.drop_index("link_proposals_by_client")
    op.drop_table("link_proposals")
    with op.batch_alter_table("links", schema=None) as batch_op:
        batch_op.drop_index("links_by_subject")
        batch_op.drop_index("links_by_token")
    op.drop_table("links")
