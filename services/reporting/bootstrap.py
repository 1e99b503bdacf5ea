"""Composition root of the reporting service: the one place its parts are wired together."""

from __future__ import annotations

from services.reporting.adapters.store import SqlFactStore
from services.reporting.config import ReportingSettings
from services.reporting.entrypoints.api import router
from services.reporting.entrypoints.consumers import subscribe_all
from services.reporting.entrypoints.wiring import Reports
from shared.runtime import open_runtime
from shared.settings import KafkaSettings
from shared.web.auth import SessionResolver
from shared.web.service import WebService, auth_for


def bootstrap(settings: ReportingSettings, sessions: SessionResolver | None = None) -> WebService:
    runtime = open_runtime(settings, KafkaSettings())
    store = SqlFactStore(runtime.log.db, runtime.store).create()
    subscribe_all(runtime)
    auth = auth_for(sessions, settings.intake_url)
    return WebService(runtime, router(runtime, auth, Reports(runtime, store)))
