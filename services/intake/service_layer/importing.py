"""Importing a running project's participants: the handler of ``ImportParticipant``.

Only a project manager (or an administrator) brings a project's earlier records in. The
events are appended under an idempotency key of the derived client id, on a stream that
must still be empty: an import run twice, or by two managers at once, stores each
participant once. Every event of an import carries ``import:<the file's SHA-256>`` as its
correlation id, so the log says which file each imported participant came from, and the
acting manager as its actor.

Every imported participant gets a person row in the personal-data store, as an enrolled
client does (sealed with their own key, saved before the events, forgotten if the events
are then not stored): with the names, identity code and contact details the file gives,
or without them, shown by the earlier records' number. Without that row no later command
(exit, correction, a coach's change) would find the client.
"""

from __future__ import annotations

import dataclasses
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, time
from typing import TYPE_CHECKING, Final

from services.intake.domain.errors import DomainError
from services.intake.domain.identity import birth_date_of
from services.intake.domain.importing import (
    IMPORTED_CONSENT,
    ImportParticipant,
    ImportParticipants,
    decide_import,
    imported_client_id,
)
from services.intake.service_layer.enrolment import CLIENT, Person, registered_project
from shared.business_dates import DateRange
from shared.eventlog.aggregates import checked
from shared.events.envelope import NewEvent
from shared.messagebus import Accepted, CommandContext
from shared.refusal import Refusal
from shared.web.principal import PROJECT_MANAGER

if TYPE_CHECKING:
    from services.intake.service_layer.dependencies import IntakeDeps

WORKERS: Final = 8
"""Rows of a batch stored at once, each on its own stream: the log commits concurrent
appends together (group commit), so a batch costs a few commits, not one per row."""
SOURCE = "import"
"""The correlation id's prefix that marks an imported event."""


def import_correlation_id(file_sha256: str) -> str:
    """What every event of an import of the file with this SHA-256 is correlated by."""
    return f"{SOURCE}:{file_sha256}"


@dataclasses.dataclass(frozen=True, slots=True)
class _Checked:
    """A row that passed every check and is to be stored: its person and its events."""

    client_id: str
    person: Person
    events: list[NewEvent]


def import_participant(
    deps: IntakeDeps, command: ImportParticipant, context: CommandContext
) -> Accepted:
    """Store the participant unless already imported (then ``duplicate``, nothing stored);
    a dry run checks the same and stores nothing (``recorded`` 0)."""
    found = _check(deps, command, context)
    if isinstance(found, Accepted):
        return found
    deps.people.save(found.person)
    return _store(deps, found, context)


def _check(
    deps: IntakeDeps, command: ImportParticipant, context: CommandContext
) -> Accepted | _Checked:
    """The answer of a row already imported or of a dry run; else what to store.
    Refuses (``DomainError``) as the import would."""
    if not context.has_role(PROJECT_MANAGER):
        raise DomainError("forbidden")
    project = registered_project(deps.streams, context.project_id)
    dates = DateRange.of(project.plan.starts_on, deps.today())
    dates.check(command.entry_date, "entry_date")
    if command.exit is not None:
        dates.check(command.exit.exit_date, "exit_date")
    client_id = imported_client_id(context.project_id, command.reference)
    existing = deps.streams.load(CLIENT, client_id).state
    if existing is not None:
        if not command.dry_run and deps.people.get(context.project_id, client_id) is None:
            # Imported before persons were kept for imports: the row is added now.
            deps.people.save(_person(command, client_id, context.project_id))
        return Accepted(client_id, duplicate=True)
    code = command.person.identity_code
    if code and deps.people.client_with_identity_code(context.project_id, code) is not None:
        raise DomainError("identity_code_taken")
    events = decide_import(
        command,
        client_id=client_id,
        project_id=context.project_id,
        coach_id=context.actor,
        target_group=project.plan.target_group,
    )
    event_context = dataclasses.replace(
        context.event_context(), correlation_id=import_correlation_id(command.file_sha256)
    )
    checked(events, event_context)
    if command.dry_run:
        return Accepted(client_id)
    return _Checked(
        client_id,
        _person(command, client_id, context.project_id),
        [NewEvent.of(event, event_context) for event in events],
    )


