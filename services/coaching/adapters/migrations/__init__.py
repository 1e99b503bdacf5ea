"""Coaching's schema tree: its read models and the private texts kept beside its events."""

from __future__ import annotations

from pathlib import Path

from services.coaching.adapters import employer_forms  # noqa: F401 - its tables, declared
from services.coaching.adapters.day_tables import PROJECTIONS as WORKING_DAY
from services.coaching.adapters.tables import coaching_metadata
from shared.migrations.tree import Projections, SchemaTree

COACHING_TREE = SchemaTree(
    "coaching",
    Path(__file__).parent,
    (coaching_metadata,),
    projections=Projections(
        layout=1,
        tables=(
            "coaching_clients",
            "coaching_client_facts",
            "coaching_companies",
            "coaching_sessions",
            "coaching_programmes",
            "coaching_programme_members",
            "coaching_attendance",
            "coaching_courses",
            "coaching_course_days",
            "coaching_course_participants",
            "coaching_in_work_plans",
            *WORKING_DAY,
        ),
        subscriptions=("coaching.",),
    ),
)
"""The private texts (``coaching_private_texts``) and the calendar feeds' secrets
(``coaching_calendar_feeds``) are records, kept by migrations."""
