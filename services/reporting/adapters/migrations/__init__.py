"""Reporting's schema tree: the fact tables, targets and the layout they were built under.

The copies a replay builds aside (``rp_next_…``) are made while running and swapped in;
migrations leave them alone.
"""

from __future__ import annotations

from pathlib import Path

from services.reporting.adapters.tables import ASIDE, reporting_metadata
from shared.migrations.tree import SchemaTree

REPORTING_TREE = SchemaTree(
    "reporting", Path(__file__).parent, (reporting_metadata,), run_time_prefixes=(ASIDE,)
)
