"""HTTP API and pages of the matching service."""

from __future__ import annotations

from fastapi import APIRouter

from services.matching.entrypoints.clients import clients_router
from services.matching.entrypoints.companies import companies_router
from services.matching.entrypoints.leads import leads_router
from services.matching.entrypoints.pages import pages_router
from services.matching.entrypoints.referrals import referrals_router
from services.matching.service_layer.handlers import Matching
from shared.http import health_router
from shared.runtime import ServiceRuntime
from shared.web.auth import WebAuth
from shared.web.service import ClientNames


def router(
    runtime: ServiceRuntime,
    auth: WebAuth,
    matching: Matching,
    client_names: ClientNames | None = None,
) -> APIRouter:
    api = APIRouter()
    api.include_router(health_router(runtime))
    api.include_router(companies_router(auth, matching))
    api.include_router(leads_router(auth, matching))
    api.include_router(clients_router(auth, matching))
    api.include_router(referrals_router(auth, matching))
    api.include_router(pages_router(auth, matching, client_names))
    return api
