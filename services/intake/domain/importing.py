"""Participants of a project that ran before Duuni, brought in from its records (domain, pure).

A running project keeps its participants in spreadsheets or in EURA; to switch it must be
able to bring them in. An imported participant becomes the same ``client_enrolled`` (and
``client_exited``) events a coach's enrolment gives, so every service counts them alike,
with three differences that keep the import honest:

* it never invents data: what the file does not say stays missing (an empty municipality,
  an entry route ``not_recorded``, an unemployment start or an exit's detail of ``None``)
  and shows in data completeness, where an enrolment form would have insisted on it;
* the business dates are the file's, and the client id is derived from the project and the
  row's own reference (``imported_client_id``), so importing the same file twice finds
  the participants already there and creates nothing new;
* the consent is the project's earlier one (``IMPORTED_CONSENT``), given on entry.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, time
from typing import Final

from services.intake.domain.errors import DomainError
from services.intake.domain.esf import (
    Destination,
    EntryRoute,
    EsfStartData,
    LabourMarketStatus,
    details_of,
)
from services.intake.domain.events import ClientEnrolled, ClientExited
from services.intake.domain.identity import age_on, birth_date_of
from services.intake.domain.target_group import TargetGroupRule
from shared.import_ids import imported_client_id as imported_client_id  # one derivation

LANGUAGES: Final = frozenset({"fi", "sv", "en"})
IMPORTED_CONSENT = "import"
"""The consent version of an imported participant: given in the project's earlier system,
on entering (the text of that consent is the project's, not one of Duuni's versions)."""


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class ImportedExit(Destination):
    """How the participation ended, as far as the file says."""

    exit_date: date


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class ImportedPerson:
    """Who the participant is, as far as the file says: kept in intake's personal-data
    store like an enrolled person's, never in an event. Every field may be missing; an
    identity code, when given, is a valid one and gives the birth date."""

    first_name: str = ""
    last_name: str = ""
    identity_code: str | None = None
    birth_date: date | None = None
    phone: str = ""
    email: str = ""
    language: str = "fi"
    """The language the project speaks to them in: Finnish unless the file says."""


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class ImportParticipant:
    """Bring in one participant from row ``row`` of a file whose SHA-256 is ``file_sha256``.

    ``reference`` is the row's own identity in the project's records (the participant id
    of Duuni's export, or the earlier system's number): it never reaches an event, only
    the client id derived from it does.
    """

    reference: str
    entry_date: date
    start_data: EsfStartData
    entry_route: EntryRoute = EntryRoute.NOT_RECORDED
    exit: ImportedExit | None = None
    person: ImportedPerson = ImportedPerson()
    file_sha256: str
    row: int
    dry_run: bool = False
    """Check everything and answer as the import would, storing nothing."""


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class ImportParticipants:
    """Many rows as one command: the service's own projections then catch up once per
    batch, not once per row, which is most of an import's time otherwise."""

    rows: tuple[ImportParticipant, ...]


def decide_import(
    command: ImportParticipant,
    *,
    client_id: str,
    project_id: str,
    coach_id: str,
    target_group: TargetGroupRule,
) -> list[ClientEnrolled | ClientExited]:
    """The events of a new imported participant; a ``DomainError`` for contradicting data.

    Only contradictions are refused (an unemployment start for someone employed, an exit
    before the entry, an employment type for someone not employed); gaps are kept as gaps.
    """
    if not command.reference.strip():
        raise DomainError("import_reference_required")
    data = command.start_data
    _check_start(data, command.entry_date)
    _check_person(command.person, data.age_at_entry, command.entry_date)
    if target_group.breaches(data):
        raise DomainError("outside_target_group", ", ".join(target_group.breaches(data)))
    events: list[ClientEnrolled | ClientExited] = [
        ClientEnrolled(
            client_id=client_id,
            project_id=project_id,
            coach_id=coach_id,
            entered_on=command.entry_date,
            entry_route=command.entry_route,
            start_data=data,
            consent_version=IMPORTED_CONSENT,
            consented_at=datetime.combine(command.entry_date, time(), tzinfo=UTC),
        )
    ]
    if command.exit is not None:
        events.append(_exit(client_id, command.entry_date, command.exit))
    return events


def _check_start(data: EsfStartData, entry_date: date) -> None:
    if not 0 <= data.age_at_entry <= 130:
        raise DomainError("invalid_age_at_entry")
    unemployed = data.labour_market_status is LabourMarketStatus.UNEMPLOYED
    if not unemployed and data.unemployed_since is not None:
        raise DomainError("unemployed_since_only_when_unemployed")
    if data.unemployed_since is not None and data.unemployed_since > entry_date:
        raise DomainError("unemployed_since_after_entry")


def _check_person(person: ImportedPerson, age: int, entry_date: date) -> None:
    """The identity code's birth date is the birth date, and the age at start its own."""
    born = person.birth_date
    if person.identity_code:
        from_code = birth_date_of(person.identity_code)
        if born is not None and born != from_code:
            raise DomainError("birth_date_not_identity_code")
        born = from_code
    if person.language not in LANGUAGES:
        raise DomainError("invalid_language")
    if born is not None and age_on(born, entry_date) != age:
        raise DomainError("age_not_birth_date")


def _exit(client_id: str, entry_date: date, exit: ImportedExit) -> ClientExited:
    """The exit; a missing detail stays missing, a detail of another status is refused."""
    if exit.exit_date < entry_date:
        raise DomainError("exit_before_entry")
    Destination.of(exit).check(complete=False)
    return ClientExited(
        client_id=client_id,
        exited_on=exit.exit_date,
        exit_status=exit.exit_status,
        **details_of(exit),
    )
