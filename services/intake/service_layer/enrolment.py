"""Enrolling clients and changing them: intake's client handlers (service layer).

Names, contact details and identity codes go to the personal-data store
(``PersonalData``); the log gets only the pseudonymous client's events. Personal data is
saved before the events are appended: a person row without events is harmless, events
without a person row would not be. Each handler loads the client once, lets the domain
decide once, and appends with the version it read.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Protocol

from services.intake.domain.client import Client, decide, evolve
from services.intake.domain.commands import (
    AssignCoach,
    Command,
    CorrectStartData,
    EnrolClient,
    ExitClient,
    ReEnterClient,
)
from services.intake.domain.enrolment import EnrolPerson
from services.intake.domain.errors import DomainError
from services.intake.domain.events import TargetGroupRuleOverridden
from services.intake.domain.identity import age_on, birth_date_of
from services.intake.domain.project import Project, evolve_project
from services.intake.domain.target_group import TargetGroupOverride
from services.intake.service_layer.reasons import checked_words, keep_words
from shared.business_dates import PLANNED_AHEAD, DateRange
from shared.eventlog.aggregates import Aggregate, AggregateStreams, Loaded, checked
from shared.ids import uuid7_str
from shared.messagebus import Accepted, CommandContext
from shared.web.principal import COACH, PROJECT_MANAGER
from shared.web.timing import span

if TYPE_CHECKING:
    from services.intake.service_layer.dependencies import IntakeDeps

LANGUAGES: frozenset[str] = frozenset({"fi", "sv", "en"})
CLIENT: Aggregate[Client] = Aggregate("client", evolve)
PROJECT: Aggregate[Project] = Aggregate("project", evolve_project)


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class Person:
    """Who a client is: kept apart from the log, to be encrypted and erased per person."""

    client_id: str
    project_id: str
    identity_code: str | None
    birth_date: date | None
    """None only for a participant imported from records that did not give it."""
    first_name: str
    last_name: str
    phone: str
    email: str
    language: str
    consent_version: str
    consented_at: datetime
    address: str = ""
    """The postal address, as the coach wrote it (lines joined by newlines)."""
    reference: str = ""
    """An imported participant's number in the project's earlier records: what pages show
    for a client whose names the import did not give."""

    @property
    def shown_name(self) -> str:
        """The name pages show: the names, or the earlier records' number without them."""
        return f"{self.first_name} {self.last_name}".strip() or self.reference


class PersonalData(Protocol):
    """The personal-data store: one person per client, found again by identity code."""

    def save(self, person: Person, *, submission_id: str | None = None, new: bool = False) -> None:
        """Insert or replace the person; remember ``submission_id`` as theirs. ``new``:
        the client id was minted for this save, so nothing of theirs is held yet."""
        ...

    def save_many(self, people: Sequence[Person]) -> None:
        """Insert or replace many persons in one transaction (an import's batch)."""
        ...

    def get(self, project_id: str, client_id: str) -> Person | None: ...

    def client_with_identity_code(self, project_id: str, identity_code: str) -> str | None:
        """The client id already holding this identity code in the project, if any."""
        ...

    def client_of_submission(self, submission_id: str) -> str | None:
        """The client a (project- and actor-scoped) submission enrolled, if any."""
        ...

    def forget(self, project_id: str, client_id: str) -> None:
        """Remove a person saved for events that were then not stored."""
        ...

    def record_reveal(self, reveal: IdentityCodeReveal) -> None:
        """Append who was shown a client's full identity code, when and why."""
        ...

    def reveals_of(self, project_id: str, client_id: str) -> list[IdentityCodeReveal]:
        """The client's recorded reveals, oldest first."""
        ...

    def erase(self, project_id: str, client_id: str) -> bool:
        """Delete the person's key and readable rows (crypto-shredding); whether any was."""
        ...

    def client_ids(self, project_id: str) -> list[str]:
        """Every client of the project whose personal data is held."""
        ...

    def project_of(self, client_id: str) -> str | None:
        """The project holding the client's personal data, if any."""
        ...

    def names_of(self, project_id: str, client_ids: Sequence[str]) -> dict[str, str]:
        """Display names of the project's clients among ``client_ids`` (for pages only)."""
        ...


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class IdentityCodeReveal:
    """A user was shown a client's full identity code, for the reason they gave."""

    reveal_id: str
    project_id: str
    client_id: str
    user_id: str
    revealed_at: datetime
    reason: str


@dataclasses.dataclass(frozen=True, slots=True)
class EnrolmentAccepted(Accepted):
    """An accepted enrolment; ``re_entry`` when the person was a former client."""

    re_entry: bool = False


def registered_project(streams: AggregateStreams, project_id: str) -> Project:
    project = streams.load(PROJECT, project_id).state
    if project is None:
        raise DomainError("project_not_found")
    return project


