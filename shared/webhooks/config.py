"""Which partners take webhooks, and the settings every webhook relay shares.

A partner of the partners file (``shared.partners``) registers an endpoint with::

    [[partner]]
    name = "duunipolku"
    projects = ["S20999"]
    webhook = "https://hooks.duunipolku.example/duuni"
    webhook_secret_env = "DUUNI_WEBHOOK_SECRET_DUUNIPOLKU"
    event_types = ["intake.client_enrolled"]   # optional: narrows the contract's types

The secret itself never sits in the file: the file names the environment variable that
holds it. A misconfigured endpoint is refused when the service starts, not at the first
delivery: only ``https://`` (plain ``http://`` to 127.0.0.1, ::1 or localhost only when
``DUUNI_WEBHOOK_ALLOW_LOOPBACK_HTTP`` is set, for a receiver on the same machine), no
credentials in the address, and only event types the published contract lists.
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
from pathlib import Path
from urllib.parse import urlsplit

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from shared.partners import DEFAULT_CONTRACT, Partner, load_partners, public_versions

LOOPBACK_HOSTS = frozenset({"127.0.0.1", "::1", "localhost"})
MIN_SECRET_LENGTH = 32
"""Characters a shared secret must have at least (32 random bytes as hex are 64)."""
_ENV_NAME = re.compile(r"[A-Z_][A-Z0-9_]{0,127}")


class WebhookRefused(ValueError):
    """A partner's webhook entry that cannot be accepted; the message says why."""


class WebhookSettings(BaseSettings):
    """How every service's webhook relays deliver (``DUUNI_WEBHOOK_…``)."""

    model_config = SettingsConfigDict(env_prefix="DUUNI_WEBHOOK_", extra="ignore")

    ca_file: Path | None = None
    """PEM bundle of the certificate authorities to trust instead of the system's."""
    allow_loopback_http: bool = False
    """Accept ``http://`` endpoints on 127.0.0.1, ::1 or localhost (a local receiver)."""
    timeout_seconds: float = Field(default=10.0, gt=0)
    batch_size: int = Field(default=100, ge=1, le=1000)
    """Events per request at most."""
    backoff_base_seconds: float = Field(default=2.0, gt=0)
    backoff_cap_seconds: float = Field(default=900.0, gt=0)
    """The longest wait between two attempts (15 minutes)."""
    idle_seconds: float = Field(default=1.0, gt=0)
    """How often a caught-up relay looks for new events."""


@dataclasses.dataclass(frozen=True)
class Webhook:
    """One partner's endpoint and what it wants of the partner's feed."""

    partner: Partner
    url: str
    secret_env: str
    """The environment variable holding the shared secret."""
    event_types: frozenset[str] | None = None
    """``None``: every type the contract publishes."""

    @property
    def name(self) -> str:
        return self.partner.name


def load_webhooks(
    path: Path,
    settings: WebhookSettings | None = None,
    contract: Path = DEFAULT_CONTRACT,
) -> list[Webhook]:
    """The partners of ``path`` that registered an endpoint; raises ``WebhookRefused``."""
    settings = settings or WebhookSettings()
    partners = {partner.name: partner for partner in load_partners(path)}
    with path.open("rb") as file:
        entries = tomllib.load(file).get("partner", [])
    public = public_versions(contract)
    webhooks = []
    for entry in entries:
        if "webhook" not in entry:
            continue
        partner = partners[str(entry["name"])]
        url = check_url(partner.name, str(entry["webhook"]), settings.allow_loopback_http)
        secret_env = str(entry.get("webhook_secret_env", ""))
        if not _ENV_NAME.fullmatch(secret_env):
            raise WebhookRefused(
                f"partner {partner.name}: name the environment variable holding the webhook's "
                "secret in webhook_secret_env (A-Z, 0-9 and '_')"
            )
        types = entry.get("event_types")
        wanted = None
        if types is not None:
            wanted = frozenset(map(str, types))
            unknown = sorted(wanted - public.keys())
            if unknown or not wanted:
                raise WebhookRefused(
                    f"partner {partner.name}: event type {', '.join(unknown) or '(none)'} "
                    "is not in the published contract"
                )
        webhooks.append(Webhook(partner, url, secret_env, wanted))
    if webhooks and settings.ca_file is not None and not settings.ca_file.is_file():
        raise WebhookRefused(f"DUUNI_WEBHOOK_CA_FILE: no file at {settings.ca_file}")
    return webhooks


def check_url(partner: str, url: str, allow_loopback_http: bool) -> str:
    """``url`` if a relay may POST to it; ``WebhookRefused`` saying why not otherwise."""
    try:
        parts = urlsplit(url)
        host = parts.hostname
        parts.port  # noqa: B018 - a malformed port raises here
    except ValueError as error:
        raise WebhookRefused(f"partner {partner}: webhook {url!r} is not a URL") from error
    if not host:
        raise WebhookRefused(f"partner {partner}: webhook {url!r} names no host")
    if parts.username is not None or parts.password is not None:
        raise WebhookRefused(
            f"partner {partner}: webhook {url!r} carries credentials; the signature "
            "authenticates deliveries"
        )
    if parts.scheme == "https":
        return url
    if parts.scheme == "http" and allow_loopback_http and host in LOOPBACK_HOSTS:
        return url
    raise WebhookRefused(
        f"partner {partner}: webhook {url!r} must use https:// (plain http:// only to "
        "127.0.0.1, ::1 or localhost, and only with DUUNI_WEBHOOK_ALLOW_LOOPBACK_HTTP set)"
    )
