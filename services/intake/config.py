"""Typed settings of the intake service, from ``DUUNI_INTAKE_…`` environment variables."""

from __future__ import annotations

from pathlib import Path

from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from shared.settings import ServiceSettings


class IntakeSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="DUUNI_INTAKE_", extra="ignore")

    service: str = "intake"
    identity_lookup_key: SecretStr | None = None
    """Key of the identity-code lookup hash. Set it from the deployment's secret store so
    that the hashes in the database are useless without it; unset (the embedded default),
    a key is generated once and kept in the database. Never change it once clients exist."""


class SmtpSettings(BaseSettings):
    """The SMTP server messages to clients go out through (``DUUNI_SMTP_…``); no host, no
    e-mail: the messages wait in the outbox until one is set."""

    model_config = SettingsConfigDict(env_prefix="DUUNI_SMTP_", extra="ignore")

    host: str | None = None
    port: int = Field(default=587, ge=1, le=65535)
    user: str | None = None
    password: SecretStr | None = None
    sender: str = Field(default="", validation_alias=AliasChoices("DUUNI_SMTP_FROM", "sender"))
    """The From address (``DUUNI_SMTP_FROM``)."""
    starttls: bool = True
    """Upgrade the connection with STARTTLS before logging in or sending (on by default)."""
    ca_file: Path | None = None
    """PEM bundle of the certificate authorities to trust instead of the system's."""
    timeout_seconds: float = Field(default=20.0, gt=0)


class SmsSettings(BaseSettings):
    """The text-message gateway (``DUUNI_SMS_…``): a JSON POST to ``url`` with a bearer
    token; no URL, no text messages (they wait in the outbox)."""

    model_config = SettingsConfigDict(env_prefix="DUUNI_SMS_", extra="ignore")

    url: str | None = None
    token: SecretStr | None = None
    sender: str = "Duuni"
    """The sender name the gateway shows, where it allows one."""
    timeout_seconds: float = Field(default=10.0, gt=0)


class MessagingSettings(BaseSettings):
    """How intake's message sender works through the outbox (``DUUNI_MESSAGES_…``)."""

    model_config = SettingsConfigDict(env_prefix="DUUNI_MESSAGES_", extra="ignore")

    idle_seconds: float = Field(default=5.0, gt=0)
    """How often a sender with nothing due looks again."""
    batch_size: int = Field(default=50, ge=1, le=1000)
    lease_seconds: float = Field(default=300.0, gt=0)
    """How long a claimed message is its sender's before another may take it over."""
