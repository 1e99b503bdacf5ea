"""What is recorded after an exit: a participant's exit kind (the service a referral went
to, the intermediate labour market's kind) and follow-ups after leaving (fact layout 5,
rebuilt by a replay).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import context, op

revision = "0003"
down_revision = "0002"


def upgrade() -> None:
    # A database adopted at the baseline may have had its tables made by newer code, with
    # these columns already there: add only what is missing (all of it in a dry run).
    present: set[str] = set()
    if not context.is_offline_mode():
        columns = sa.inspect(op.get_bind()).get_columns("rp_participants")
        present = {str(column["name"]) for column in columns}
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
