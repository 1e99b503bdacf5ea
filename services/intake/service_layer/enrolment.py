"""Enrolling and exiting clients: the intake handlers over the log and the personal data.

Service layer. Names, contact details and identity codes go to the personal-data store
(``PersonalData``); the log gets only the pseudonymous client's events. Personal data is
saved before the events are appended: a person row without events is harmless, events
without a person row would not be.
"""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from typing import Protocol

from services.intake.domain.client import Client, decide, rebuild
from services.intake.domain.commands import (
    AssignCoach,
    Command,
    CorrectStartData,
    EnrolClient,
    ExitClient,
    ReEnterClient,
)
from services.intake.domain.contracts import intake_contracts
from services.intake.domain.errors import DomainError
from services.intake.domain.esf import EmploymentType, EntryRoute, EsfStartData, ExitStatus
from services.intake.domain.events import Event
from services.intake.domain.identity import age_on, birth_date_of
from services.intake.domain.target_group import TargetGroupOverride, TargetGroupRule
from shared.eventlog.port import EventLog
from shared.events.codec import decode_event
from shared.events.envelope import Context, NewEvent
from shared.ids import uuid7_str

LANGUAGES: frozenset[str] = frozenset({"fi", "sv", "en"})


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class Person:
    """Who a client is: kept apart from the log, to be encrypted and erased per person."""

    client_id: str
    project_id: str
    identity_code: str | None
    birth_date: date
    first_name: str
    last_name: str
    phone: str
    email: str
    language: str
    consent_version: str
    consented_at: datetime


class PersonalData(Protocol):
    """The personal-data store: one person per client, found again by identity code."""

    def save(self, person: Person, *, submission_id: str | None = None) -> None:
        """Insert or replace the person; remember ``submission_id`` as theirs."""
        ...

    def get(self, project_id: str, client_id: str) -> Person | None: ...

    def in_project(self, project_id: str) -> list[Person]: ...

    def client_with_identity_code(self, project_id: str, identity_code: str) -> str | None:
        """The client id already holding this identity code in the project, if any."""
        ...

    def client_of_submission(self, submission_id: str) -> str | None: ...


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class Enrolment:
    """One submitted enrolment form: personal data plus the ESF start data."""

    project_id: str
    coach_id: str
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
    submission_id: str | None = None
    override_reason: str | None = None
    """A project manager's reason for enrolling someone outside the target group."""
    may_override: bool = False
    """Whether the submitter may override the target-group rule (manager or admin)."""


@dataclasses.dataclass(frozen=True, slots=True)
class Enrolled:
    client_id: str
    re_entry: bool
    duplicate: bool = False


def stream_of(client_id: str) -> str:
    return f"client-{client_id}"


def load(log: EventLog, client_id: str) -> tuple[Client | None, int]:
    """The client's state and stream version, rebuilt from the log."""
    contracts = intake_contracts()
    recorded = log.read_stream(stream_of(client_id))
    events: list[Event] = [
        decode_event(contracts, r.event_type, r.schema_version, r.payload) for r in recorded
    ]
    return rebuild(events), recorded[-1].stream_version if recorded else 0


def _execute(
    log: EventLog,
    client_id: str,
    command: Command,
    context: Context,
    idempotency_key: str | None = None,
) -> bool:
    """Decide on the current state and append; True when the key had been used before."""
    state, version = load(log, client_id)
    events = decide(state, command)
    if not events:
        return False
    result = log.append(
        stream_of(client_id),
        [NewEvent.of(event, context) for event in events],
        expected_version=version,
        idempotency_key=idempotency_key,
    )
    return result.duplicate


def _birth_date(form: Enrolment) -> tuple[str | None, date]:
    if form.identity_code and form.identity_code.strip():
        code = form.identity_code.strip().upper()
        return code, birth_date_of(code)
    if form.birth_date is None:
        raise DomainError("identity_code_or_birth_date_required")
    return None, form.birth_date


