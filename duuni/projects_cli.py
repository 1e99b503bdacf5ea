"""``duuni projects``: register the projects (tenants) a deployment hosts."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from duuni.services import settings_for
from services.intake.domain.costs import euros_to_cents
from services.intake.domain.errors import DomainError
from services.intake.domain.events import FundingShare, ProjectPlan
from services.intake.domain.target_group import TargetGroupRule
from services.intake.service_layer.costs import CSV_COLUMNS, import_costs
from services.intake.service_layer.projects import load_project, register_project
from shared.eventlog.sql import SqlEventLog, open_database

projects_app = typer.Typer(help="Projects (tenants) of this deployment.", no_args_is_help=True)
out = Console(soft_wrap=True)

DataDir = Annotated[
    Path, typer.Option("--data-dir", envvar="DUUNI_DATA_DIR", help="Folder of the embedded logs.")
]


class ProjectError(Exception):
    """A refused project: shown as one line by the command line."""


def _intake_log(data_dir: Path) -> SqlEventLog:
    settings = settings_for("intake", data_dir)
    database = open_database(settings.resolved_database_url(), schema=settings.resolved_schema())
    return SqlEventLog(database, "intake").create()


def _funding(values: list[str]) -> tuple[FundingShare, ...]:
    shares = []
    for value in values:
        source, _, percent = value.partition("=")
        try:
            shares.append(FundingShare(source=source.strip(), percent=float(percent)))
        except ValueError as error:
            raise ProjectError(
                f"funding {value!r}: write it as source=percent, e.g. esf=75"
            ) from error
    return tuple(shares)


@projects_app.command("add")
def add(
    code: Annotated[str, typer.Argument(help="The funder's code, e.g. S21048.")],
    name: Annotated[str, typer.Option(help="The project's name.")],
    municipality: Annotated[list[str], typer.Option(help="Municipality served; repeatable.")],
    starts: Annotated[str, typer.Option(help="First day, YYYY-MM-DD.")],
    ends: Annotated[str, typer.Option(help="Last day, YYYY-MM-DD.")],
    min_age: Annotated[int | None, typer.Option(help="Target group: lowest age at entry.")] = None,
    max_age: Annotated[int | None, typer.Option(help="Target group: highest age at entry.")] = None,
    planned_participants: Annotated[int, typer.Option(help="Planned participants.")] = 0,
    planned_companies: Annotated[int, typer.Option(help="Planned companies reached.")] = 0,
    funding: Annotated[
        list[str] | None, typer.Option(help="Funding share source=percent; repeatable.")
    ] = None,
    data_dir: DataDir = Path("data"),
    budget: Annotated[
        str | None, typer.Option(help="Approved budget in euros, e.g. 242550 or 242550.00.")
    ] = None,
) -> None:
    """Register a project; its users are added with ``duuni users add --project CODE``."""
    try:
        budget_cents = None if budget is None else euros_to_cents(budget)
    except DomainError as error:
        raise ProjectError(f"budget {budget!r}: write it in euros, e.g. 242550.00") from error
    try:
        plan = ProjectPlan(
            name=name,
            municipalities=tuple(municipality),
            starts_on=date.fromisoformat(starts),
            ends_on=date.fromisoformat(ends),
            target_group=TargetGroupRule(min_age=min_age, max_age=max_age),
            planned_participants=planned_participants,
            planned_companies=planned_companies,
            funding=_funding(funding or []),
            budget_cents=budget_cents,
        )
    except ValueError as error:
        raise ProjectError(str(error)) from error
    log = _intake_log(data_dir)
    try:
        register_project(log, code, plan, actor="cli")
    except DomainError as error:
        raise ProjectError(f"project {code}: {error.code}") from error
    finally:
        log.close()
    out.print(f"registered project {code} ({name})", highlight=False)


@projects_app.command("show")
def show(
    code: Annotated[str, typer.Argument(help="The project's code.")],
    data_dir: DataDir = Path("data"),
) -> None:
    """Print a project's plan."""
    log = _intake_log(data_dir)
    try:
        project = load_project(log, code)[0]
    finally:
        log.close()
    if project is None:
        raise ProjectError(f"no project {code}")
    plan = project.plan
    table = Table(title=f"{code}: {plan.name}", show_header=False)
    table.add_row("municipalities", ", ".join(plan.municipalities))
    table.add_row("period", f"{plan.starts_on} .. {plan.ends_on}")
    table.add_row(
        "target group",
        f"age {plan.target_group.min_age or '-'} .. {plan.target_group.max_age or '-'}",
    )
    table.add_row("planned participants", str(plan.planned_participants))
    table.add_row("planned companies", str(plan.planned_companies))
    table.add_row("funding", ", ".join(f"{s.source} {s.percent:g} %" for s in plan.funding))
    budget = "not planned" if plan.budget_cents is None else f"{plan.budget_cents / 100:,.2f} €"
    table.add_row("approved budget", budget)
    out.print(table)


@projects_app.command("costs")
def costs(
    code: Annotated[str, typer.Argument(help="The project's code.")],
    csv_file: Annotated[
        Path,
        typer.Argument(
            help="Bookings as CSV with the columns " + ", ".join(CSV_COLUMNS) + " (amount in "
            "euros; ',' or ';' between fields).",
            exists=True,
            dir_okay=False,
        ),
    ],
    data_dir: DataDir = Path("data"),
) -> None:
    """Import a project's cost bookings; rows already booked under their id are skipped."""
    log = _intake_log(data_dir)
    try:
        if load_project(log, code)[0] is None:
            raise ProjectError(f"no project {code}")
        done = import_costs(log, code, csv_file.read_text(encoding="utf-8-sig"), actor="cli",
                            today=date.today())  # fmt: skip
    finally:
        log.close()
    out.print(f"booked {done.booked}, skipped {done.skipped} already booked", highlight=False)
    for line, code_ in done.refused:
        out.print(f"line {line}: refused, {code_}", highlight=False)
    if done.refused:
        raise typer.Exit(1)
