"""Who was shown whose full identity code, when and why (an append-only record beside the
persons; the pages show the birth-date part alone until a user gives a reason).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from shared.migrations.columns import project_column, uuid_column
from shared.migrations.tables import create_table

revision = "0002"
down_revision = "0001"


def upgrade() -> None:
    create_table(
        "identity_code_reveals",
        uuid_column("reveal_id"),
        project_column(),
        uuid_column("client_id"),
        sa.Column("user_id", sa.String(length=64), nullable=False),
        sa.Column("revealed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reason", sa.String(length=500), nullable=False),
        sa.PrimaryKeyConstraint("reveal_id"),
        indexes={"identity_code_reveals_by_client": ["project_id", "client_id", "revealed_at"]},
    )


def downgrade() -> None:
    op.drop_table("identity_code_reveals")
