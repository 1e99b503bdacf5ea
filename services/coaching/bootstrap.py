"""Composition root of the coaching service: the one place its parts are wired together."""

from __future__ import annotations

from fastapi import APIRouter

from services.coaching.config import CoachingSettings
from services.coaching.entrypoints.api import router
from shared.runtime import ServiceRuntime, open_runtime
from shared.settings import KafkaSettings


def bootstrap(settings: CoachingSettings) -> tuple[ServiceRuntime, APIRouter]:
    runtime = open_runtime(settings, KafkaSettings())
    return runtime, router(runtime)
