"""The words of reasons kept out of events: a correction's, an exception's to the target
group and a plan change's, under the id their event (version 2) names; a client's sealed
with the person's key. Events of version 1 keep their words where they are (old events
are never rewritten).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"


def upgrade() -> None:
    op.create_table(
        "private_reasons",
        sa.Column("reason_id", sa.String(length=36), nullable=False),
        sa.Column("project_id", sa.String(length=64), nullable=False),
        sa.Column("client_id", sa.String(length=36), nullable=True),
        sa.Column("sealed", sa.LargeBinary(), nullable=True),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("author", sa.String(length=64), nullable=False),
        sa.Column("written_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("reason_id"),
    )
    with op.batch_alter_table("private_reasons", schema=None) as batch_op:
        batch_op.create_index(
            "private_reasons_by_client", ["project_id", "client_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("private_reasons", schema=None) as batch_op:
        batch_op.drop_index("private_reasons_by_client")

    op.drop_table("private_reasons")
