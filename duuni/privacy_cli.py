"""``duuni privacy``: the access log's verification, erasure, retention, a person's copy.

The operator's side of what the data-protection pages do: each erasure and export is
written to the access log as done from the command line (``cli``), by ``--actor``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Annotated

import orjson
import typer
from sqlalchemy import inspect

from duuni.services import started
from services.intake.adapters.access_log import SqlAccessLog
from services.intake.config import IntakeSettings
from services.intake.domain.errors import DomainError
from services.intake.domain.privacy import (
    ERASURE_BASES,
    MAX_RETENTION_YEARS,
    ErasePerson,
    RetentionRule,
    SetRetentionRule,
)
from services.intake.domain.restriction import (
    RESTRICTION_BASES,
    LiftRestriction,
    RestrictProcessing,
)
from services.intake.entrypoints.own_copy import render_own_copy
from services.intake.entrypoints.state import IntakeState
from services.intake.service_layer.access_log import Access, AccessVerdict
from services.intake.service_layer.privacy import retention_sweep
from shared.business_dates import helsinki_today
from shared.cli import DataDir, out
from shared.eventlog.sql import Database
from shared.messagebus import CommandContext

privacy_app = typer.Typer(
    help="Data protection: the access log, erasure, retention, a person's own copy.",
    no_args_is_help=True,
)
Actor = Annotated[str, typer.Option(help="Who acts, as the access log records it.")]


class PrivacyError(Exception):
    """A refused privacy command: shown as one line by the command line."""


@contextmanager
def opened_intake(data_dir: Path) -> Iterator[IntakeState]:
    """Intake over its database in ``data_dir`` (or its configured one), wired as
    ``duuni up`` wires it: erasures and restrictions go to its bus like the pages'."""
    settings = IntakeSettings(data_dir=data_dir)
    url = settings.resolved_database_url()
    if url.startswith("sqlite") and not (data_dir / "intake.sqlite3").exists():
        raise PrivacyError(f"no intake database in {data_dir}: start the system first")
    with started("intake", data_dir) as service:
        assert isinstance(service.state, IntakeState)
        yield service.state


def _project_of(intake: IntakeState, client_id: str) -> str:
    project_id = intake.privacy.people.project_of(client_id)
    if project_id is None:
        raise PrivacyError(f"no personal data of client {client_id} is held")
    return project_id


def _handled(
    intake: IntakeState,
    command: ErasePerson | RestrictProcessing | LiftRestriction,
    actor: str,
    bases: Iterable[str],
) -> str:
    """``command`` about its client handed to intake's bus by the operator; the client's
    project. A refusal is one line, naming the choices when the basis was unknown."""
    project_id = _project_of(intake, command.client_id)
    _handed_over(intake, command, actor, project_id, {"basis": f"choose one of {', '.join(bases)}"})
    return project_id


def _handed_over(
    intake: IntakeState, command: object, actor: str, project_id: str, hints: dict[str, str]
) -> None:
    """``command`` handed to intake's bus by the operator, in ``project_id``; a refusal is
    one line: its code, and the hint for the field at fault if there is one."""
    try:
        intake.bus.handle(command, CommandContext.operator(actor, project_id))
    except DomainError as error:
        hint = hints.get(error.field or "")
        raise PrivacyError(f"{error.code}: {hint}" if hint else error.code) from None


@privacy_app.command("verify-access-log")
def verify_access_log(data_dir: DataDir = Path("data")) -> None:
    """Recompute the access log's hash chain; name the first entry that does not fit."""
    with opened_intake(data_dir) as intake:
        verdict = intake.privacy.access.verify()
    out.print(f"access log: {verdict.describe()}", highlight=False)
    if not verdict.ok:
        raise typer.Exit(1)


@privacy_app.command("erase")
def erase(
    client_id: Annotated[str, typer.Argument(help="The client whose personal data goes.")],
    basis: Annotated[str, typer.Option(help=f"Why: {', '.join(ERASURE_BASES)}.")] = "request",
    actor: Actor = "cli",
    data_dir: DataDir = Path("data"),
) -> None:
    """Erase a person's personal data by deleting their key; the events stay."""
    with opened_intake(data_dir) as intake:
        command = ErasePerson(client_id=client_id, basis=basis)
        project_id = _handled(intake, command, actor, ERASURE_BASES)
    out.print(f"erased the personal data of {client_id} in {project_id}", highlight=False)


@privacy_app.command("sweep")
def sweep(
    dry_run: Annotated[bool, typer.Option(help="Only list who would be erased.")] = False,
    today: Annotated[str | None, typer.Option(help="The day to sweep as, YYYY-MM-DD.")] = None,
    data_dir: DataDir = Path("data"),
) -> None:
    """Erase everyone whose project's retention has ended (a dry run lists them)."""
    try:
        day = date.fromisoformat(today) if today else helsinki_today()
    except ValueError:
        raise PrivacyError(f"--today {today!r}: give the day as YYYY-MM-DD") from None
    with opened_intake(data_dir) as intake:
        due = retention_sweep(intake.bus, intake.privacy, day, dry_run=dry_run)
    verb = "would erase" if dry_run else "erased"
    for person in due:
        out.print(
            f"{verb} {person.client_id} in {person.project_id} (kept until {person.kept_until})",
            highlight=False,
        )
    out.print(f"{verb} {len(due)} persons", highlight=False)


