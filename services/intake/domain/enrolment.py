"""The command a submitted enrolment form (or the JSON API) sends: a person to enrol.

It carries the personal data, which never reach the log, beside the ESF start data; the
service layer turns it into the Client aggregate's ``EnrolClient`` or ``ReEnterClient``.
The project, the actor and their roles come with the command's context.
"""

from __future__ import annotations

import dataclasses
from datetime import date, datetime

from services.intake.domain.esf import EntryRoute, EsfStartData


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class EnrolPerson:
    """Enrol a person in the context's project, or re-enter the client they already are."""

    coach_id: str
    """The responsible coach: one of the project's coaches."""
    identity_code: str | None
    birth_date: date | None
    first_name: str
    last_name: str
    phone: str
    email: str
    language: str
    consent_version: str
    consented_at: datetime
    entry_date: date
    entry_route: EntryRoute
    start_data: EsfStartData
    """``age_at_entry`` is ignored: it is computed from the birth date."""
    override_reason: str | None = None
    """A project manager's reason for enrolling someone outside the target group."""