def enrol(
    log: EventLog,
    people: PersonalData,
    form: Enrolment,
    *,
    actor: str,
    target_group: TargetGroupRule | None = None,
) -> Enrolled:
    """Enrol a new client, or re-enter the one already holding the identity code.

    A form submitted twice with the same ``submission_id`` enrols one client. Outside the
    project's ``target_group`` the enrolment is refused (``outside_target_group``) unless a
    manager gives a reason, which is recorded with their id.
    """
    code, born = _birth_date(form)
    age = age_on(born, form.entry_date)
    if form.language not in LANGUAGES:
        raise DomainError("invalid_language")
    if not form.first_name.strip() or not form.last_name.strip():
        raise DomainError("name_required")
    context = Context(project_id=form.project_id, actor=actor)
    key = f"intake-enrol:{form.submission_id}" if form.submission_id else None
    if key is not None and (done := log.appended_with(key)) is not None:
        return _answered_before(log, done.stream_id, done.stream_version)
    # A form whose person was saved but whose events were not keeps its client id.
    submitted = people.client_of_submission(form.submission_id) if form.submission_id else None
    existing = people.client_with_identity_code(form.project_id, code) if code else None
    client_id = existing or submitted or uuid7_str()
    state, _ = load(log, client_id)
    person = Person(
        client_id=client_id,
        project_id=form.project_id,
        identity_code=code,
        birth_date=born,
        first_name=form.first_name.strip(),
        last_name=form.last_name.strip(),
        phone=form.phone.strip(),
        email=form.email.strip(),
        language=form.language,
        consent_version=form.consent_version,
        consented_at=form.consented_at,
    )
    command: Command
    if state is not None:
        command = ReEnterClient(
            client_id=client_id, project_id=form.project_id, re_entry_date=form.entry_date
        )
    else:
        command = EnrolClient(
            client_id=client_id,
            project_id=form.project_id,
            coach_id=form.coach_id,
            entry_date=form.entry_date,
            entry_route=form.entry_route,
            start_data=dataclasses.replace(form.start_data, age_at_entry=age),
            consent_version=form.consent_version,
            consented_at=form.consented_at,
            target_group=target_group or TargetGroupRule(),
            override=_override(form, actor),
        )
    decide(state, command)  # refuse before touching the personal data
    people.save(person, submission_id=form.submission_id)
    duplicate = _execute(log, client_id, command, context, key)
    return Enrolled(client_id, re_entry=state is not None, duplicate=duplicate)


def _answered_before(log: EventLog, stream_id: str, version: int) -> Enrolled:
    """The answer to a form already saved: the same client, re-entry or not."""
    last = log.read_stream(stream_id, version - 1)
    re_entry = bool(last) and last[0].event_type == "intake.client_re_entered"
    return Enrolled(stream_id.removeprefix("client-"), re_entry=re_entry, duplicate=True)


def _override(form: Enrolment, actor: str) -> TargetGroupOverride | None:
    if form.override_reason is None or not form.override_reason.strip():
        return None
    if not form.may_override:
        raise DomainError("override_not_allowed")
    return TargetGroupOverride(reason=form.override_reason.strip(), approved_by=actor)


def exit_client(
    log: EventLog,
    people: PersonalData,
    *,
    project_id: str,
    client_id: str,
    exit_date: date,
    exit_status: ExitStatus,
    employment_type: EmploymentType | None,
    actor: str,
) -> None:
    """End the client's current participation; another project's client is not found."""
    if people.get(project_id, client_id) is None:
        raise DomainError("client_not_found")
    command = ExitClient(
        client_id=client_id,
        exit_date=exit_date,
        exit_status=exit_status,
        employment_type=employment_type,
    )
    _execute(log, client_id, command, Context(project_id=project_id, actor=actor))


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class ClientView:
    """A row of the client list: the person joined with the client's state."""

    person: Person
    client: Client


def client_view(log: EventLog, people: PersonalData, project_id: str, client_id: str) -> ClientView:
    state = _client_in(log, people, project_id, client_id)
    person = people.get(project_id, client_id)
    assert person is not None
    return ClientView(person=person, client=state)


def clients_in(log: EventLog, people: PersonalData, project_id: str) -> list[ClientView]:
    """The project's enrolled clients, rebuilt from their streams (no projection yet)."""
    views: list[ClientView] = []
    for person in people.in_project(project_id):
        state = load(log, person.client_id)[0]
        if state is not None and state.project_id == project_id:
            views.append(ClientView(person=person, client=state))
    return views


def _client_in(log: EventLog, people: PersonalData, project_id: str, client_id: str) -> Client:
    person = people.get(project_id, client_id)
    state = load(log, client_id)[0] if person is not None else None
    if person is None or state is None or state.project_id != project_id:
        raise DomainError("client_not_found")
    return state


def correct_start_data(
    log: EventLog,
    people: PersonalData,
    *,
    project_id: str,
    client_id: str,
    start_data: EsfStartData,
    reason: str,
    actor: str,
) -> None:
    """Record corrected start data with the reason; the age stays what the birth date gives."""
    state = _client_in(log, people, project_id, client_id)
    corrected = dataclasses.replace(start_data, age_at_entry=state.start_data.age_at_entry)
    command = CorrectStartData(client_id=client_id, start_data=corrected, reason=reason)
    _execute(log, client_id, command, Context(project_id=project_id, actor=actor))


def assign_coach(
    log: EventLog,
    people: PersonalData,
    *,
    project_id: str,
    client_id: str,
    coach_id: str,
    actor: str,
) -> None:
    _client_in(log, people, project_id, client_id)
    command = AssignCoach(client_id=client_id, coach_id=coach_id)
    _execute(log, client_id, command, Context(project_id=project_id, actor=actor))