@privacy_app.command("export")
def export(
    client_id: Annotated[str, typer.Argument(help="The client whose own copy is made.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder for the files.")] = Path(),
    actor: Actor = "cli",
    data_dir: DataDir = Path("data"),
) -> None:
    """Write the person's own copy (GDPR Art. 15): an HTML file and a JSON file."""
    with opened_intake(data_dir) as intake:
        project_id = _project_of(intake, client_id)
        access = Access(project_id=project_id, client_id=client_id, user_id=actor,
                        action="export", channel="cli")  # fmt: skip
        copy = intake.privacy.own_copy(project_id, client_id, log=access)
    output.mkdir(parents=True, exist_ok=True)
    html, json = output / f"{client_id}.html", output / f"{client_id}.json"
    html.write_text(render_own_copy(copy, copy["person"]["language"]), encoding="utf-8")
    json.write_bytes(orjson.dumps(copy, option=orjson.OPT_INDENT_2))
    out.print(f"wrote {html} and {json}", highlight=False)


@privacy_app.command("restrict")
def restrict_command(
    client_id: Annotated[str, typer.Argument(help="The client whose data is restricted.")],
    basis: Annotated[
        str, typer.Option(help=f"The legal basis: {', '.join(RESTRICTION_BASES)}.")
    ] = "esf_retention",
    lift: Annotated[bool, typer.Option(help="Lift it: the request was withdrawn.")] = False,
    actor: Actor = "cli",
    data_dir: DataDir = Path("data"),
) -> None:
    """Record an erasure request that must wait for the retention end (GDPR Art. 17(3)(b)):
    the person's data is shown to the data-protection role only until the sweep erases
    it. With --lift, the request was withdrawn and the data is shown as before."""
    command: RestrictProcessing | LiftRestriction = (
        LiftRestriction(client_id=client_id)
        if lift
        else RestrictProcessing(client_id=client_id, basis=basis)
    )
    with opened_intake(data_dir) as intake:
        project_id = _handled(intake, command, actor, RESTRICTION_BASES)
        kept_until = intake.privacy.kept_until(project_id)
    if lift:
        out.print(f"lifted the restriction of {client_id} in {project_id}", highlight=False)
    else:
        out.print(
            f"restricted {client_id} in {project_id} until {kept_until}",
            highlight=False,
        )


@privacy_app.command("retention")
def retention(
    project_id: Annotated[str, typer.Argument(help="The project's code.")],
    years: Annotated[int | None, typer.Option(help="Years kept after the end's year.")] = None,
    until: Annotated[str | None, typer.Option(help="The day the funding decision names.")] = None,
    actor: Actor = "cli",
    data_dir: DataDir = Path("data"),
) -> None:
    """Show a project's retention; with --years or --until, change its rule first (through
    intake's bus, as an administrator)."""
    with opened_intake(data_dir) as intake:
        privacy = intake.privacy
        if privacy.views.project(project_id) is None:
            raise PrivacyError(f"no project {project_id!r}")
        if years is not None or until is not None:
            command = _changed_rule(privacy.retention.rule_of(project_id), years, until)
            hints = {"years": f"give a number of years from 0 to {MAX_RETENTION_YEARS}"}
            _handed_over(intake, command, actor, project_id, hints)
        rule = privacy.retention.rule_of(project_id)
        kept_until = privacy.kept_until(project_id)
    out.print(
        f"{project_id}: personal data kept until {kept_until} "
        f"({rule.years} years after the end's year"
        + (f"; the funding decision's day {rule.until}" if rule.until else "")
        + ")",
        highlight=False,
    )


def _changed_rule(rule: RetentionRule, years: int | None, until: str | None) -> SetRetentionRule:
    """The whole rule to set: the parts given, the others as they are."""
    try:
        day = date.fromisoformat(until) if until else None
    except ValueError:
        raise PrivacyError(f"--until {until!r}: give the day as YYYY-MM-DD") from None
    return SetRetentionRule(
        years=rule.years if years is None else years,
        until=rule.until if until is None else day,
    )


@privacy_app.command("record")
def record(
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="The Markdown file to write.")
    ] = None,
) -> None:
    """Write the record of processing (GDPR Art. 30) from the declaration and the code."""
    from duuni.privacy_record import DEFAULT_RECORD, write

    out.print(f"wrote {write(output or DEFAULT_RECORD)}", highlight=False)


def access_log_verdict(db: Database) -> AccessVerdict | None:
    """The access log's verdict in intake's database; None where it has no access log
    yet (a database older than it). Reads only: ``duuni log verify`` runs this."""
    if "access_log" not in inspect(db.engine).get_table_names(schema=db.schema):
        return None
    return SqlAccessLog(db).verify()
