"""Group meetings keep their hour in the calendar's read model, so that a week's calendar,
the feed and the clash check need not read each programme's stream.

Meetings scheduled before meetings had an hour keep none (a whole day), as their events say.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"


def upgrade() -> None:
    with op.batch_alter_table("coaching_meetings") as batch:
        batch.add_column(sa.Column("starts_at", sa.String(length=5), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("coaching_meetings") as batch:
        batch.drop_column("starts_at")
