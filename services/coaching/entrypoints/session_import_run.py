"""Running a read sessions sheet through coaching's bus, dry or for real (entrypoint layer).

The command line (``duuni import sessions``) and the project manager's page share this:
each row becomes one ``ImportSession`` handed to the bus, so the import obeys the same
rules whichever edge it came through. A real import first runs dry over the whole file
and stores nothing unless every row passes: a file half imported would leave the manager
to work out which half.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Final

from services.coaching.domain.commands import ImportSessions
from services.coaching.domain.session_import import ImportSession
from services.coaching.entrypoints.session_import_sheet import Sheet, SheetRow
from services.coaching.service_layer.session_import import BatchAccepted
from shared.messagebus import Accepted, CommandContext, MessageBus
from shared.refusal import Refusal
from shared.web import sheet_import
from shared.web.i18n import N_
from shared.web.sheet_import import REFUSED, STATUS_LABELS, Progress, RowStatus
from shared.web.sheets import Problem

__all__ = ["STATUS_LABELS", "ImportOutcome", "RowOutcome", "RowStatus", "run_session_import"]

UNKNOWN_COACH: Final = N_("no such user among the project's coaches")
REFUSALS: Final = {
    "client_not_found": (
        "participant_id", N_("no such participant in the project: import the participants first"),
    ),
    "held_in_the_future": ("date", N_("in the future")),
    "date_too_far_ahead": ("date", N_("in the future")),
    "date_before_project": ("date", N_("more than ten years ago")),
    "invalid_duration": ("duration_minutes", N_("not between 1 and 480 minutes")),
    "invalid_topics": ("topics", N_("more than 8 topics, or one twice")),
    "forbidden": ("", N_("only a project manager may import sessions")),
}  # fmt: skip
"""Codes of the bus's refusals: the column they concern and the words."""
Coaches = Callable[[str], str | None]
"""The user id of the project's coach (or manager) with this username, if there is one."""

RowOutcome = sheet_import.RowOutcome[ImportSession]
ImportOutcome = sheet_import.ImportOutcome[ImportSession]


def run_session_import(
    bus: MessageBus,
    context: CommandContext,
    sheet: Sheet,
    coaches: Coaches,
    *,
    dry_run: bool,
    progress: Progress | None = None,
    unknown_coach: str = UNKNOWN_COACH,
) -> ImportOutcome:
    """The dry run's outcome; for real, the import's, or the dry run's if any row fails.
    ``unknown_coach`` is the words for a coach that ``coaches`` does not find."""
    rows = tuple(_with_coach(row, coaches, unknown_coach) for row in sheet.rows)
    run = sheet_import.BatchRun(bus, context, _batch_command, _outcomes, _problem)
    return run.checked_then_run(
        dataclasses.replace(sheet, rows=rows), dry_run=dry_run, progress=progress
    )


def _with_coach(row: SheetRow, coaches: Coaches, unknown: str) -> SheetRow:
    """The row with its coach's user id, or with the problem that there is no such coach."""
    if row.command is None or row.coach is None:
        return row
    coach_id = coaches(row.coach)
    if coach_id is None:
        problem = Problem(row.row, "coach", unknown)
        return dataclasses.replace(row, command=None, problems=(*row.problems, problem))
    return dataclasses.replace(row, command=dataclasses.replace(row.command, coach_id=coach_id))


def _batch_command(rows: tuple[ImportSession, ...]) -> ImportSessions:
    return ImportSessions(rows=rows)


def _outcomes(accepted: Accepted) -> tuple[Accepted | Refusal, ...]:
    return accepted.outcomes if isinstance(accepted, BatchAccepted) else ()


def _problem(row: int, refusal: Refusal) -> Problem:
    column, message = REFUSALS.get(refusal.code, (refusal.field or "", REFUSED))
    values = (("code", refusal.code),) if message == REFUSED else ()
    return Problem(row, column, message, values)
