"""No change of schema: coaching erases its words about an erased person without a table
of its own (``adapters/erasure.py`` finds the ids of the person's records in coaching's
own events and deletes ``coaching_private_texts`` rows keyed by them). The revision keeps
its number so that the revisions after it need no renumbering.
"""

from __future__ import annotations

revision = "0005"
down_revision = "0004"


def upgrade() -> None:
    """Nothing to change."""


def downgrade() -> None:
    """Nothing to change."""
