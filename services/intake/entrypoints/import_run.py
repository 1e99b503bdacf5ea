"""Running a read sheet through intake's bus, as a dry run or for real (entrypoint layer).

The command line (``duuni import``) and the project manager's import page share this: each
row becomes one ``ImportParticipant`` handed to the bus, so the import obeys the same
rules (role, project, dates, target group) whichever edge it came through. A real import
first runs dry over the whole file and stores nothing unless every row passes: a file
half imported would leave the manager to work out which half.
"""

from __future__ import annotations

from typing import Final

from services.intake.domain.importing import ImportParticipant, ImportParticipants
from services.intake.entrypoints.import_sheet import Sheet
from services.intake.service_layer.access_log import WRITE, AccessLog, here
from services.intake.service_layer.importing import BatchAccepted
from shared.messagebus import Accepted, CommandContext, MessageBus
from shared.refusal import Refusal
from shared.web import sheet_import
from shared.web.i18n import N_
from shared.web.sheet_import import REFUSED, STATUS_LABELS, Progress, RowStatus
from shared.web.sheets import Problem

__all__ = ["STATUS_LABELS", "ImportOutcome", "RowOutcome", "RowStatus", "run_import"]

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
FIELD_COLUMNS: Final = {"entry_date": "start_date", "exit_date": "end_date"}

RowOutcome = sheet_import.RowOutcome[ImportParticipant]
ImportOutcome = sheet_import.ImportOutcome[ImportParticipant]


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
    run = sheet_import.BatchRun(bus, context, _batch_command, _outcomes, _problem)
    done = run.checked_then_run(sheet, dry_run=dry_run, progress=progress)
    created = done.count(RowStatus.CREATED)
    if not dry_run and access is not None and created:
        purpose = f"import {sheet.sha256}: {created} participants created"
        access.record([here(context.project_id, None, context.actor, WRITE, purpose)])
    return done


def _batch_command(rows: tuple[ImportParticipant, ...]) -> ImportParticipants:
    return ImportParticipants(rows=rows)


def _outcomes(accepted: Accepted) -> tuple[Accepted | Refusal, ...]:
    return accepted.outcomes if isinstance(accepted, BatchAccepted) else ()


def _problem(row: int, refusal: Refusal) -> Problem:
    column, message = REFUSALS.get(refusal.code, ("", REFUSED))
    field = refusal.field or ""
    column = column or FIELD_COLUMNS.get(field, field)
    if refusal.code == "outside_target_group" and "age" not in refusal.detail:
        column = "employment_status_at_start"  # the status, not the age, is outside
    values = (("code", refusal.code),) if message == REFUSED else ()
    return Problem(row, column, message, values)
