"""A number per project raised with every save and erasure of its persons, so that the
project's opened names can be kept between searches and checked with one row.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from shared.migrations.columns import project_column

revision = "0008"
down_revision = "0007"


def upgrade() -> None:
    op.create_table(
        "person_changes",
        project_column(),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("project_id"),
    )
    # Projects that already hold persons start at 1, so that their names are kept too.
    op.execute(
        "INSERT INTO person_changes (project_id, version) "
        "SELECT DISTINCT project_id, 1 FROM persons"
    )


def downgrade() -> None:
    op.drop_table("person_changes")
