"""The columns most tables of Duuni have, said once for every revision that creates one.

Revisions are history: what these make must never change once a revision uses them.
"""

from __future__ import annotations

import sqlalchemy as sa


def uuid_column(name: str, *, nullable: bool = False) -> sa.Column[str]:
    """An id Duuni makes with ``uuid4``: 36 characters."""
    return sa.Column(name, sa.String(length=36), nullable=nullable)


def project_column() -> sa.Column[str]:
    """``project_id``: the project a row belongs to (64 characters), always there."""
    return sa.Column("project_id", sa.String(length=64), nullable=False)


POSITION = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
"""A position in an event log: 64 bits; on SQLite a plain ``INTEGER``, so that the log's
``INTEGER PRIMARY KEY`` is the rowid (SQLite's integers hold 64 bits anyway)."""
