"""Composition root of the matching service: the one place its parts are wired together."""

from __future__ import annotations

from services.matching.config import MatchingSettings
from services.matching.entrypoints.api import router
from shared.runtime import open_runtime
from shared.settings import KafkaSettings
from shared.web.auth import SessionResolver
from shared.web.service import WebService, auth_for


def bootstrap(settings: MatchingSettings, sessions: SessionResolver | None = None) -> WebService:
    runtime = open_runtime(settings, KafkaSettings())
    auth = auth_for(sessions, settings.intake_url)
    return WebService(runtime, router(runtime, auth))
