"""Typed settings of the intake service, from ``DUUNI_INTAKE_…`` environment variables."""

from __future__ import annotations

from pydantic_settings import SettingsConfigDict

from shared.settings import ServiceSettings


class IntakeSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="DUUNI_INTAKE_", extra="ignore")

    service: str = "intake"
