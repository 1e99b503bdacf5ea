"""Employer forms by link: coaching's links without accounts (``links``, the project's link
store's table: only each token's hash) and each link's form, from the recipient to the
proposal sent back and the coach's decision.
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
    moment = sa.DateTime(timezone=True)
    create_table(
        "coaching_employer_forms",
        uuid_column("link_id"),
        project_column(),
        uuid_column("plan_id"),
        sa.Column("form", sa.String(length=16), nullable=False),
        sa.Column("recipient", sa.String(length=200), nullable=False),
        uuid_column("contact_id", nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("content", sa.Text(), nullable=True),
        sa.Column("submitted_at", moment, nullable=True),
        uuid_column("decided_by", nullable=True),
        sa.Column("decided_at", moment, nullable=True),
        sa.PrimaryKeyConstraint("link_id"),
        indexes={"coaching_employer_forms_by_plan": ["project_id", "plan_id"]},
    )


def downgrade() -> None:
    op.drop_table("coaching_employer_forms")
    op.drop_table("links")
