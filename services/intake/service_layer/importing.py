"""Importing a running project's participants: the handler of ``ImportParticipant``.

Only a project manager (or an administrator) brings a project's earlier records in. The
events are appended under an idempotency key of the derived client id, on a stream that
must still be empty: an import run twice, or by two managers at once, stores each
participant once. Every event of an import carries ``import:<the file's SHA-256>`` as its
correlation id, so the log says which file each imported participant came from, and the
acting manager as its actor. No personal data is saved: the file carries none.
"""

from __future__ import annotations

import dataclasses
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Final

from services.intake.domain.errors import DomainError
from services.intake.domain.importing import (
    ImportParticipant,
    ImportParticipants,
    decide_import,
    imported_client_id,
)
from services.intake.service_layer.enrolment import CLIENT, registered_project
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


def import_participant(
    deps: IntakeDeps, command: ImportParticipant, context: CommandContext
) -> Accepted:
    """Store the participant unless already imported (then ``duplicate``, nothing stored);
    a dry run checks the same and stores nothing (``recorded`` 0)."""
    if not context.has_role(PROJECT_MANAGER):
        raise DomainError("forbidden")
    project = registered_project(deps.streams, context.project_id)
    dates = DateRange.of(project.plan.starts_on, deps.today())
    dates.check(command.entry_date, "entry_date")
    if command.exit is not None:
        dates.check(command.exit.exit_date, "exit_date")
    client_id = imported_client_id(context.project_id, command.reference)
    if deps.streams.load(CLIENT, client_id).state is not None:
        return Accepted(client_id, duplicate=True)
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
    result = deps.streams.log.append(
        CLIENT.stream(client_id),
        [NewEvent.of(event, event_context) for event in events],
        expected_version=0,
        idempotency_key=f"intake:import:{client_id}",
    )
    return Accepted(client_id, result.duplicate, 0 if result.duplicate else len(events))


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

    def one(row: ImportParticipant) -> Accepted | Refusal:
        try:
            return import_participant(deps, row, context)
        except Refusal as refusal:
            return refusal

    with ThreadPoolExecutor(WORKERS, thread_name_prefix="import") as pool:
        outcomes = tuple(pool.map(one, command.rows))
    recorded = sum(o.recorded for o in outcomes if isinstance(o, Accepted))
    return BatchAccepted(context.project_id, recorded=recorded, outcomes=outcomes)
