"""HTTP API and pages of the matching service: its module-level routers in one."""

from __future__ import annotations

from fastapi import APIRouter

from services.matching.entrypoints import clients, companies, leads, pages, referrals
from shared.http import health_router
from shared.runtime import ServiceRuntime


def router(runtime: ServiceRuntime) -> APIRouter:
    """The service's routes, with the health of ``runtime``."""
    api = APIRouter()
    api.include_router(health_router(runtime))
    for part in (companies, leads, clients, referrals, pages):
        api.include_router(part.router)
    return api
