"""Running a read sheet through intake's bus, as a dry run or for real (entrypoint layer).

The command line (``duuni import``) and the project manager's import page share this: each
row becomes one ``ImportParticipant`` handed to the bus, so the import obeys the same
rules (role, project, dates, target group) whichever edge it came through. A real import
first runs dry over the whole file and stores nothing unless every row passes: a file
half imported would leave the manager to work out which half.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from enum import StrEnum
from typing import Final

from services.intake.domain.importing import ImportParticipant, ImportParticipants
from services.intake.entrypoints.import_sheet import Sheet, SheetRow
from services.intake.service_layer.access_log import WRITE, AccessLog, here
from services.intake.service_layer.importing import BatchAccepted
from shared.messagebus import Accepted, CommandContext, MessageBus
from shared.refusal import Refusal
from shared.web.i18n import N_
from shared.web.sheets import Problem


class RowStatus(StrEnum):
    NEW = "new"
    """A dry run: the participant would be created."""
    CREATED = "created"
    ALREADY = "already"
    """Imported before: nothing new."""
    INVALID = "invalid"


STATUS_LABELS: Final = {
    RowStatus.NEW: N_("would be created"),
    RowStatus.CREATED: N_("created"),
    RowStatus.ALREADY: N_("already imported: nothing new"),
    RowStatus.INVALID: N_("not imported"),
}

REFUSALS: Final = {
    "outside_target_group": ("age_at_start", N_("outside the project's target group")),
    "exit_before_entry": ("end_date", N_("before the start date")),
    "unemployed_since_after_entry": ("unemployed_since", N_("after the start date")),
    "unemployed_since_only_when_unemployed": (
        "unemployed_since", N_("only for someone unemployed at start"),
    ),
    "employment_type_only_when_employed": (
        "employment_type", N_("only for someone employed upon leaving"),
    ),
    "referral_kind_only_when_referred": (
        "referral_kind", N_("only for someone referred to other services"),
    ),
    "intermediate_kind_only_for_intermediate": (
        "intermediate_kind", N_("only for the intermediate labour market"),
    ),
    "invalid_age_at_entry": ("age_at_start", N_("not an age")),
    "identity_code_taken": (
        "identity_code", N_("a client with this identity code is already in the project"),
    ),
    "birth_date_not_identity_code": ("birth_date", N_("not the birth date of the identity code")),
    "age_not_birth_date": (
        "age_at_start", N_("not the age the birth date gives on the start date"),
    ),
    "date_before_birth": ("birth_date", N_("after the start date")),
    "invalid_language": ("language", N_("not one of the codes fi, sv, en")),
    "date_before_project": ("", N_("more than a year before the project started")),
    "date_too_far_ahead": ("", N_("in the future")),
    "forbidden": ("", N_("only a project manager may import participants")),
    "project_not_found": ("", N_("no such project")),
}  # fmt: skip
"""Codes of the bus's refusals: the column they concern (``""``: the field's) and the words."""
REFUSED: Final = N_("refused (%(code)s)")
FIELD_COLUMNS: Final = {"entry_date": "start_date", "exit_date": "end_date"}


@dataclasses.dataclass(frozen=True, slots=True)
class RowOutcome:
    row: int
    reference: str
    status: RowStatus
    command: ImportParticipant | None
    problems: tuple[Problem, ...] = ()


@dataclasses.dataclass(frozen=True, slots=True)
class ImportOutcome:
    sha256: str
    rows: tuple[RowOutcome, ...]
    problems: tuple[Problem, ...]
    """Of the file as a whole."""
    dry_run: bool

    @property
    def ok(self) -> bool:
        return not self.problems and all(r.status is not RowStatus.INVALID for r in self.rows)

    def count(self, status: RowStatus) -> int:
        return sum(1 for r in self.rows if r.status is status)

    def all_problems(self) -> list[Problem]:
        return [*self.problems, *(p for r in self.rows for p in r.problems)]


BATCH: Final = 250
"""Rows per command to the bus: the projections catch up once per batch."""

Progress = Callable[[int], None]
"""Told how many rows are done, after each."""


def run_import(
    bus: MessageBus,
    context: CommandContext,
    sheet: Sheet,
    *,
    dry_run: bool,
    progress: Progress | None = None,
    access: AccessLog | None = None,
) -> ImportOutcome:
    """The dry run's outcome; for real, the import's, or the dry run's if any row fails.

    An import that created participants is one write in the ``access`` log: by the
    manager, naming the file's SHA-256 and how many were created (not one per row)."""
    checked = _each(bus, context, sheet, dry_run=True, progress=None if not dry_run else progress)
    if dry_run or not checked.ok:
        return checked
    done = _each(bus, context, sheet, dry_run=False, progress=progress)
    created = done.count(RowStatus.CREATED)
    if access is not None and created:
        purpose = f"import {sheet.sha256}: {created} participants created"
        access.record([here(context.project_id, None, context.actor, WRITE, purpose)])
    return done


def _each(
    bus: MessageBus, context: CommandContext, sheet: Sheet, *, dry_run: bool,
    progress: Progress | None,
) -> ImportOutcome:  # fmt: skip
    outcomes: list[RowOutcome] = []
    for first in range(0, len(sheet.rows), BATCH):
        rows = sheet.rows[first : first + BATCH]
        outcomes.extend(_batch(bus, context, rows, dry_run=dry_run))
        if progress is not None:
            progress(first + len(rows))
    return ImportOutcome(sheet.sha256, tuple(outcomes), sheet.problems, dry_run)


def _batch(
    bus: MessageBus, context: CommandContext, rows: Sequence[SheetRow], *, dry_run: bool
) -> list[RowOutcome]:
    """The rows' outcomes in order: the readable ones go to the bus as one command."""
    commands = [
        dataclasses.replace(row.command, dry_run=dry_run) for row in rows if row.command is not None
    ]
    answers: list[Accepted | Refusal] = []
    if commands:
        try:
            accepted = bus.handle(ImportParticipants(rows=tuple(commands)), context)
            answers = list(accepted.outcomes) if isinstance(accepted, BatchAccepted) else []
        except Refusal as refusal:  # the whole batch: not a manager, no such project
            answers = [refusal] * len(commands)
    given = iter(zip(commands, answers, strict=True))
    done: list[RowOutcome] = []
    for row in rows:
        if row.command is None:
            done.append(RowOutcome(row.row, row.reference, RowStatus.INVALID, None, row.problems))
            continue
        command, answer = next(given)
        done.append(_outcome(row, command, answer, dry_run=dry_run))
    return done


def _outcome(
    row: SheetRow, command: ImportParticipant, answer: Accepted | Refusal, *, dry_run: bool
) -> RowOutcome:
    if isinstance(answer, Refusal):
        problem = _problem(row.row, answer)
        return RowOutcome(row.row, row.reference, RowStatus.INVALID, command, (problem,))
    if answer.duplicate:
        status = RowStatus.ALREADY
    else:
        status = RowStatus.NEW if dry_run else RowStatus.CREATED
    return RowOutcome(row.row, row.reference, status, command)


def _problem(row: int, refusal: Refusal) -> Problem:
    column, message = REFUSALS.get(refusal.code, ("", REFUSED))
    field = refusal.field or ""
    column = column or FIELD_COLUMNS.get(field, field)
    if refusal.code == "outside_target_group" and "age" not in refusal.detail:
        column = "employment_status_at_start"  # the status, not the age, is outside
    values = (("code", refusal.code),) if message == REFUSED else ()
    return Problem(row, column, message, values)
