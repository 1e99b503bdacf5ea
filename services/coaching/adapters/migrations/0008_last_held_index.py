"""An index that answers a coach's clients' last held session from the index alone: Today
lists each active client by the day of their last contact.
"""

from __future__ import annotations

from alembic import op

revision = "0008"
down_revision = "0007"


def upgrade() -> None:
    op.create_index(
        "coaching_sessions_last_held",
        "coaching_sessions",
        ["project_id", "client_id", "status", "held_on"],
        if_not_exists=True,  # a database whose tables were made from the newest declarations
    )


def downgrade() -> None:
    op.drop_index("coaching_sessions_last_held", table_name="coaching_sessions", if_exists=True)
