"""The final report page and its print-friendly HTML export (entrypoints).

One page per project laid out like the seed projects' result sections, for everyone
who reads the project's reports. Each count opens its figure's drill-down; the counting
rules and the head of every log it was folded from are printed on it, and the export
is the same report as a standalone HTML file to print or to attach (no JavaScript, no
external style sheet). The period form is a GET: it changes nothing.
"""

# No ``from __future__ import annotations``: FastAPI reads these signatures at run time.

import dataclasses
from collections.abc import Callable
from datetime import date
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import Response

from services.reporting.domain.errors import DomainError
from services.reporting.domain.final_report import FinalReport, Line
from services.reporting.entrypoints import final_labels
from services.reporting.entrypoints.formats import Formats
from services.reporting.entrypoints.pages import START_AFTER_END, query_dates
from services.reporting.entrypoints.state import ReportingState, State
from services.reporting.service_layer.final import final_report_of
from services.reporting.service_layer.ports import LogSlice
from shared.web.pages import language_of
from shared.web.principal import SignedIn

router = APIRouter(prefix="/p/{project_id}/reports/final", include_in_schema=False)


@dataclasses.dataclass(frozen=True, slots=True)
class Row:
    """A line as the page shows it: every value already in the reader's language."""

    label: str
    value: str
    in_period: str
    planned: str
    href: str | None
    """The figure's drill-down; ``None`` for a money line."""
    level: int


@dataclasses.dataclass(frozen=True, slots=True)
class ShownSection:
    key: str
    title: str
    rows: tuple[Row, ...]
    notes: tuple[str, ...]


def _value(line: Line, value: Any, formats: Formats, tr: Callable[[str], str]) -> str:
    if value is None:
        divides = line.key in ("money.per_participant", "money.per_positive_result")
        return tr(final_labels.NONE_TO_DIVIDE if divides else final_labels.NOT_PLANNED)
    if line.unit == "cents":
        return final_labels.euros(int(value), formats)
    if line.unit == "percent":
        return formats.percent(float(value))
    return formats.number(value)


def _row(line: Line, formats: Formats, tr: Callable[[str], str], base: str, query: str) -> Row:
    label = line.label if line.label is not None else tr(final_labels.line_label(line.key))
    if line.percent is not None:
        label = f"{label} ({formats.percent(float(line.percent))})"
    if line.figure:
        planned = "" if not line.planned else formats.number(line.planned)
        in_period = formats.number(float(line.in_period or 0))
    else:
        planned = "" if line.planned is None else _value(line, line.planned, formats, tr)
        in_period = "" if line.in_period is None else _value(line, line.in_period, formats, tr)
    return Row(
        label=label,
        value=_value(line, line.value, formats, tr),
        in_period=in_period,
        planned=planned,
        href=f"{base}/figures/{line.key}?{query}" if line.figure else None,
        level=line.level,
    )


def shown(
    final: FinalReport, formats: Formats, tr: Callable[[str], str], base: str, query: str
) -> list[ShownSection]:
    """Every section with its lines in the reader's language; ``base`` + ``query``:
    where the figures' drill-downs are."""
    return [
        ShownSection(
            section.key,
            tr(final_labels.SECTIONS.get(section.key, section.key)),
            tuple(_row(line, formats, tr, base, query) for line in section.lines),
            tuple(tr(final_labels.NOTES.get(note, note)) for note in section.notes),
        )
        for section in final.sections
    ]


def _final(
    state: ReportingState, request: Request, project_id: str
) -> tuple[FinalReport, list[LogSlice], date | None, dict[str, str]]:
    """The report of the period asked for, with a message at each field it could not
    read (the report then takes the default for that field)."""
    tr = state.pages.gettext(request)
    parsed, errors = query_dates(request, tr)
    today = state.views.today()
    try:
        final, cut = final_report_of(state.views.sources(), project_id, today=today, **parsed)
    except DomainError:
        errors["start"] = tr(START_AFTER_END)
        final, cut = final_report_of(
            state.views.sources(), project_id, today=today, **(parsed | {"start": None})
        )
    return final, cut, parsed["as_of"], errors


def _context(
    state: ReportingState, request: Request, project_id: str
) -> tuple[dict[str, Any], bool]:
    final, cut, as_of, errors = _final(state, request, project_id)
    period = final.report.period
    formats = Formats(language_of(request))
    query = urlencode(
        {"start": period.start, "end": period.end, **({"as_of": as_of} if as_of else {})}
    )
    base = f"/p/{project_id}/reports"
    context = {
        "final": final,
        "sections": shown(final, formats, state.pages.gettext(request), base, query),
        "logs": cut,
        "as_of": as_of,
        "query": query,
        "values": {"start": period.start.isoformat(), "end": period.end.isoformat(),
                   "as_of": as_of.isoformat() if as_of else ""},
        "errors": errors,
    }  # fmt: skip
    return context, bool(errors)


def _page(
    state: ReportingState, request: Request, project_id: str, template: str
) -> tuple[Response, dict[str, Any] | None]:
    """The final report rendered with ``template`` and its context, for a reader of the
    project; for anyone else the guard's answer and no context."""
    signed_in = state.guards.viewer(request, project_id)
    if not isinstance(signed_in, SignedIn):
        return signed_in, None
    context, refused = _context(state, request, project_id)
    status = 422 if refused else 200
    page = state.pages.render(request, template, context, signed_in=signed_in,
                              project_id=project_id, status_code=status)  # fmt: skip
    return page, context


@router.get("")
def get_final_report(request: Request, project_id: str, state: State) -> Response:
    page, _ = _page(state, request, project_id, "reporting/final.html")
    return page


@router.get("/export.html")
def get_final_report_export(request: Request, project_id: str, state: State) -> Response:
    """The same report as one HTML file to print or attach (a download)."""
    page, context = _page(state, request, project_id, "reporting/final_export.html")
    if context is None:
        return page
    period = context["final"].report.period
    name = f"final-report-{project_id}-{period.start.isoformat()}-{period.end.isoformat()}.html"
    page.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return page
