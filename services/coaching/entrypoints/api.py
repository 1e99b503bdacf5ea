"""HTTP API of the coaching service: every route it serves, in one list."""

from __future__ import annotations

from fastapi import APIRouter

from services.coaching.entrypoints.pages import pages_router
from services.coaching.entrypoints.plans_api import plans_router
from services.coaching.entrypoints.programmes_api import programmes_router
from services.coaching.entrypoints.sessions_api import sessions_router
from services.coaching.entrypoints.wiring import Wiring
from shared.http import health_router
from shared.runtime import ServiceRuntime


def router(runtime: ServiceRuntime, wiring: Wiring) -> APIRouter:
    api = APIRouter()
    api.include_router(health_router(runtime))
    api.include_router(sessions_router(wiring))
    api.include_router(programmes_router(wiring))
    api.include_router(plans_router(wiring))
    api.include_router(pages_router(wiring))
    return api
