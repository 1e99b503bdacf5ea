"""Command-line verbs of reporting: replay, report, audit export and verify.

The command line's composition root, beside ``bootstrap`` (the web's): it opens the logs
of record and the processes a replay runs in, which the web entrypoints never touch.
Plain Typer commands on ``reporting_cli``; the ``duuni`` command line (duuni/cli.py)
mounts them as ``duuni replay``, ``duuni report`` and ``duuni audit export|verify``.
``report`` and the audit commands read the logs of record directly and never the live
tables, so they answer the same whether or not the service is running.
"""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from services.reporting.adapters.environment import LogDatabases
from services.reporting.adapters.processes import ProcessRunner
from services.reporting.config import ReportingSettings
from services.reporting.domain.errors import DomainError
from services.reporting.domain.figures import Period, Report
from services.reporting.entrypoints.final_text import final_json, final_tables
from services.reporting.entrypoints.progress import ReplayBar
from services.reporting.service_layer.audit import export_pack, verify_pack
from services.reporting.service_layer.final import final_report_of
from services.reporting.service_layer.projection import SUBSCRIPTIONS
from services.reporting.service_layer.replay import InProcess, replay
from services.reporting.service_layer.reports import as_of_report, end_of_day, period_of
from shared.cli import DataDir, err, out
from shared.eventlog.bulk import paused_gc

reporting_cli = typer.Typer(help="ESF figures: replay, report, audit.", no_args_is_help=True)
audit_cli = typer.Typer(help="Export and verify audit packs.", no_args_is_help=True)
reporting_cli.add_typer(audit_cli, name="audit")

Project = Annotated[str, typer.Option("--project", "-p", help="Project code, e.g. S21048.")]
Start = Annotated[str | None, typer.Option(help="First day of the period (YYYY-MM-DD).")]
End = Annotated[str | None, typer.Option(help="Last day of the period (default: as-of or today).")]
AsOf = Annotated[
    str | None,
    typer.Option("--as-of", help="Figures from the events recorded by the end of this day (UTC)."),
]


class Opened:
    """Reporting's database and the logs it reads, for one command."""

    def __init__(self, data_dir: Path) -> None:
        settings = ReportingSettings(data_dir=data_dir)
        for name in SUBSCRIPTIONS:
            url, _schema = settings.upstream_log_url(name)
            missing = not (data_dir / f"{name}.sqlite3").exists()
            if name != settings.service and url.startswith("sqlite") and missing:
                raise typer.BadParameter(f"no {name} log in {data_dir}: run 'duuni up' first")
        self.environment = LogDatabases.of(settings)
        self._opened = self.environment.open()
        self.sources, self.store = self._opened.__enter__()

    def close(self) -> None:
        self._opened.__exit__(None, None, None)


