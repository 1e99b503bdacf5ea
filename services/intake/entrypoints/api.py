"""Every route of the intake service: the JSON API and the pages, as one router."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from services.intake.entrypoints import (
    account_pages,
    client_list_pages,
    client_pages,
    clients,
    consent_pages,
    contact_pages,
    cost_pages,
    document_pages,
    enrolment_pages,
    identity_code_pages,
    import_pages,
    leaving_pages,
    link_admin_pages,
    link_pages,
    login_pages,
    message_pages,
    privacy_pages,
    project_pages,
    projects,
    session_api,
    user_pages,
)
from services.intake.entrypoints.privacy_reads import remember_origin
from shared.http import health_router
from shared.runtime import ServiceRuntime
from shared.web.pages import language_router


def router(runtime: ServiceRuntime) -> APIRouter:
    api = APIRouter(dependencies=[Depends(remember_origin)])  # for the access log
    api.include_router(health_router(runtime))
    for module in (session_api, projects, clients, login_pages, project_pages, account_pages):
        api.include_router(module.router)
    api.include_router(enrolment_pages.router)  # before the client pages: ``clients/new``
    api.include_router(client_list_pages.router)
    api.include_router(client_pages.router)
    api.include_router(leaving_pages.router)
    api.include_router(link_admin_pages.router)
    api.include_router(link_pages.router)  # /l/{token}: participants, without an account
    api.include_router(identity_code_pages.router)
    api.include_router(cost_pages.router)
    api.include_router(import_pages.router)
    api.include_router(privacy_pages.router)
    api.include_router(consent_pages.router)
    api.include_router(contact_pages.router)
    api.include_router(document_pages.router)
    api.include_router(message_pages.router)
    api.include_router(user_pages.router)
    api.include_router(language_router())
    return api
