"""Typed settings of the reporting service, from ``DUUNI_REPORTING_…`` environment variables."""

from __future__ import annotations

from pydantic_settings import SettingsConfigDict

from shared.settings import ServiceSettings


class ReportingSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="DUUNI_REPORTING_", extra="ignore")

    service: str = "reporting"
