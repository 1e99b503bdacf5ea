"""The words of reasons kept out of events: a correction's, an exception's to the target
group and a plan change's, under the id their event (version 2) names; a client's sealed
with the person's key. Events of version 1 keep their words where they are (old events
are never rewritten).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from shared.migrations.columns import project_column, uuid_column
from shared.migrations.tables import create_table

revision = "0007"
down_revision = "0006"


def upgrade() -> None:
    create_table(
        "private_reasons",
        uuid_column("reason_id"),
        project_column(),
        uuid_column("client_id", nullable=True),
        sa.Column("sealed", sa.LargeBinary(), nullable=True),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("author", sa.String(length=64), nullable=False),
        sa.Column("written_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("reason_id"),
        indexes={"private_reasons_by_client": ["project_id", "client_id"]},
    )


def downgrade() -> None:
    op.drop_table("private_reasons")
