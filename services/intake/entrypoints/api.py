"""HTTP API of the intake service."""

from __future__ import annotations

from fastapi import APIRouter

from services.intake.entrypoints.auth import Auth, auth_router
from services.intake.entrypoints.clients import clients_router
from services.intake.service_layer.enrolment import PersonalData
from shared.http import health_router
from shared.runtime import ServiceRuntime


def router(runtime: ServiceRuntime, auth: Auth, people: PersonalData) -> APIRouter:
    api = APIRouter()
    api.include_router(health_router(runtime))
    api.include_router(auth_router(auth))
    api.include_router(clients_router(auth, runtime.log, people))
    return api
