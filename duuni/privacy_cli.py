"""``duuni privacy``: the access log's verification, erasure, retention, a person's copy.

The operator's side of what the data-protection pages do: each erasure and export is
written to the access log as done from the command line (``cli``), by ``--actor``.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import orjson
import typer
from sqlalchemy import inspect

from services.intake.adapters.access_log import SqlAccessLog
from services.intake.adapters.directory import SqlDirectory
from services.intake.adapters.documents import SqlDocuments
from services.intake.adapters.migrations import INTAKE_TREE
from services.intake.adapters.personal_data import SqlPersonalData
from services.intake.adapters.reasons import SqlReasons
from services.intake.adapters.retention import SqlRetention
from services.intake.adapters.sealing import MasterKey, key_folder
from services.intake.config import IntakeSettings
from services.intake.domain.contracts import intake_contracts
from services.intake.domain.errors import DomainError
from services.intake.domain.privacy import ERASURE_BASES, RetentionRule
from services.intake.domain.restriction import (
    RESTRICTION_BASES,
    LiftRestriction,
    RestrictProcessing,
)
from services.intake.entrypoints.own_copy import reason_label, render_own_copy
from services.intake.service_layer.access_log import Access, AccessVerdict
from services.intake.service_layer.privacy import Privacy
from services.intake.service_layer.restriction import restrict
from services.intake.service_layer.views import IntakeViews
from shared.business_dates import helsinki_today
from shared.cli import DataDir, out
from shared.eventlog.aggregates import AggregateStreams
from shared.eventlog.sql import Database, SqlEventLog, open_database
from shared.events.envelope import Context
from shared.runtime import prepare_schema

privacy_app = typer.Typer(
    help="Data protection: the access log, erasure, retention, a person's own copy.",
    no_args_is_help=True,
)
Actor = Annotated[str, typer.Option(help="Who acts, as the access log records it.")]


class PrivacyError(Exception):
    """A refused privacy command: shown as one line by the command line."""


def open_privacy(data_dir: Path) -> Privacy:
    """Intake's privacy parts over its database in ``data_dir`` (or its configured one)."""
    settings = IntakeSettings(data_dir=data_dir)
    url = settings.resolved_database_url()
    if url.startswith("sqlite") and not (data_dir / "intake.sqlite3").exists():
        raise PrivacyError(f"no intake database in {data_dir}: start the system first")
    db = open_database(url, schema=settings.resolved_schema())
    prepare_schema(db, settings, [INTAKE_TREE])
    key = settings.identity_lookup_key
    master = MasterKey(key_folder(url, settings.data_dir))
    people = SqlPersonalData(db, key.get_secret_value() if key else None, master).create()
    log = SqlEventLog(db, "intake").create()
    views = IntakeViews(AggregateStreams(log, intake_contracts(), "intake"), people)
    directory = SqlDirectory(db, people.names_in)
    documents = SqlDocuments(db, people.data_key)
    reasons = SqlReasons(db, people.data_key)
    return Privacy(
        people, SqlAccessLog(db), SqlRetention(db), views, directory, documents,
        reasons=reasons, reason_label=reason_label,
    )  # fmt: skip


def _project_of(privacy: Privacy, client_id: str) -> str:
    project_id = privacy.people.project_of(client_id)
    if project_id is None:
        raise PrivacyError(f"no personal data of client {client_id} is held")
    return project_id


@privacy_app.command("verify-access-log")
def verify_access_log(data_dir: DataDir = Path("data")) -> None:
    """Recompute the access log's hash chain; name the first entry that does not fit."""
    verdict = open_privacy(data_dir).access.verify()
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
    privacy = open_privacy(data_dir)
    project_id = _project_of(privacy, client_id)
    try:
        privacy.erase(project_id, client_id, actor=actor, basis=basis)
    except DomainError as error:
        raise PrivacyError(f"{error.code}: choose one of {', '.join(ERASURE_BASES)}") from None
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
    due = open_privacy(data_dir).sweep(day, dry_run=dry_run)
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
    privacy = open_privacy(data_dir)
    project_id = _project_of(privacy, client_id)
    access = Access(project_id=project_id, client_id=client_id, user_id=actor,
                    action="export", channel="cli")  # fmt: skip
    copy = privacy.own_copy(project_id, client_id, log=access)
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
    privacy = open_privacy(data_dir)
    project_id = _project_of(privacy, client_id)
    command: RestrictProcessing | LiftRestriction = (
        LiftRestriction(client_id=client_id)
        if lift
        else RestrictProcessing(client_id=client_id, basis=basis)
    )
    context = Context(project_id=project_id, actor=actor)
    try:
        restrict(privacy.views.streams, privacy.people, command, context, helsinki_today())
    except DomainError as error:
        bases = f": choose one of {', '.join(RESTRICTION_BASES)}"
        hint = bases if error.code == "invalid_restriction_basis" else ""
        raise PrivacyError(f"{error.code}{hint}") from None
    privacy.access.record([Access(project_id=project_id, client_id=client_id, user_id=actor,
                                  action="write", channel="cli")])  # fmt: skip
    if lift:
        out.print(f"lifted the restriction of {client_id} in {project_id}", highlight=False)
    else:
        out.print(
            f"restricted {client_id} in {project_id} until {privacy.kept_until(project_id)}",
            highlight=False,
        )


@privacy_app.command("retention")
def retention(
    project_id: Annotated[str, typer.Argument(help="The project's code.")],
    years: Annotated[int | None, typer.Option(help="Years kept after the end's year.")] = None,
    until: Annotated[str | None, typer.Option(help="The day the funding decision names.")] = None,
    data_dir: DataDir = Path("data"),
) -> None:
    """Show a project's retention; with --years or --until, change its rule first."""
    privacy = open_privacy(data_dir)
    if privacy.views.project(project_id) is None:
        raise PrivacyError(f"no project {project_id!r}")
    if years is not None or until is not None:
        if years is not None and not 0 <= years <= 100:
            raise PrivacyError("--years: give a number of years from 0 to 100")
        try:
            day = date.fromisoformat(until) if until else None
        except ValueError:
            raise PrivacyError(f"--until {until!r}: give the day as YYYY-MM-DD") from None
        rule = privacy.retention.rule_of(project_id)
        privacy.retention.set_rule(
            project_id,
            RetentionRule(
                years=rule.years if years is None else years,
                until=rule.until if until is None else day,
            ),
        )
    rule = privacy.retention.rule_of(project_id)
    out.print(
        f"{project_id}: personal data kept until {privacy.kept_until(project_id)} "
        f"({rule.years} years after the end's year"
        + (f"; the funding decision's day {rule.until}" if rule.until else "")
        + ")",
        highlight=False,
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
