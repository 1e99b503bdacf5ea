"""Running a read sessions sheet through coaching's bus, dry or for real (entrypoint layer).

The command line (``duuni import sessions``) and the project manager's page share this:
each row becomes one ``ImportSession`` handed to the bus, so the import obeys the same
rules whichever edge it came through. A real import first runs dry over the whole file
and stores nothing unless every row passes: a file half imported would leave the manager
to work out which half.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from enum import StrEnum
from typing import Final

from services.coaching.domain.commands import ImportSessions
from services.coaching.domain.session_import import ImportSession
from services.coaching.entrypoints.session_import_sheet import Sheet, SheetRow
from services.coaching.service_layer.session_import import BatchAccepted
from shared.messagebus import Accepted, CommandContext, MessageBus
from shared.refusal import Refusal
from shared.web.i18n import N_
from shared.web.sheets import Problem


class RowStatus(StrEnum):
    NEW = "new"
    """A dry run: the session would be created."""
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
REFUSED: Final = N_("refused (%(code)s)")

BATCH: Final = 250
"""Rows per command to the bus: the read models catch up once per batch."""

Progress = Callable[[int], None]
Coaches = Callable[[str], str | None]
"""The user id of the project's coach (or manager) with this username, if there is one."""


@dataclasses.dataclass(frozen=True, slots=True)
class RowOutcome:
    row: int
    reference: str
    status: RowStatus
    command: ImportSession | None
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
    checked = _each(bus, context, sheet, rows, dry_run=True, progress=progress if dry_run else None)
    if dry_run or not checked.ok:
        return checked
    return _each(bus, context, sheet, rows, dry_run=False, progress=progress)


def _with_coach(row: SheetRow, coaches: Coaches, unknown: str) -> SheetRow:
    """The row with its coach's user id, or with the problem that there is no such coach."""
    if row.command is None or row.coach is None:
        return row
    coach_id = coaches(row.coach)
    if coach_id is None:
        problem = Problem(row.row, "coach", unknown)
        return dataclasses.replace(row, command=None, problems=(*row.problems, problem))
    return dataclasses.replace(row, command=dataclasses.replace(row.command, coach_id=coach_id))


def _each(
    bus: MessageBus, context: CommandContext, sheet: Sheet, rows: Sequence[SheetRow], *,
    dry_run: bool, progress: Progress | None,
) -> ImportOutcome:  # fmt: skip
    outcomes: list[RowOutcome] = []
    for first in range(0, len(rows), BATCH):
        batch = rows[first : first + BATCH]
        outcomes.extend(_batch(bus, context, batch, dry_run=dry_run))
        if progress is not None:
            progress(first + len(batch))
    return ImportOutcome(sheet.sha256, tuple(outcomes), sheet.problems, dry_run)


def _batch(
    bus: MessageBus, context: CommandContext, rows: Sequence[SheetRow], *, dry_run: bool
) -> list[RowOutcome]:
    commands = [
        dataclasses.replace(row.command, dry_run=dry_run) for row in rows if row.command is not None
    ]
    answers: list[Accepted | Refusal] = []
    if commands:
        try:
            accepted = bus.handle(ImportSessions(rows=tuple(commands)), context)
            answers = list(accepted.outcomes) if isinstance(accepted, BatchAccepted) else []
        except Refusal as refusal:  # the whole batch: not a manager
            answers = [refusal] * len(commands)
    given = iter(zip(commands, answers, strict=True))
    done: list[RowOutcome] = []
    for row in rows:
        if row.command is None:
            done.append(RowOutcome(row.row, row.reference, RowStatus.INVALID, None, row.problems))
            continue
        command, answer = next(given)
        if isinstance(answer, Refusal):
            problem = _problem(row.row, answer)
            done.append(RowOutcome(row.row, row.reference, RowStatus.INVALID, command, (problem,)))
        elif answer.duplicate:
            done.append(RowOutcome(row.row, row.reference, RowStatus.ALREADY, command))
        else:
            status = RowStatus.NEW if dry_run else RowStatus.CREATED
            done.append(RowOutcome(row.row, row.reference, status, command))
    return done


def _problem(row: int, refusal: Refusal) -> Problem:
    column, message = REFUSALS.get(refusal.code, (refusal.field or "", REFUSED))
    values = (("code", refusal.code),) if message == REFUSED else ()
    return Problem(row, column, message, values)
