"""What intake's command handlers work with, built once by ``bootstrap`` (service layer)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date
from typing import Protocol

from services.intake.service_layer.documents import Documents
from services.intake.service_layer.enrolment import PersonalData
from services.intake.service_layer.messages import Outbox
from services.intake.service_layer.privacy import RetentionRules
from services.intake.service_layer.reasons import KeptReasons
from shared.business_dates import helsinki_today
from shared.eventlog.aggregates import AggregateStreams


class Members(Protocol):
    """Who belongs to a project: the accounts, as a rule about a coach needs them."""

    def members_of(self, project_id: str, role: str | None = None) -> list[tuple[str, str]]:
        """(user id, display name) of the project's active members, of ``role`` if given."""
        ...


@dataclasses.dataclass(frozen=True, slots=True)
class IntakeDeps:
    streams: AggregateStreams
    """The log as clients' and projects' streams."""
    people: PersonalData
    members: Members
    today: Callable[[], date] = helsinki_today
    """The coaches' calendar day: business dates may not lie far beyond it."""
    documents: Documents | None = None
    """Clients' documents, sealed with each person's key."""
    reasons: KeptReasons | None = None
    """The words of reasons that events name by id (a client's sealed with their key);
    a command giving words is refused without it rather than losing them."""
    messages: Outbox | None = None
    """The message templates and outbox (``service_layer.messages``)."""
    retention: RetentionRules | None = None
    """Each project's retention rule (``service_layer.privacy``)."""
