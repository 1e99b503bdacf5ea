"""Composition root of the matching service: the one place its parts are wired together."""

from __future__ import annotations

from fastapi import APIRouter

from services.matching.config import MatchingSettings
from services.matching.entrypoints.api import router
from shared.runtime import ServiceRuntime, open_runtime
from shared.settings import KafkaSettings


def bootstrap(settings: MatchingSettings) -> tuple[ServiceRuntime, APIRouter]:
    runtime = open_runtime(settings, KafkaSettings())
    return runtime, router(runtime)
