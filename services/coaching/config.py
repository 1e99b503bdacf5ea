"""Typed settings of the coaching service, from ``DUUNI_COACHING_…`` environment variables."""

from __future__ import annotations

from pydantic_settings import SettingsConfigDict

from shared.settings import ServiceSettings


class CoachingSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="DUUNI_COACHING_", extra="ignore")

    service: str = "coaching"
