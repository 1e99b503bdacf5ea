"""Composition root of the intake service: the one place its parts are wired together."""

from __future__ import annotations

from services.intake.adapters.accounts import SqlAccountStore
from services.intake.adapters.directory import SqlDirectory
from services.intake.adapters.personal_data import SqlPersonalData
from services.intake.config import IntakeSettings
from services.intake.entrypoints.api import router
from services.intake.entrypoints.auth import Auth
from shared.runtime import open_runtime
from shared.settings import KafkaSettings
from shared.web.auth import SessionResolver
from shared.web.service import WebService

TIMELINE_SOURCES = ("coaching", "matching")
"""Services whose events about a client appear on the client page's timeline."""


def bootstrap(settings: IntakeSettings, sessions: SessionResolver | None = None) -> WebService:
    """Intake owns the accounts, so it resolves sessions itself (``sessions`` is unused)."""
    runtime = open_runtime(settings, KafkaSettings())
    accounts = SqlAccountStore(runtime.log.db).create()
    key = settings.identity_lookup_key
    people = SqlPersonalData(runtime.log.db, key.get_secret_value() if key else None).create()
    directory = SqlDirectory(runtime.log.db).create()
    own = runtime.subscribe("intake.directory", "intake", directory.intake_handler())
    for source in TIMELINE_SOURCES:
        runtime.subscribe(f"intake.timeline.{source}", source, directory.timeline_handler(source))
    auth = Auth(accounts)
    # Read your writes: a page saved by a coach shows up in the list they return to.
    refresh = own.catch_up if hasattr(own, "catch_up") else (lambda: 0)
    api = router(runtime, auth, people, directory, refresh)
    return WebService(runtime, api, sessions=auth.resolve, client_names=people.names_of)
