"""HTTP routes of the coaching service: every router it serves, in one list."""

from __future__ import annotations

from fastapi import APIRouter

from services.coaching.entrypoints import (
    day_api,
    employer_link_pages,
    employer_pages,
    pages,
    plans_api,
    programmes_api,
    session_import_pages,
    sessions_api,
)
from shared.http import health_router
from shared.runtime import ServiceRuntime


def router(runtime: ServiceRuntime) -> APIRouter:
    """The service's routes; only the health check needs the runtime it reports on."""
    api = APIRouter()
    api.include_router(health_router(runtime))
    modules = (sessions_api, programmes_api, plans_api, day_api, pages, employer_link_pages,
               employer_pages, session_import_pages)  # fmt: skip
    for module in modules:
        api.include_router(module.router)
    return api
