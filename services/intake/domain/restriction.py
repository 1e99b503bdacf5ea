"""Restriction of processing before the retention end (GDPR Art. 17(3)(b), Art. 18).

A person may ask for erasure while the ESF retention obligation (CPR 2021/1060 Art. 82)
still runs. The request is then recorded with its legal basis and the person's data is
restricted: hidden from everyone but the data-protection role until the retention end,
when the sweep erases it. The events carry the basis as a code and the day, never the
words of the request (domain layer: commands and events in, events out).
"""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Final

from services.intake.domain.errors import DomainError
from services.intake.domain.events import ProcessingRestricted, ProcessingRestrictionLifted

RESTRICTION_BASES: Final = ("esf_retention",)
"""Why a restriction stands in for an erasure: ``esf_retention`` is Art. 17(3)(b), the
funder's legal obligation to keep the project's records until the retention end."""
LIFTING_BASES: Final = ("request_withdrawn",)
"""Why a restriction ends before the retention end: the person withdrew the request."""


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class RestrictProcessing:
    """Record an erasure request that must wait for the retention end, and restrict the
    person's data to the data-protection role until then."""

    client_id: str
    basis: str = "esf_retention"
    """One of ``RESTRICTION_BASES``."""


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class LiftRestriction:
    """End a restriction because the person withdrew their request."""

    client_id: str
    basis: str = "request_withdrawn"
    """One of ``LIFTING_BASES``."""


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class Restriction:
    """A restriction in force: since when and on what basis."""

    client_id: str
    basis: str
    since: date


RestrictionEvent = ProcessingRestricted | ProcessingRestrictionLifted


def evolve_restriction(state: Restriction | None, event: RestrictionEvent) -> Restriction | None:
    """The restriction in force after ``event`` (None once lifted)."""
    if isinstance(event, ProcessingRestricted):
        return Restriction(client_id=event.client_id, basis=event.basis, since=event.restricted_on)
    return None


def decide_restriction(
    state: Restriction | None, command: RestrictProcessing, project_id: str, today: date
) -> list[ProcessingRestricted]:
    """Refused: an unknown basis (``invalid_restriction_basis``), a person already
    restricted (``already_restricted``)."""
    if command.basis not in RESTRICTION_BASES:
        raise DomainError("invalid_restriction_basis", field="basis")
    if state is not None:
        raise DomainError("already_restricted")
    return [
        ProcessingRestricted(
            client_id=command.client_id, project_id=project_id, basis=command.basis,
            restricted_on=today,
        )
    ]  # fmt: skip


def decide_lifting(
    state: Restriction | None, command: LiftRestriction, project_id: str, today: date
) -> list[ProcessingRestrictionLifted]:
    """Refused: an unknown basis (``invalid_restriction_basis``), no restriction in force
    (``not_restricted``)."""
    if command.basis not in LIFTING_BASES:
        raise DomainError("invalid_restriction_basis", field="basis")
    if state is None:
        raise DomainError("not_restricted")
    return [
        ProcessingRestrictionLifted(
            client_id=command.client_id, project_id=project_id, basis=command.basis,
            lifted_on=today,
        )
    ]  # fmt: skip