def _writer(context: CommandContext) -> None:
    if not context.may_write():
        raise DomainError("forbidden")


def _check_coach(deps: IntakeDeps, project_id: str, coach_id: str) -> None:
    """A client's coach is one of the project's coaches (the rule both edges share)."""
    if not coach_id.strip():
        raise DomainError("coach_required")
    if coach_id not in dict(deps.members.members_of(project_id, COACH)):
        raise DomainError("coach_not_in_project")


def enrol(deps: IntakeDeps, command: EnrolPerson, context: CommandContext) -> EnrolmentAccepted:
    """Enrol a new client, or re-enter the one already holding the identity code.

    A form submitted twice with the same submission id enrols one client. Outside the
    project's target group the enrolment is refused (``outside_target_group``) unless a
    project manager gives a reason, which is recorded with their id. The coach is the
    submitter or one of the project's coaches.
    """
    _writer(context)
    with span("project"):
        project = registered_project(deps.streams, context.project_id)
    DateRange.of(project.plan.starts_on, deps.today(), ahead=PLANNED_AHEAD).check(
        command.entry_date, "entry_date"
    )
    code, born = _birth_date(command)
    if command.language not in LANGUAGES:
        raise DomainError("invalid_language")
    if not command.first_name.strip() or not command.last_name.strip():
        raise DomainError("name_required")
    if command.coach_id != context.actor:
        _check_coach(deps, context.project_id, command.coach_id)
    sid, scoped = context.submission_id, context.scoped_submission
    with span("submitted"):
        done = deps.streams.log.appended_with(_key(deps, context, sid)) if sid else None
    if done is not None:
        return _answered_before(deps.streams, done.stream_id, done.stream_version)
    # A form whose person was saved but whose events were not keeps its client id.
    with span("lookups"):
        submitted = deps.people.client_of_submission(scoped) if scoped else None
        existing = deps.people.client_with_identity_code(context.project_id, code) if code else None
    held = existing or submitted
    client_id = held or uuid7_str()
    with span("load"):  # a client id minted just now has no stream to read
        loaded = deps.streams.load(CLIENT, client_id) if held else Loaded(None, 0)
    if loaded.state is not None:
        aggregate_command: Command = ReEnterClient(
            client_id=client_id, project_id=context.project_id, re_entry_date=command.entry_date
        )
    else:
        aggregate_command = _enrol_client(command, client_id, born, project, context)
    events = decide(loaded.state, aggregate_command)  # refuse before saving personal data
    checked(events, context.event_context())  # and refuse identifiers in them, too
    with span("people"):
        deps.people.save(
            _person(command, client_id, context.project_id, code, born),
            submission_id=scoped,
            new=not held,  # a client id minted just now has nothing saved yet
        )
    _keep_override_words(deps, aggregate_command, events, context)
    try:
        with span("append"):
            duplicate = deps.streams.append(
                CLIENT, client_id, loaded.version, events, context.event_context(),
                submission_id=sid,
            )  # fmt: skip
    except Exception:
        if existing is None and loaded.state is None:  # nobody is left behind unseen
            deps.people.forget(context.project_id, client_id)
        raise
    recorded = 0 if duplicate else len(events)
    return EnrolmentAccepted(client_id, duplicate, recorded, re_entry=loaded.state is not None)


def _enrol_client(
    command: EnrolPerson, client_id: str, born: date, project: Project, context: CommandContext
) -> EnrolClient:
    """The Client aggregate's command: the age at entry from the birth date, the project's
    target group, and the override if the actor may give one."""
    return EnrolClient(
        client_id=client_id,
        project_id=context.project_id,
        coach_id=command.coach_id,
        entry_date=command.entry_date,
        entry_route=command.entry_route,
        start_data=dataclasses.replace(
            command.start_data, age_at_entry=age_on(born, command.entry_date)
        ),
        consent_version=command.consent_version,
        consented_at=command.consented_at,
        target_group=project.plan.target_group,
        override=_override(command, context),
    )


def _key(deps: IntakeDeps, context: CommandContext, submission_id: str) -> str:
    """The idempotency key ``AggregateStreams.append`` gives a client's submission."""
    return deps.streams.submission_key(CLIENT, context.event_context(), submission_id)


def _birth_date(command: EnrolPerson) -> tuple[str | None, date]:
    if command.identity_code and command.identity_code.strip():
        code = command.identity_code.strip().upper()
        return code, birth_date_of(code)
    if command.birth_date is None:
        raise DomainError("identity_code_or_birth_date_required")
    return None, command.birth_date


