"""Composition root of the intake service: the one place its parts are wired together."""

from __future__ import annotations

from services.intake.adapters.accounts import SqlAccountStore
from services.intake.adapters.personal_data import SqlPersonalData
from services.intake.config import IntakeSettings
from services.intake.entrypoints.api import router
from services.intake.entrypoints.auth import Auth
from shared.runtime import open_runtime
from shared.settings import KafkaSettings
from shared.web.auth import SessionResolver
from shared.web.service import WebService


def bootstrap(settings: IntakeSettings, sessions: SessionResolver | None = None) -> WebService:
    """Intake owns the accounts, so it resolves sessions itself (``sessions`` is unused)."""
    runtime = open_runtime(settings, KafkaSettings())
    accounts = SqlAccountStore(runtime.log.db).create()
    key = settings.identity_lookup_key
    people = SqlPersonalData(runtime.log.db, key.get_secret_value() if key else None).create()
    auth = Auth(accounts)
    return WebService(runtime, router(runtime, auth, people), sessions=auth.resolve)
