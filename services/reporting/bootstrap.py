"""Composition root of the reporting service: the one place its parts are wired together."""

from __future__ import annotations

from fastapi import APIRouter

from services.reporting.config import ReportingSettings
from services.reporting.entrypoints.api import router
from shared.runtime import ServiceRuntime, open_runtime
from shared.settings import KafkaSettings


def bootstrap(settings: ReportingSettings) -> tuple[ServiceRuntime, APIRouter]:
    runtime = open_runtime(settings, KafkaSettings())
    return runtime, router(runtime)