def _person(
    command: EnrolPerson, client_id: str, project_id: str, code: str | None, born: date
) -> Person:
    return Person(
        client_id=client_id,
        project_id=project_id,
        identity_code=code,
        birth_date=born,
        first_name=command.first_name.strip(),
        last_name=command.last_name.strip(),
        phone=command.phone.strip(),
        email=command.email.strip(),
        language=command.language,
        consent_version=command.consent_version,
        consented_at=command.consented_at,
    )


def _answered_before(streams: AggregateStreams, stream_id: str, version: int) -> EnrolmentAccepted:
    """The answer to a form already saved: the same client, re-entry or not."""
    last = streams.log.read_stream(stream_id, version - 1)
    re_entry = bool(last) and last[0].event_type == "intake.client_re_entered"
    client_id = stream_id.removeprefix(f"{CLIENT.prefix}-")
    return EnrolmentAccepted(client_id, duplicate=True, re_entry=re_entry)


def _override(command: EnrolPerson, context: CommandContext) -> TargetGroupOverride | None:
    """Only a project manager (or an admin) may enrol outside the target group."""
    if command.override_reason is None or not command.override_reason.strip():
        return None
    if not context.has_role(PROJECT_MANAGER):
        raise DomainError("override_not_allowed")
    return TargetGroupOverride(
        reason=checked_words(command.override_reason, "override_reason"),
        approved_by=context.actor,
        reason_id=uuid7_str(),
    )


def _writable_client(deps: IntakeDeps, context: CommandContext, client_id: str) -> None:
    """Only a writer of the project changes a client; another project's client (or none
    at all) is not found."""
    _writer(context)
    if deps.people.get(context.project_id, client_id) is None:
        raise DomainError("client_not_found")


def _check_day_after_entry(
    deps: IntakeDeps, context: CommandContext, day: date, field: str
) -> None:
    """A day recorded after the entry (an exit's, a follow-up's check) is a business date:
    from the project's start to a day that has come (or nearly), refused at ``field``."""
    project = registered_project(deps.streams, context.project_id)
    DateRange.of(project.plan.starts_on, deps.today()).check(day, field)


def _change(
    deps: IntakeDeps, client_id: str, command: Command, context: CommandContext
) -> Accepted:
    def decided(state: Client | None) -> list[object]:
        if state is not None and state.project_id != context.project_id:
            raise DomainError("client_not_found")
        return list(decide(state, command))

    return deps.streams.execute(CLIENT, client_id, decided, context)


def exit_client(deps: IntakeDeps, command: ExitClient, context: CommandContext) -> Accepted:
    """End the client's current participation, on a day that has come (or nearly)."""
    _writable_client(deps, context, command.client_id)
    _check_day_after_entry(deps, context, command.exit_date, "exit_date")
    return _change(deps, command.client_id, command, context)


def correct_start_data(
    deps: IntakeDeps, command: CorrectStartData, context: CommandContext
) -> Accepted:
    """Record corrected start data with the reason; the age stays what the birth date gives."""
    _writable_client(deps, context, command.client_id)

    def decided(state: Client | None) -> list[object]:
        if state is None or state.project_id != context.project_id:
            raise DomainError("client_not_found")
        age = state.start_data.age_at_entry
        corrected = dataclasses.replace(command.start_data, age_at_entry=age)
        events: list[object] = list(
            decide(state, dataclasses.replace(command, start_data=corrected))
        )
        # The words are kept before the event that names them is appended: words without
        # an event are harmless (and go with the person), an event without them is not.
        keep_words(deps.reasons, reason_id, words, project_id=context.project_id,
                   client_id=command.client_id, author=context.actor)  # fmt: skip
        return events

    words = checked_words(command.reason, "reason")
    reason_id = uuid7_str() if words else None
    command = dataclasses.replace(command, reason=words, reason_id=reason_id)
    return deps.streams.execute(CLIENT, command.client_id, decided, context)


def _keep_override_words(
    deps: IntakeDeps, command: Command, events: Sequence[object], context: CommandContext
) -> None:
    """Keep a project manager's words for enrolling outside the target group, sealed with
    the person's key (saved just before), under the id the event names."""
    overridden = any(isinstance(e, TargetGroupRuleOverridden) and e.reason_id for e in events)
    if overridden and isinstance(command, EnrolClient) and command.override is not None:
        override = command.override
        keep_words(deps.reasons, override.reason_id, override.reason,
                   project_id=context.project_id, client_id=command.client_id,
                   author=context.actor)  # fmt: skip


def assign_coach(deps: IntakeDeps, command: AssignCoach, context: CommandContext) -> Accepted:
    """Hand the client to another of the project's coaches."""
    _writable_client(deps, context, command.client_id)
    _check_coach(deps, context.project_id, command.coach_id)
    return _change(deps, command.client_id, command, context)