def _store(deps: IntakeDeps, row: _Checked, context: CommandContext) -> Accepted:
    """Append the events of a row whose person is saved; forget the person if they fail."""
    try:
        result = deps.streams.log.append(
            CLIENT.stream(row.client_id),
            row.events,
            expected_version=0,
            idempotency_key=f"intake:import:{row.client_id}",
        )
    except Exception:
        deps.people.forget(context.project_id, row.client_id)  # nobody is left behind unseen
        raise
    recorded = 0 if result.duplicate else len(row.events)
    return Accepted(row.client_id, result.duplicate, recorded)


def _person(command: ImportParticipant, client_id: str, project_id: str) -> Person:
    """The person row of an imported participant: what the file says, nothing more."""
    given = command.person
    code = given.identity_code.strip().upper() if given.identity_code else None
    return Person(
        client_id=client_id,
        project_id=project_id,
        identity_code=code,
        birth_date=birth_date_of(code) if code else given.birth_date,
        first_name=given.first_name.strip(),
        last_name=given.last_name.strip(),
        phone=given.phone.strip(),
        email=given.email.strip(),
        language=given.language,
        consent_version=IMPORTED_CONSENT,
        consented_at=datetime.combine(command.entry_date, time(), tzinfo=UTC),
        reference=command.reference.strip(),
    )


@dataclasses.dataclass(frozen=True, slots=True)
class BatchAccepted(Accepted):
    """A batch's answer: each row's own, in order (``Accepted`` or the ``Refusal``)."""

    outcomes: tuple[Accepted | Refusal, ...] = ()


def import_participants(
    deps: IntakeDeps, command: ImportParticipants, context: CommandContext
) -> BatchAccepted:
    """Every row as ``import_participant`` would take it; a refused row refuses only itself."""
    if not context.has_role(PROJECT_MANAGER):
        raise DomainError("forbidden")

    def check(row: ImportParticipant) -> Accepted | Refusal | _Checked:
        try:
            return _check(deps, row, context)
        except Refusal as refusal:
            return refusal

    def store(found: Accepted | Refusal | _Checked) -> Accepted | Refusal:
        if not isinstance(found, _Checked):
            return found
        try:
            return _store(deps, found, context)
        except Refusal as refusal:
            return refusal

    with ThreadPoolExecutor(WORKERS, thread_name_prefix="import") as pool:
        found = list(pool.map(check, command.rows))
        # The batch's persons in one transaction (one commit, not one per person), before
        # their events, as an enrolment saves its person first.
        outcomes = tuple(pool.map(store, _with_persons_saved(deps, found, context)))
    recorded = sum(o.recorded for o in outcomes if isinstance(o, Accepted))
    return BatchAccepted(context.project_id, recorded=recorded, outcomes=outcomes)


def _with_persons_saved(
    deps: IntakeDeps, found: list[Accepted | Refusal | _Checked], context: CommandContext
) -> list[Accepted | Refusal | _Checked]:
    """Save the batch's persons in one transaction; if that fails (an identity code
    enrolled meanwhile by someone else), person by person, refusing only the clashing row."""
    pending = [f for f in found if isinstance(f, _Checked)]
    try:
        deps.people.save_many([f.person for f in pending])
        return found
    except Exception:  # retried row by row below, where a real fault raises again
        pass
    saved: list[Accepted | Refusal | _Checked] = []
    for row in found:
        code = row.person.identity_code if isinstance(row, _Checked) else None
        holder = code and deps.people.client_with_identity_code(context.project_id, code)
        if isinstance(row, _Checked) and holder and holder != row.client_id:
            saved.append(DomainError("identity_code_taken"))
            continue
        if isinstance(row, _Checked):
            deps.people.save(row.person)
        saved.append(row)
    return saved
