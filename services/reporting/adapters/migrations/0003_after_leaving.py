"""What is recorded after an exit: a participant's exit kind (the service a referral went
to, the intermediate labour market's kind) and follow-ups after leaving (fact layout 5,
rebuilt by a replay).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from shared.migrations.tables import columns_present

revision = "0003"
down_revision = "0002"


def upgrade() -> None:
    present = columns_present("rp_participants")  # add only what is missing
    with op.batch_alter_table("rp_participants", schema=None) as batch_op:
        if "exit_kind" not in present:
            batch_op.add_column(sa.Column("exit_kind", sa.String(length=80), nullable=True))
        if "follow_ups" not in present:
            batch_op.add_column(
                sa.Column("follow_ups", sa.Text(), nullable=False, server_default="[]")
            )


def downgrade() -> None:
    with op.batch_alter_table("rp_participants", schema=None) as batch_op:
        batch_op.drop_column("follow_ups")
        batch_op.drop_column("exit_kind")
