"""Composition root of the reporting service: the one place its parts are wired together."""

from __future__ import annotations

import logging

from services.reporting.adapters.store import SqlFactStore
from services.reporting.config import ReportingSettings
from services.reporting.entrypoints.api import router
from services.reporting.entrypoints.consumers import subscribe_all
from services.reporting.entrypoints.wiring import Reports
from services.reporting.service_layer.replay import OpenedLogs, replay
from shared.runtime import open_runtime
from shared.settings import KafkaSettings
from shared.web.auth import SessionResolver
from shared.web.service import WebService, auth_for

log = logging.getLogger(__name__)


def bootstrap(settings: ReportingSettings, sessions: SessionResolver | None = None) -> WebService:
    runtime = open_runtime(settings, KafkaSettings())
    store = SqlFactStore(runtime.log.db, runtime.store).create()
    reports = Reports(runtime, store)
    if not store.layout_current():
        # Tables of an older layout (or none yet): rebuilt from the logs before any
        # subscription or page reads them.
        result = replay(OpenedLogs(reports.sources(), store))
        log.info("reporting tables rebuilt: %d events in %.2f s", result.events, result.seconds)
    subscribe_all(runtime)
    auth = auth_for(sessions, settings.intake_url)
    return WebService(runtime, router(runtime, auth, reports))
