"""What revisions do again and again: create a table with its indexes, ask which
columns a table has already, and create the tables that shared code keeps in several
services' trees.

Revisions are history: what these functions create must never change once a revision
uses them. A table that shared code changes later gets a new function, used by the new
revisions only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import sqlalchemy as sa
from alembic import context, op

from shared.migrations.columns import project_column, uuid_column

IndexColumns = Mapping[str, Sequence[str]]
"""Indexes by name: the columns each covers, in order."""


def create_table(
    name: str,
    *elements: sa.schema.SchemaItem,
    unique: IndexColumns | None = None,
    indexes: IndexColumns | None = None,
) -> None:
    """Create the table, then its ``unique`` indexes and its other ``indexes``, each in
    the order given (Alembic's own indexes of a table come in no fixed order).

    Dropping the table drops its indexes too, so a downgrade needs only ``op.drop_table``.
    """
    op.create_table(name, *elements)
    for is_unique, named in ((True, unique), (False, indexes)):
        for index, columns in (named or {}).items():
            op.create_index(index, name, list(columns), unique=is_unique)


def columns_present(table: str) -> set[str]:
    """The table's columns in the database now; none in a dry run (SQL written without a
    database). A database adopted at a baseline may have had its tables made by newer
    code, with some of a later revision's columns already there."""
    if context.is_offline_mode():
        return set()
    return {str(column["name"]) for column in sa.inspect(op.get_bind()).get_columns(table)}


def create_links() -> None:
    """The ``links`` table of the link store (``shared.links``): a service's links
    without accounts, keeping only each token's hash."""
    moment = sa.DateTime(timezone=True)
    create_table(
        "links",
        uuid_column("link_id"),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        project_column(),
        sa.Column("purpose", sa.String(length=64), nullable=False),
        sa.Column("subject_id", sa.String(length=64), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("created_at", moment, nullable=False),
        sa.Column("expires_at", moment, nullable=False),
        sa.Column("single_use", sa.Boolean(), nullable=False),
        sa.Column("opened_at", moment, nullable=True),
        sa.Column("done_at", moment, nullable=True),
        sa.Column("revoked_at", moment, nullable=True),
        sa.PrimaryKeyConstraint("link_id"),
        unique={"links_by_token": ["token_hash"]},
        indexes={"links_by_subject": ["project_id", "subject_id", "created_at"]},
    )


def create_sharing_withdrawn(service: str) -> None:
    """The service's table of intake's sharing decisions (``shared.partner_consent``),
    one row per client asked."""
    op.create_table(
        f"{service}_sharing_withdrawn",
        uuid_column("client_id"),
        project_column(),
        sa.Column("withdrawn", sa.Boolean(), nullable=False),
        sa.Column("seen", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("client_id"),
    )
