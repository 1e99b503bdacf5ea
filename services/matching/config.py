"""Typed settings of the matching service, from ``DUUNI_MATCHING_…`` environment variables."""

from __future__ import annotations

from pydantic_settings import SettingsConfigDict

from shared.settings import ServiceSettings


class MatchingSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="DUUNI_MATCHING_", extra="ignore")

    service: str = "matching"
