"""``duuni import``: bring a running project's participants in from a sheet.

The command opens intake as ``duuni up`` would and hands each row to intake's bus as the
project manager named by ``--as`` (or the project's only project manager), exactly as the
import page does: the same rules, the same events. ``--dry-run`` prints, row by row, what
would be created and every problem with its row and column, and exits 1 if there is any;
a real import stores nothing unless every row passes, and importing the same participants
again creates nothing new.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from duuni.services import started
from services.coaching.domain.session_import import ImportSession
from services.coaching.entrypoints import session_import_run as sessions_run
from services.coaching.entrypoints.session_import_sheet import OPTIONAL as SESSION_OPTIONAL
from services.coaching.entrypoints.session_import_sheet import REQUIRED as SESSION_REQUIRED
from services.coaching.entrypoints.session_import_sheet import read_sessions
from services.coaching.entrypoints.state import CoachingState
from services.intake.domain.importing import ImportParticipant
from services.intake.entrypoints.import_run import run_import
from services.intake.entrypoints.import_sheet import (
    EXTRA_COLUMNS,
    PARTICIPANT_COLUMNS,
    PERSON_COLUMNS,
    REQUIRED,
    read_participants,
)
from services.intake.entrypoints.state import IntakeState
from shared.cli import DataDir, err, out
from shared.messagebus import CommandContext
from shared.web.principal import ADMIN, PROJECT_MANAGER, WRITERS
from shared.web.sheet_import import STATUS_LABELS, ImportOutcome
from shared.web.sheets import SheetError

T = TypeVar("T")

import_app = typer.Typer(
    help="Bring a running project's participants and their sessions in from XLSX or CSV.",
    no_args_is_help=True,
)

PARTICIPANTS_HELP = (
    "XLSX or CSV with the columns of the participant export's codes form: "
    + ", ".join(PARTICIPANT_COLUMNS)
    + "; optionally also "
    + ", ".join(EXTRA_COLUMNS)
    + "; and, kept in the personal-data store and never in events, who the participant is: "
    + ", ".join(PERSON_COLUMNS)
    + " (identity code as 010190-123A, language fi, sv or en). Needed in every row: "
    + ", ".join(REQUIRED)
    + ". Dates as 2026-03-31, codes as the export writes them; an empty cell stays missing."
)


Project = Annotated[str, typer.Option("--project", "-p", help="Project code, e.g. S21048.")]
DryRun = Annotated[
    bool, typer.Option("--dry-run", help="Show what would be created; store nothing.")
]
AsUser = Annotated[
    str | None,
    typer.Option(
        "--as",
        help="Username of the project manager (or administrator) importing; by default "
        "the project's only project manager.",
    ),
]


class ImportRefused(Exception):
    """The import cannot start (unknown user or project, unreadable file): one line."""


@contextmanager
def _progress(dry_run: bool, rows: int) -> Iterator[Callable[[int], None]]:
    """A bar on standard error while the rows go through; yields what to tell it."""
    with Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
        TimeElapsedColumn(), console=err, transient=True,
    ) as progress:  # fmt: skip
        task = progress.add_task("dry run" if dry_run else "importing", total=rows)
        yield lambda done: progress.update(task, completed=done)


@import_app.command("participants")
def participants(
    file: Annotated[
        Path, typer.Argument(help=PARTICIPANTS_HELP, exists=True, dir_okay=False, readable=True)
    ],
    project: Project,
    dry_run: DryRun = False,
    as_user: AsUser = None,
    data_dir: DataDir = Path("data"),
) -> None:
    """Import participants (EURA start and end form columns); idempotent."""
    sheet = _read(file, read_participants)
    with (
        _intake(data_dir, project, as_user) as (state, context),
        _progress(dry_run, len(sheet.rows)) as progress,
    ):
        outcome = run_import(
            state.bus, context, sheet, dry_run=dry_run, progress=progress, access=state.access
        )
    _print(outcome, ("participant", "start", "end", "status upon leaving"), _participant)


def _read(file: Path, read: Callable[[bytes, str], T]) -> T:
    """The file read as a sheet, or the one line why it cannot be."""
    try:
        return read(file.read_bytes(), file.name)
    except SheetError as error:
        raise ImportRefused(f"{file}: {error.message}") from None


@contextmanager
def _intake(
    data_dir: Path, project: str, as_user: str | None
) -> Iterator[tuple[IntakeState, CommandContext]]:
    """Intake started, and the importing manager's context; closed again afterwards."""
    with started("intake", data_dir) as service:
        state = service.state
        if not isinstance(state, IntakeState):
            raise ImportRefused("intake did not start")
        yield state, _context(state, project, as_user)


