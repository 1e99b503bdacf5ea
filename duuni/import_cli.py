"""``duuni import``: bring a running project's participants in from a sheet.

The command opens intake as ``duuni up`` would and hands each row to intake's bus as the
project manager named by ``--as`` (or the project's only project manager), exactly as the
import page does: the same rules, the same events. ``--dry-run`` prints, row by row, what
would be created and every problem with its row and column, and exits 1 if there is any;
a real import stores nothing unless every row passes, and importing the same participants
again creates nothing new.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from duuni.services import SERVICES
from services.coaching.entrypoints import session_import_run as sessions_run
from services.coaching.entrypoints.session_import_sheet import OPTIONAL as SESSION_OPTIONAL
from services.coaching.entrypoints.session_import_sheet import REQUIRED as SESSION_REQUIRED
from services.coaching.entrypoints.session_import_sheet import read_sessions
from services.coaching.entrypoints.state import CoachingState
from services.intake.entrypoints.import_run import (
    STATUS_LABELS,
    ImportOutcome,
    RowStatus,
    run_import,
)
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
from shared.web.sheets import SheetError

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


class ImportRefused(Exception):
    """The import cannot start (unknown user or project, unreadable file): one line."""


@import_app.command("participants")
def participants(
    file: Annotated[
        Path, typer.Argument(help=PARTICIPANTS_HELP, exists=True, dir_okay=False, readable=True)
    ],
    project: Annotated[str, typer.Option("--project", "-p", help="Project code, e.g. S21048.")],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would be created; store nothing.")
    ] = False,
    as_user: Annotated[
        str | None,
        typer.Option(
            "--as",
            help="Username of the project manager (or administrator) importing; by default "
            "the project's only project manager.",
        ),
    ] = None,
    data_dir: DataDir = Path("data"),
) -> None:
    """Import participants (EURA start and end form columns); idempotent."""
    try:
        sheet = read_participants(file.read_bytes(), file.name)
    except SheetError as error:
        raise ImportRefused(f"{file}: {error.message}") from None
    service = SERVICES["intake"].start(data_dir)
    try:
        state = service.state
        if not isinstance(state, IntakeState):
            raise ImportRefused("intake did not start")
        context = _context(state, project, as_user)
        with Progress(
            TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
            TimeElapsedColumn(), console=err, transient=True,
        ) as progress:  # fmt: skip
            task = progress.add_task("dry run" if dry_run else "importing", total=len(sheet.rows))
            outcome = run_import(
                state.bus, context, sheet, dry_run=dry_run,
                progress=lambda done: progress.update(task, completed=done),
                access=state.access,
            )  # fmt: skip
    finally:
        service.runtime.close()
    _print(outcome)
    if not outcome.ok:
        raise typer.Exit(1)


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


def _print(outcome: ImportOutcome) -> None:
    """Row by row what happened or would, then every problem by row and column."""
    table = Table(title="dry run" if outcome.dry_run else "import", title_justify="left")
    for heading in ("row", "participant", "start", "end", "status upon leaving", "result"):
        table.add_column(heading)
    for row in outcome.rows:
        command = row.command
        leaving = None if command is None else command.exit
        table.add_row(
            str(row.row), row.reference,
            "" if command is None else command.entry_date.isoformat(),
            "" if leaving is None else leaving.exit_date.isoformat(),
            "" if leaving is None else leaving.exit_status.value,
            STATUS_LABELS[row.status],
        )  # fmt: skip
    out.print(table)
    for problem in outcome.all_problems():
        column = f", column {problem.column!r}" if problem.column else ""
        out.print(f"row {problem.row}{column}: {problem.text()}", highlight=False)
    counts = ", ".join(
        f"{outcome.count(status)} {STATUS_LABELS[status]}"
        for status in RowStatus
        if outcome.count(status)
    )
    out.print(f"SHA-256 {outcome.sha256}: {counts or 'no rows'}", highlight=False)


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
    project: Annotated[str, typer.Option("--project", "-p", help="Project code, e.g. S21048.")],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would be created; store nothing.")
    ] = False,
    as_user: Annotated[
        str | None,
        typer.Option(
            "--as",
            help="Username of the project manager (or administrator) importing; by default "
            "the project's only project manager.",
        ),
    ] = None,
    data_dir: DataDir = Path("data"),
) -> None:
    """Import the sessions (held or no-show) of imported participants; idempotent."""
    try:
        sheet = read_sessions(file.read_bytes(), file.name)
    except SheetError as error:
        raise ImportRefused(f"{file}: {error.message}") from None
    accounts_service = SERVICES["intake"].start(data_dir)
    try:
        accounts = accounts_service.state
        if not isinstance(accounts, IntakeState):
            raise ImportRefused("intake did not start")
        context = _context(accounts, project, as_user)
        service = SERVICES["coaching"].start(data_dir)
        try:
            state = service.state
            if not isinstance(state, CoachingState):
                raise ImportRefused("coaching did not start")
            service.runtime.catch_up()  # intake's clients, as coaching knows them
            with Progress(
                TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                TimeElapsedColumn(), console=err, transient=True,
            ) as progress:  # fmt: skip
                task = progress.add_task(
                    "dry run" if dry_run else "importing", total=len(sheet.rows)
                )
                outcome = sessions_run.run_session_import(
                    state.bus, context, sheet, _coaches(accounts, project), dry_run=dry_run,
                    progress=lambda done: progress.update(task, completed=done),
                )  # fmt: skip
        finally:
            service.runtime.close()
    finally:
        accounts_service.runtime.close()
    _print_sessions(outcome)
    if not outcome.ok:
        raise typer.Exit(1)


def _coaches(state: IntakeState, project: str) -> sessions_run.Coaches:
    """A username's user id, if they coach or manage ``project``."""

    def coach_id(username: str) -> str | None:
        stored = state.auth.store.user_by_username(username)
        if stored is None or not (stored.user.roles_in(project) & set(WRITERS)):
            return None
        return stored.user.id

    return coach_id


def _print_sessions(outcome: sessions_run.ImportOutcome) -> None:
    """Row by row what happened or would, then every problem by row and column."""
    table = Table(title="dry run" if outcome.dry_run else "import", title_justify="left")
    for heading in ("row", "participant", "date", "kind", "minutes", "attendance", "result"):
        table.add_column(heading)
    for row in outcome.rows:
        command = row.command
        table.add_row(
            str(row.row), row.reference,
            "" if command is None else command.held_on.isoformat(),
            "" if command is None else command.kind.value,
            "" if command is None else str(command.duration_minutes),
            "" if command is None else ("held" if command.held else "no_show"),
            sessions_run.STATUS_LABELS[row.status],
        )  # fmt: skip
    out.print(table)
    for problem in outcome.all_problems():
        column = f", column {problem.column!r}" if problem.column else ""
        out.print(f"row {problem.row}{column}: {problem.text()}", highlight=False)
    counts = ", ".join(
        f"{outcome.count(status)} {sessions_run.STATUS_LABELS[status]}"
        for status in sessions_run.RowStatus
        if outcome.count(status)
    )
    out.print(f"SHA-256 {outcome.sha256}: {counts or 'no rows'}", highlight=False)
