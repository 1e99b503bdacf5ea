"""Feeds for partner projects: what the public contract allows, of the projects they may see.

Other regional projects subscribe to events over Kafka, but never to the internal topics:
each partner gets its own topic per service (``<prefix>.partner.<name>.<service>.events``)
that an outbox relay fills from the service's log with only

- events of the projects the partner is entitled to (the envelope's ``project_id``),
- event types and versions the published contract lists (``docs/events/contract.json``),
  which by construction carry no personal identifiers, and
- no event naming a client whose consent to partner sharing is withdrawn at publishing
  time (``shared.partner_consent``; intake's, coaching's and matching's feeds alike).

Partners are configured in a TOML file named by ``DUUNI_PARTNERS_FILE``::

    [[partner]]
    name = "duunipolku"
    projects = ["S20999"]
    services = ["intake", "coaching", "matching"]   # optional: all when left out
"""

from __future__ import annotations

import dataclasses
import functools
import json
import re
import tomllib
from collections.abc import Callable
from pathlib import Path

from shared.eventlog.kafka import OutboxRelay
from shared.eventlog.sql import SqlEventLog
from shared.events.envelope import RecordedEvent
from shared.partner_consent import consents_for, respecting_consent
from shared.settings import KafkaSettings

DEFAULT_CONTRACT = Path(__file__).resolve().parents[1] / "docs" / "events" / "contract.json"
_NAME = re.compile(r"[a-z0-9][a-z0-9-]{0,62}")


@dataclasses.dataclass(frozen=True)
class Partner:
    name: str
    projects: frozenset[str]
    services: frozenset[str] | None = None
    """``None``: every service."""

    def wants(self, service: str) -> bool:
        return self.services is None or service in self.services


def load_partners(path: Path) -> list[Partner]:
    with path.open("rb") as file:
        config = tomllib.load(file)
    partners = []
    for entry in config.get("partner", []):
        name = str(entry["name"])
        if not _NAME.fullmatch(name):
            raise ValueError(f"partner name {name!r}: use a-z, 0-9 and '-'")
        projects = frozenset(str(p) for p in entry.get("projects", []))
        if not projects:
            raise ValueError(f"partner {name}: list the projects it may see")
        services = entry.get("services")
        partners.append(
            Partner(name, projects, frozenset(map(str, services)) if services else None)
        )
    return partners


@functools.cache
def public_versions(contract: Path = DEFAULT_CONTRACT) -> dict[str, int]:
    """Event type → newest schema version the published contract documents."""
    document = json.loads(contract.read_text(encoding="utf-8"))
    return {name: int(entry["version"]) for name, entry in document["events"].items()}


def partner_topic(settings: KafkaSettings, partner: str, service: str) -> str:
    return f"{settings.topic_prefix}.partner.{partner}.{service}.events"


def admits(partner: Partner, public: dict[str, int]) -> Callable[[RecordedEvent], bool]:
    def accept(event: RecordedEvent) -> bool:
        version = public.get(event.event_type)
        return (
            event.project_id in partner.projects
            and version is not None
            and event.schema_version <= version
        )

    return accept


def partner_relays(
    log: SqlEventLog,
    settings: KafkaSettings,
    partners: list[Partner],
    contract: Path = DEFAULT_CONTRACT,
) -> list[OutboxRelay]:
    public = public_versions(contract)
    # Every feed that names clients holds back events about clients who withdrew partner
    # sharing: intake's reads their consent from its log, coaching's and matching's from
    # the decisions their own subscriptions keep (shared.partner_consent).
    consents = consents_for(log)

    def accept(partner: Partner) -> Callable[[RecordedEvent], bool]:
        admitted = admits(partner, public)
        return admitted if consents is None else respecting_consent(admitted, consents)

    return [
        OutboxRelay(
            log,
            settings,
            partner_topic(settings, partner.name, log.name),
            accept=accept(partner),
        )
        for partner in partners
        if partner.wants(log.name)
    ]
