"""Composition root of the reporting service: the one place its parts are wired together."""

from __future__ import annotations

from fastapi import APIRouter

from services.reporting.config import ReportingSettings
from services.reporting.entrypoints.api import router
from shared.runtime import ServiceRuntime, open_runtime


def bootstrap(settings: ReportingSettings) -> tuple[ServiceRuntime, APIRouter]:
    runtime = open_runtime(settings)
    return runtime, router(runtime)
