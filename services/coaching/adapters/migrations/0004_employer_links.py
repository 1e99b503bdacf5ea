"""Employer forms by link: coaching's links without accounts (``links``, the project's link
store's table: only each token's hash) and each link's form, from the recipient to the
proposal sent back and the coach's decision.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"


def _moment(name: str, *, nullable: bool) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


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
        _moment("created_at", nullable=False),
        _moment("expires_at", nullable=False),
        sa.Column("single_use", sa.Boolean(), nullable=False),
        _moment("opened_at", nullable=True),
        _moment("done_at", nullable=True),
        _moment("revoked_at", nullable=True),
        sa.PrimaryKeyConstraint("link_id"),
    )
    op.create_index("links_by_token", "links", ["token_hash"], unique=True)
    op.create_index(
        "links_by_subject", "links", ["project_id", "subject_id", "created_at"], unique=False
    )
    op.create_table(
        "coaching_employer_forms",
        sa.Column("link_id", sa.String(length=36), nullable=False),
        sa.Column("project_id", sa.String(length=64), nullable=False),
        sa.Column("plan_id", sa.String(length=36), nullable=False),
        sa.Column("form", sa.String(length=16), nullable=False),
        sa.Column("recipient", sa.String(length=200), nullable=False),
        sa.Column("contact_id", sa.String(length=36), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("content", sa.Text(), nullable=True),
        _moment("submitted_at", nullable=True),
        sa.Column("decided_by", sa.String(length=36), nullable=True),
        _moment("decided_at", nullable=True),
        sa.PrimaryKeyConstraint("link_id"),
    )
    op.create_index(
        "coaching_employer_forms_by_plan",
        "coaching_employer_forms",
        ["project_id", "plan_id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("coaching_employer_forms_by_plan", table_name="coaching_employer_forms")
    op.drop_table("coaching_employer_forms")
    op.drop_index("links_by_subject", table_name="links")
    op.drop_index("links_by_token", table_name="links")
    op.drop_table("links")
