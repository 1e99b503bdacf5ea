"""Intake's consent to being presented to employers, per client in the read model (NULL:
never asked, as before consent was recorded per purpose), and the version of the
client's consent stream that decided it.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"


def upgrade() -> None:
    with op.batch_alter_table("matching_clients", schema=None) as batch_op:
        batch_op.add_column(sa.Column("employer_presentation", sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column("presentation_seen", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("matching_clients", schema=None) as batch_op:
        batch_op.drop_column("presentation_seen")
        batch_op.drop_column("employer_presentation")
