"""HTTP API of the intake service."""

from __future__ import annotations

from fastapi import APIRouter

from services.intake.entrypoints.auth import Auth, auth_router
from shared.http import health_router
from shared.runtime import ServiceRuntime


def router(runtime: ServiceRuntime, auth: Auth) -> APIRouter:
    api = APIRouter()
    api.include_router(health_router(runtime))
    api.include_router(auth_router(auth))
    return api
