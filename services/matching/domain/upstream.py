"""Tolerant readers of intake's events: only the fields matching needs.

Declared here rather than imported, so that matching never depends on intake's code;
extra payload keys (start data, entry route...) are ignored on decoding, which also keeps
gender, age and the other start data out of matching altogether.
"""

from __future__ import annotations

from datetime import date

from shared.events.contract import event


@event("intake.client_enrolled", version=1)
class ClientEnrolled:
    client_id: str
    project_id: str
    coach_id: str
    entered_on: date
    consent_version: str


@event("intake.client_re_entered", version=1)
class ClientReEntered:
    client_id: str
    project_id: str
    re_entered_on: date


@event("intake.coach_assigned", version=1)
class CoachAssigned:
    client_id: str
    coach_id: str


@event("intake.client_exited", version=1)
class ClientExited:
    """The project is in the envelope (``RecordedEvent.project_id``), not the payload."""

    client_id: str
    exited_on: date


@event("intake.consent_given", version=1)
class ConsentGiven:
    """Consent to one purpose; matching follows only ``employer_presentation``."""

    client_id: str
    project_id: str
    purpose: str
    version: str


@event("intake.consent_withdrawn", version=1)
class ConsentWithdrawn:
    """A withdrawn consent to one purpose: respected at once."""

    client_id: str
    project_id: str
    purpose: str
    version: str
