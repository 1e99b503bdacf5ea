"""Contact notes and who made the contact (records); the exit date in the client
projection, so that a placement may start upon leaving (read model layout 2).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from shared.migrations.columns import project_column, uuid_column
from shared.migrations.tables import create_table

revision = "0002"
down_revision = "0001"


def upgrade() -> None:
    create_table(
        "matching_contact_notes",
        uuid_column("contact_log_id"),
        uuid_column("company_id"),
        project_column(),
        sa.Column("note", sa.Text(), nullable=False),
        uuid_column("made_by_id"),
        sa.Column("made_by_name", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("contact_log_id"),
        indexes={"ix_matching_contact_notes_company_id": ["company_id"]},
    )

    with op.batch_alter_table("matching_clients", schema=None) as batch_op:
        batch_op.add_column(sa.Column("exited_on", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("matching_clients", schema=None) as batch_op:
        batch_op.drop_column("exited_on")

    with op.batch_alter_table("matching_contact_notes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_matching_contact_notes_company_id"))

    op.drop_table("matching_contact_notes")
