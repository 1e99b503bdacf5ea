"""HTTP API of the coaching service."""

from __future__ import annotations

from fastapi import APIRouter

from shared.http import health_router
from shared.runtime import ServiceRuntime


def router(runtime: ServiceRuntime) -> APIRouter:
    api = APIRouter()
    api.include_router(health_router(runtime))
    return api
