"""HTTP API and pages of the intake service."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import APIRouter

from services.intake.entrypoints.auth import Auth, auth_router
from services.intake.entrypoints.clients import clients_router
from services.intake.entrypoints.pages import pages_router
from services.intake.entrypoints.projects import projects_router
from services.intake.service_layer.directory import Directory
from services.intake.service_layer.enrolment import PersonalData
from shared.http import health_router
from shared.runtime import ServiceRuntime
from shared.web.pages import language_router


def router(
    runtime: ServiceRuntime,
    auth: Auth,
    people: PersonalData,
    directory: Directory,
    refresh: Callable[[], object],
) -> APIRouter:
    api = APIRouter()
    api.include_router(health_router(runtime))
    api.include_router(auth_router(auth))
    api.include_router(projects_router(auth, runtime.log, directory, auth.store, refresh))
    api.include_router(clients_router(auth, runtime.log, people, directory, refresh))
    api.include_router(pages_router(auth, runtime.log, people, directory, refresh))
    api.include_router(language_router())
    return api