def _context(state: IntakeState, project: str, username: str | None) -> CommandContext:
    """The acting project manager's context, as a signed-in page would build it."""
    accounts = state.auth.store
    if username is None:
        managers = accounts.members_of(project, PROJECT_MANAGER)
        if len(managers) != 1:
            raise ImportRefused(
                f"project {project} has {len(managers)} project managers: name one with --as"
            )
        stored = accounts.user_by_id(managers[0][0])
    else:
        stored = accounts.user_by_username(username)
    if stored is None:
        raise ImportRefused(f"no user {username!r}")
    user = stored.user
    if not (user.is_admin or PROJECT_MANAGER in user.roles_in(project)):
        raise ImportRefused(f"{user.username} is not a project manager of {project}")
    roles = user.roles_in(project) | ({ADMIN} if user.is_admin else frozenset())
    return CommandContext(
        actor=user.id, project_id=project, roles=frozenset(roles), projects=user.projects()
    )


def _print(
    outcome: ImportOutcome[Any], headings: Sequence[str], cells: Callable[[Any], list[str]]
) -> None:
    """Row by row what happened or would (``cells`` of a row's command, empty without
    one), then every problem by row and column; exit 1 if the import did not pass."""
    table = Table(title="dry run" if outcome.dry_run else "import", title_justify="left")
    for heading in ("row", *headings, "result"):
        table.add_column(heading)
    for row in outcome.rows:
        shown = [""] * (len(headings) - 1) if row.command is None else cells(row.command)
        table.add_row(str(row.row), row.reference, *shown, STATUS_LABELS[row.status])
    out.print(table)
    for problem in outcome.all_problems():
        column = f", column {problem.column!r}" if problem.column else ""
        out.print(f"row {problem.row}{column}: {problem.text()}", highlight=False)
    counts = ", ".join(f"{count} {label}" for count, label in outcome.counts())
    out.print(f"SHA-256 {outcome.sha256}: {counts or 'no rows'}", highlight=False)
    if not outcome.ok:
        raise typer.Exit(1)


def _participant(command: ImportParticipant) -> list[str]:
    leaving = command.exit
    return [
        command.entry_date.isoformat(),
        "" if leaving is None else leaving.exit_date.isoformat(),
        "" if leaving is None else leaving.exit_status.value,
    ]


SESSIONS_HELP = (
    "XLSX or CSV of the sessions held or missed, a session a row. Needed in every row: "
    + ", ".join(SESSION_REQUIRED)
    + " (participant_id as in the participants sheet, date as 2026-03-31, kind a session "
    "kind code such as personal_coaching, duration_minutes a whole number, attendance held "
    "or no_show); optional: "
    + ", ".join(SESSION_OPTIONAL)
    + " (topic codes separated by commas; mode in_person, online or phone, in person when "
    "empty; the coach's username, the importing user when empty). Import the participants "
    "first."
)


@import_app.command("sessions")
def sessions(
    file: Annotated[
        Path, typer.Argument(help=SESSIONS_HELP, exists=True, dir_okay=False, readable=True)
    ],
    project: Project,
    dry_run: DryRun = False,
    as_user: AsUser = None,
    data_dir: DataDir = Path("data"),
) -> None:
    """Import the sessions (held or no-show) of imported participants; idempotent."""
    sheet = _read(file, read_sessions)
    with (
        _intake(data_dir, project, as_user) as (accounts, context),
        started("coaching", data_dir) as service,
    ):
        state = service.state
        if not isinstance(state, CoachingState):
            raise ImportRefused("coaching did not start")
        service.runtime.catch_up()  # intake's clients, as coaching knows them
        with _progress(dry_run, len(sheet.rows)) as progress:
            outcome = sessions_run.run_session_import(
                state.bus, context, sheet, _coaches(accounts, project), dry_run=dry_run,
                progress=progress,
            )  # fmt: skip
    _print(outcome, ("participant", "date", "kind", "minutes", "attendance"), _session)


def _coaches(state: IntakeState, project: str) -> sessions_run.Coaches:
    """A username's user id, if they coach or manage ``project``."""

    def coach_id(username: str) -> str | None:
        stored = state.auth.store.user_by_username(username)
        if stored is None or not (stored.user.roles_in(project) & set(WRITERS)):
            return None
        return stored.user.id

    return coach_id


def _session(command: ImportSession) -> list[str]:
    return [
        command.held_on.isoformat(), command.kind.value, str(command.duration_minutes),
        "held" if command.held else "no_show",
    ]  # fmt: skip
