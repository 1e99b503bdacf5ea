"""Intake's schema tree: accounts, the personal-data store and the client directory."""

from __future__ import annotations

from pathlib import Path

from services.intake.adapters.access_log import access_log_metadata
from services.intake.adapters.accounts import accounts_metadata
from services.intake.adapters.directory import directory_metadata
from services.intake.adapters.documents import documents_metadata
from services.intake.adapters.links import links_metadata
from services.intake.adapters.messages import messages_metadata
from services.intake.adapters.personal_data import personal_data_metadata
from services.intake.adapters.reasons import reasons_metadata
from services.intake.adapters.retention import retention_metadata
from shared.migrations.tree import Projections, SchemaTree

INTAKE_TREE = SchemaTree(
    "intake",
    Path(__file__).parent,
    (
        accounts_metadata,
        personal_data_metadata,
        directory_metadata,
        access_log_metadata,
        retention_metadata,
        links_metadata,
        documents_metadata,
        reasons_metadata,
        messages_metadata,
    ),
    projections=Projections(
        layout=1,
        tables=("project_directory", "client_directory", "client_timeline"),
        subscriptions=("intake.directory", "intake.timeline."),
    ),
)
