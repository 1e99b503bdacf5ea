"""Typed settings of the intake service, from ``DUUNI_INTAKE_…`` environment variables."""

from __future__ import annotations

from pydantic import SecretStr
from pydantic_settings import SettingsConfigDict

from shared.settings import ServiceSettings


class IntakeSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="DUUNI_INTAKE_", extra="ignore")

    service: str = "intake"
    identity_lookup_key: SecretStr | None = None
    """Key of the identity-code lookup hash. Set it from the deployment's secret store so
    that the hashes in the database are useless without it; unset (the embedded default),
    a key is generated once and kept in the database. Never change it once clients exist."""
