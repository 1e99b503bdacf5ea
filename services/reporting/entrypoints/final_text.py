"""The final report on the command line: its sections as tables, or as JSON (entrypoint
layer). The tables read as the page does in English; the JSON carries the stable keys,
counts as numbers and money in whole euro cents, for programs."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from rich.table import Table

from services.reporting.domain.final_report import FinalReport
from services.reporting.entrypoints.final_pages import shown
from services.reporting.entrypoints.formats import Formats
from services.reporting.service_layer.ports import LogSlice


def _english(message: str) -> str:
    return message


def final_tables(found: FinalReport, as_of: str | None) -> list[Table]:
    """One table per section, titled with the project and the period."""
    period = found.report.period
    when = f" as of {as_of}" if as_of else ""
    tables = []
    for section in shown(found, Formats("en"), _english, "", ""):
        table = Table(
            title=f"{found.report.project_id} {period.start} – {period.end}{when}: {section.title}",
            title_justify="left",
            caption=" ".join(section.notes) or None,
            caption_justify="left",
        )
        table.add_column("figure")
        for heading in ("at the end", "in period / budget share", "planned"):
            table.add_column(heading, justify="right")
        for row in section.rows:
            indent = "  – " if row.level else ""
            table.add_row(f"{indent}{row.label}", row.value, row.in_period, row.planned)
        tables.append(table)
    return tables


def _plain(value: Any) -> Any:
    return str(value) if isinstance(value, Decimal) else value


def final_json(found: FinalReport, cut: list[LogSlice]) -> dict[str, Any]:
    period = found.report.period
    return {
        "project_id": found.report.project_id,
        "period": {"start": period.start, "end": period.end},
        "counting_rules_version": found.report.rules_version,
        "logs": {s.source: {"last_position": s.last_position, "head_hash": s.head_hash}
                 for s in cut},
        "sections": [
            {"section": section.key, "notes": list(section.notes),
             "lines": [{"key": line.key, "unit": line.unit, "value": _plain(line.value),
                        "in_period": _plain(line.in_period), "planned": line.planned,
                        **({"label": line.label} if line.label is not None else {}),
                        **({"percent": str(line.percent)} if line.percent is not None else {})}
                       for line in section.lines]}
            for section in found.sections
        ],
    }  # fmt: skip
