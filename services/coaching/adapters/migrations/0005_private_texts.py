"""No change of schema: coaching erases its words about an erased person without a table
of its own (``adapters/erasure.py`` finds the ids of the person's records in coaching's
own events and deletes ``coaching_private_texts`` rows keyed by them). The revision keeps
its number so that the revisions after it need no renumbering.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03
"""

from __future__ import annotations

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Nothing to change."""


def downgrade() -> None:
    """Nothing to change."""
