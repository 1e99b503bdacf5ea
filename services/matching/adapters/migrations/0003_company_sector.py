"""The employer sector of a company in the read model: a company, another public
employer or a unit of the project's own organisation (NULL: a company, as before).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade() -> None:
    with op.batch_alter_table("matching_companies", schema=None) as batch_op:
        batch_op.add_column(sa.Column("sector", sa.String(length=16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("matching_companies", schema=None) as batch_op:
        batch_op.drop_column("sector")
