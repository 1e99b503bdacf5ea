"""Intake's decisions on sharing with partner projects, per client asked, so that
coaching's partner feeds hold back events about clients who withdrew.
"""

from __future__ import annotations

from alembic import op

from shared.migrations.tables import create_sharing_withdrawn

revision = "0006"
down_revision = "0005"


def upgrade() -> None:
    create_sharing_withdrawn("coaching")


def downgrade() -> None:
    op.drop_table("coaching_sharing_withdrawn")
