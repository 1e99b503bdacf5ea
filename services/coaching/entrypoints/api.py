"""HTTP API and pages of the coaching service."""

from __future__ import annotations

from fastapi import APIRouter

from shared.http import health_router
from shared.runtime import ServiceRuntime
from shared.web.auth import WebAuth


def router(runtime: ServiceRuntime, auth: WebAuth) -> APIRouter:
    api = APIRouter()
    api.include_router(health_router(runtime))
    return api
