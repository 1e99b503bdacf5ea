"""Composition root of the reporting service: the one place its parts are wired together.

The live fact tables (rebuilt from the logs first when their layout is older than the
code's), the subscriptions that keep them up, the bus the targets go through (it catches
the subscriptions up after a write, so that the next page shows the new target), whom
the drill-down pages ask for names (intake, at the site's own address when the services
share a process, else at ``intake_url``), and the state the module-level routes read.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date

from fastapi import APIRouter

from services.reporting.adapters.intake_people import IntakePeople
from services.reporting.adapters.live_projection import on_event
from services.reporting.adapters.migrations import REPORTING_TREE
from services.reporting.adapters.sources import LogSource
from services.reporting.adapters.store import SqlFactStore
from services.reporting.config import ReportingSettings
from services.reporting.domain.upstream import reporting_contracts
from services.reporting.entrypoints import api, final_pages, pages
from services.reporting.entrypoints.state import ReportingState, reporting_pages
from services.reporting.service_layer.handlers import COMMAND_HANDLERS, ReportingDeps
from services.reporting.service_layer.projection import SUBSCRIPTIONS
from services.reporting.service_layer.replay import OpenedLogs, replay
from services.reporting.service_layer.views import ReportViews
from shared.eventlog.aggregates import AggregateStreams
from shared.http import health_router
from shared.messagebus import MessageBus, bind
from shared.runtime import ServiceRuntime, open_runtime
from shared.settings import KafkaSettings
from shared.web.auth import SessionResolver
from shared.web.service import WebService, auth_for

log = logging.getLogger(__name__)


def bootstrap(
    settings: ReportingSettings,
    sessions: SessionResolver | None = None,
    *,
    today: Callable[[], date] = date.today,
) -> WebService:
    runtime = open_runtime(settings, KafkaSettings(), [REPORTING_TREE])
    store = SqlFactStore(runtime.log.db, runtime.store).create()

    def sources() -> list[LogSource]:
        return [LogSource(runtime.upstream_log(name)) for name in SUBSCRIPTIONS]

    if not store.layout_current():
        # Tables of an older layout (or none yet): rebuilt from the logs before any
        # subscription or page reads them.
        result = replay(OpenedLogs(sources(), store))
        log.info("reporting tables rebuilt: %d events in %.2f s", result.events, result.seconds)
    for upstream, name in SUBSCRIPTIONS.items():
        runtime.subscribe(name, upstream=upstream, handler=on_event)

    def refresh() -> None:
        """Read-your-writes: the new target in the live tables before the next page."""
        runtime.catch_up()

    deps = ReportingDeps(AggregateStreams(runtime.log, reporting_contracts(), settings.service))
    state = ReportingState(
        bus=MessageBus(bind(COMMAND_HANDLERS, deps), after_write=refresh),
        views=ReportViews(store, sources, today),
        auth=auth_for(sessions, settings.intake_url),
        pages=reporting_pages(),
        people=IntakePeople(None if sessions is not None else settings.intake_url),
    )
    return WebService(runtime, routes(runtime), state=state)


def routes(runtime: ServiceRuntime) -> APIRouter:
    """Health, the JSON API and the pages."""
    router = APIRouter()
    router.include_router(health_router(runtime))
    router.include_router(api.router)
    router.include_router(pages.router)
    router.include_router(final_pages.router)
    return router