def _date(text: str | None, option: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise typer.BadParameter(f"{option} must be a date like 2019-07-31") from None


def _period(start: str | None, end: str | None, as_of: str | None) -> Period:
    """The period the pages and the API would take from the same dates."""
    try:
        return period_of(_date(start, "--start"), _date(end, "--end"), _date(as_of, "--as-of"),
                         today=date.today())  # fmt: skip
    except DomainError:
        raise typer.BadParameter("--start is after --end") from None


CORES = max(1, os.cpu_count() or 1)
Workers = Annotated[
    int,
    typer.Option("--workers", "-w", min=1, help="Processes to fold the projects' shares in."),
]


@reporting_cli.command("replay")
def replay_command(data_dir: DataDir = Path("data"), workers: Workers = CORES) -> None:
    """Rebuild every reporting projection from position 0 aside, then swap it in."""
    opened = Opened(data_dir)
    opened.close()  # each share opens the logs for itself
    runner = ProcessRunner("fork") if workers > 1 else InProcess()  # this process runs no thread
    with ReplayBar(err) as bar, paused_gc():
        result = replay(opened.environment, shares=workers, runner=runner, progress=bar)
    ranges = ", ".join(f"{s.source} 1..{s.last_position}" for s in result.slices)
    out.print(
        f"replayed {result.events:,} events in {result.seconds:.2f} s "
        f"({result.rate:,.0f} events/s, {workers} {'process' if workers == 1 else 'processes'}) "
        f"into {result.rows:,} rows of fresh tables: {ranges}",
        highlight=False,
    )
    for log, position, why in result.refused:
        err.print(f"skipped {log} event {position}, as the live projection does: {why}",
                  highlight=False)  # fmt: skip


@reporting_cli.command("report")
def report_command(
    project: Project,
    as_of: AsOf = None,
    start: Start = None,
    end: End = None,
    output: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
    data_dir: DataDir = Path("data"),
    final: Annotated[
        bool,
        typer.Option(
            "--final",
            help="The final report's sections instead: participants, leavers, outcomes, "
            "services, companies, money (by default over the project's whole run).",
        ),
    ] = False,
) -> None:
    """A project's figures for a period, as they stood at --as-of (by recorded_at)."""
    if final:
        final_report_command(project, as_of, start, end, output, data_dir)
        return
    period = _period(start, end, as_of)
    opened = Opened(data_dir)
    day = _date(as_of, "--as-of")
    try:
        result, cut = as_of_report(
            opened.sources, project, period, None if day is None else end_of_day(day)
        )
    finally:
        opened.close()
    if output == "json":
        out.print_json(json.dumps(_as_json(result), default=str))
        return
    out.print(_table(result, as_of))
    logs = ", ".join(f"{s.source} 1..{s.last_position}" for s in cut)
    out.print(f"counting rules {result.rules_version}; logs {logs}", highlight=False)


def final_report_command(
    project: str,
    as_of: str | None,
    start: str | None,
    end: str | None,
    output: str,
    data_dir: Path,
) -> None:
    """The final report's sections, as the final report page shows them (in English)."""
    opened = Opened(data_dir)
    try:
        found, cut = final_report_of(
            opened.sources, project, start=_date(start, "--start"), end=_date(end, "--end"),
            as_of=_date(as_of, "--as-of"), today=date.today(),
        )  # fmt: skip
    except DomainError:
        raise typer.BadParameter("--start is after --end") from None
    finally:
        opened.close()
    if output == "json":
        out.print_json(json.dumps(final_json(found, cut), default=str))
        return
    for table in final_tables(found, as_of):
        out.print(table)
    logs = ", ".join(f"{s.source} 1..{s.last_position} head {s.head_hash}" for s in cut)
    out.print(f"counting rules {found.report.rules_version}; logs {logs}", highlight=False)


def _as_json(result: Report) -> dict[str, Any]:
    return {
        "project_id": result.project_id,
        "period": {"start": result.period.start, "end": result.period.end},
        "counting_rules_version": result.rules_version,
        "figures": {f.key: {"in_period": f.in_period, "cumulative": f.cumulative}
                    for f in result.figures},
        "targets": {t.figure: {"planned": t.planned, "actual": t.actual} for t in result.targets},
    }  # fmt: skip


def _table(result: Report, as_of: str | None) -> Table:
    when = f" as of {as_of}" if as_of else ""
    table = Table(
        title=f"{result.project_id} {result.period.start} – {result.period.end}{when}",
        title_justify="left",
    )
    for heading in ("§", "figure", "in period", "cumulative"):
        table.add_column(heading, justify="right" if heading != "figure" else "left")
    for f in result.figures:
        table.add_row(f.section, f.key, _number(f.in_period), _number(f.cumulative))
    return table


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


@audit_cli.command("export")
def audit_export(
    project: Project,
    output: Annotated[Path, typer.Option("--output", "-o", help="Where to write the pack.")],
    as_of: AsOf = None,
    start: Start = None,
    end: End = None,
    data_dir: DataDir = Path("data"),
) -> None:
    """Write the figures with the rules, the code version, the log ranges and heads, a digest."""
    period = _period(start, end, as_of)
    recorded_by = end_of_day(date.fromisoformat(as_of)) if as_of else None
    opened = Opened(data_dir)
    try:
        pack = export_pack(opened.sources, project, period, recorded_by)
    finally:
        opened.close()
    output.write_text(json.dumps(pack, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    out.print(f"wrote {output}: {len(pack['figures'])} figures, digest {pack['digest']}")


@audit_cli.command("verify")
def audit_verify(
    pack_file: Annotated[Path, typer.Argument(help="An audit pack written by 'audit export'.")],
    data_dir: DataDir = Path("data"),
) -> None:
    """Re-derive everything from the logs: match, or the first difference (exit 1)."""
    try:
        pack = json.loads(pack_file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise typer.BadParameter(f"cannot read {pack_file}: {error}") from None
    opened = Opened(data_dir)
    try:
        verdict = verify_pack(pack, opened.sources)
    finally:
        opened.close()
    out.print(verdict.describe(), highlight=False)
    if not verdict.match:
        raise typer.Exit(1)
