"""Who was shown whose full identity code, when and why (an append-only record beside the
persons; the pages show the birth-date part alone until a user gives a reason).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade() -> None:
    op.create_table(
        "identity_code_reveals",
        sa.Column("reveal_id", sa.String(length=36), nullable=False),
        sa.Column("project_id", sa.String(length=64), nullable=False),
        sa.Column("client_id", sa.String(length=36), nullable=False),
        sa.Column("user_id", sa.String(length=64), nullable=False),
        sa.Column("revealed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reason", sa.String(length=500), nullable=False),
        sa.PrimaryKeyConstraint("reveal_id"),
    )
    with op.batch_alter_table("identity_code_reveals", schema=None) as batch_op:
        batch_op.create_index(
            "identity_code_reveals_by_client",
            ["project_id", "client_id", "revealed_at"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("identity_code_reveals", schema=None) as batch_op:
        batch_op.drop_index("identity_code_reveals_by_client")

    op.drop_table("identity_code_reveals")
