"""Intake's decisions on sharing with partner projects, per client asked, so that
matching's partner feeds hold back events about clients who withdrew.
"""

from __future__ import annotations

from alembic import op

from shared.migrations.tables import create_sharing_withdrawn

revision = "0005"
down_revision = "0004"


def upgrade() -> None:
    create_sharing_withdrawn("matching")


def downgrade() -> None:
    op.drop_table("matching_sharing_withdrawn")
