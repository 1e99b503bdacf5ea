"""Consent per purpose (domain layer): given or withdrawn, with the version shown.

A client consents (or not) to each purpose apart: processing for the project, contact by
e-mail or text message, sharing with a named partner project, being presented to
employers. Each decision names the version of the text the person was shown and how it
was given (the channel) and on which day. The events carry the purpose and the version,
never the text: the texts of each version are kept in the code (``CONSENT_TEXTS`` of the
entrypoints) and never change once used.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from datetime import date
from types import MappingProxyType
from typing import Final

from services.intake.domain.errors import DomainError
from services.intake.domain.events import ConsentGiven, ConsentWithdrawn

PURPOSES: Final = (
    "project_processing",
    "contact_by_email_sms",
    "partner_sharing",
    "employer_presentation",
)
CHANNELS: Final = ("in_person", "paper", "phone", "e_service")
MAX_VERSION: Final = 64


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class RecordConsent:
    """The person gave (``given``) or withdrew their consent to ``purpose``."""

    client_id: str
    purpose: str
    version: str
    given: bool
    channel: str
    on: date
    entered_by: str | None = None
    """``participant``: the person entered it through a link and the actor confirmed it;
    ``None``: the actor entered it."""


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class PurposeConsent:
    purpose: str
    version: str
    given: bool
    channel: str
    on: date


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class Consents:
    """A client's latest decision for each purpose they were asked about."""

    client_id: str
    purposes: Mapping[str, PurposeConsent]

    def allows(self, purpose: str) -> bool:
        found = self.purposes.get(purpose)
        return found is not None and found.given


ConsentEvent = ConsentGiven | ConsentWithdrawn


def decide_consent(
    state: Consents | None, command: RecordConsent, project_id: str
) -> list[ConsentEvent]:
    """The event of the decision; nothing when it repeats the one in force. Refused, at
    the field: an unknown purpose or channel, no version, a day in the future is the
    service layer's to check (it knows today)."""
    if command.purpose not in PURPOSES:
        raise DomainError("invalid_consent_purpose", field="purpose")
    if command.channel not in CHANNELS:
        raise DomainError("invalid_consent_channel", field="channel")
    version = command.version.strip()
    if not version or len(version) > MAX_VERSION:
        raise DomainError("consent_version_required", field="version")
    current = state.purposes.get(command.purpose) if state else None
    if current is not None and (current.given, current.version) == (command.given, version):
        return []
    fields = {
        "client_id": command.client_id,
        "project_id": project_id,
        "purpose": command.purpose,
        "version": version,
        "channel": command.channel,
    }
    if command.given:
        return [ConsentGiven(**fields, given_on=command.on, entered_by=command.entered_by)]
    return [ConsentWithdrawn(**fields, withdrawn_on=command.on, entered_by=command.entered_by)]


def evolve_consent(state: Consents | None, event: ConsentEvent) -> Consents:
    purposes = dict(state.purposes) if state else {}
    given = isinstance(event, ConsentGiven)
    on = event.given_on if isinstance(event, ConsentGiven) else event.withdrawn_on
    purposes[event.purpose] = PurposeConsent(
        purpose=event.purpose, version=event.version, given=given, channel=event.channel, on=on
    )
    return Consents(client_id=event.client_id, purposes=MappingProxyType(purposes))
