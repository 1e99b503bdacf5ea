"""Matching's schema tree: companies, contact persons, leads, referrals and placements."""

from __future__ import annotations

from pathlib import Path

from services.matching.adapters.tables import metadata
from shared.migrations.tree import Projections, SchemaTree

MATCHING_TREE = SchemaTree(
    "matching",
    Path(__file__).parent,
    (metadata,),
    projections=Projections(
        # 2: matching_clients.exited_on, filled by replaying intake's exits;
        # 3: matching_clients.employer_presentation, by replaying intake's consents
        layout=3,
        tables=(
            "matching_clients",
            "matching_profiles",
            "matching_companies",
            "matching_company_needs",
            "matching_leads",
            "matching_referrals",
            "matching_placements",
            "matching_contact_log",
        ),
        subscriptions=("matching.",),
    ),
)
"""Contact persons and contact notes (``matching_contact_persons``,
``matching_contact_notes``) are records, kept by migrations."""
