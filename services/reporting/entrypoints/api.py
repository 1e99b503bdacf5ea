"""HTTP API of the reporting service: figures, drill-down, exports, targets, as-of.

Routes under ``/api/reporting/projects/{project_id}``. Every member of the project
(auditors too) reads; project managers and administrators set targets (the rule is the
handler's). Another project's report answers 404. ``as_of`` (a date) reproduces the
figures from the events recorded by the end of that day (UTC), however they were
corrected later. Errors are RFC 9457 problems: ``json()["code"]`` is the stable code.

The exports (CSV and XLSX of the figures and of the participants) are readable by
default, in the language ``lang`` names or else the reader's site language; with
``format=codes`` they carry the stable column names and codes for programs.
"""

# No ``from __future__ import annotations``: FastAPI reads these signatures at run time.

import dataclasses
from collections.abc import Callable, Sequence
from typing import Annotated, Any, Final, Literal

from fastapi import APIRouter, Query, Request, status
from fastapi.responses import Response
from pydantic import BaseModel, Field

from services.reporting.domain.errors import PROJECT_NOT_FOUND
from services.reporting.domain.figures import Report
from services.reporting.domain.targets import SetTarget, figure_keys
from services.reporting.entrypoints import exports, xlsx
from services.reporting.entrypoints.formats import Formats
from services.reporting.entrypoints.state import (
    CSRF,
    Asked,
    AskedFor,
    Member,
    ReportingState,
    State,
    gettext_for,
)
from services.reporting.service_layer.ports import LogSlice
from shared.web.commands import AcceptedOut, run_json_as
from shared.web.i18n import N_
from shared.web.pages import language_of
from shared.web.problems import PROBLEM_RESPONSES, ProblemError

router = APIRouter(prefix="/api/reporting/projects/{project_id}", tags=["reporting"])

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "UTF-8 with a byte-order mark. Readable: `;` as the separator and a "
        "decimal comma in Finnish and Swedish, `,` and a decimal point in English. "
        "Codes: `,` and a decimal point, ISO dates, `true`/`false`.",
        "content": {"text/csv": {}},
    }
}
XLSX_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"description": "The workbook: one sheet, a frozen header row", "content": {XLSX: {}}},
    501: {"description": "`xlsx_unavailable`: openpyxl is not installed"},
}
FIGURES_SHEET = N_("Figures")
PARTICIPANTS_SHEET = N_("Participants")
Form = Annotated[
    Literal["readable", "codes"],
    Query(
        alias="format",
        description="`readable` (default): headings, coded values, dates and numbers in "
        "the reader's language, for people. `codes`: the stable column names, keys and "
        "codes (e.g. `participants.gender.female`, `isced_0_2`), for programs; the same in "
        "every language.",
    ),
]
Lang = Annotated[
    Literal["fi", "sv", "en"] | None,
    Query(
        description="Language of a readable export; by default the language the reader "
        "chose on the site, else the browser's (`Accept-Language`), else Finnish."
    ),
]


class TargetIn(BaseModel):
    figure: str = Field(max_length=120)
    planned: int
    submission_id: str | None = Field(default=None, max_length=64)
    """The same submission sent twice is stored once."""


def report_json(result: Report, cut: list[LogSlice], asked: Asked) -> dict[str, Any]:
    return {
        "project_id": result.project_id,
        "period": {"start": result.period.start, "end": result.period.end},
        "counting_rules_version": result.rules_version,
        "as_of": asked.as_of,
        "logs": {s.source: {"last_position": s.last_position, "head_hash": s.head_hash}
                 for s in cut},
        "figures": [
            {"key": f.key, "section": f.section, "unit": f.unit, "in_period": f.in_period,
             "cumulative": f.cumulative}
            for f in result.figures
        ],
        "targets": [
            {"figure": t.figure, "planned": t.planned, "actual": t.actual, "percent": t.percent,
             "event": {"log": t.event[0], "position": t.event[1]}}
            for t in result.targets
        ],
        "participants_by_month": [list(point) for point in result.participants_by_month],
    }  # fmt: skip


@router.get("/report", summary="The project's figures for a period, live or as of a date")
def get_report(project_id: str, user: Member, asked: AskedFor, state: State) -> dict[str, Any]:
    result, cut = state.views.report(project_id, asked.period, asked.as_of)
    return report_json(result, cut, asked)


@router.get("/figures/{key}", summary="Drill-down: the clients or companies behind a figure")
def drill_down(
    project_id: str, key: str, user: Member, asked: AskedFor, state: State
) -> dict[str, Any]:
    result, _ = state.views.report(project_id, asked.period, asked.as_of)
    try:
        figure = result.figure(key)
    except KeyError:
        raise ProblemError(status.HTTP_404_NOT_FOUND, "not_found") from None
    events = state.views.events(figure)
    return {
        "key": figure.key,
        "unit": figure.unit,
        "members_are": "companies" if figure.unit == "companies" else "clients",
        "cumulative": figure.cumulative,
        "in_period": figure.in_period,
        "members": list(figure.members),
        "events": [{"log": e.log, "position": e.position, "event_id": e.event_id} for e in events],
        "event_ids": [e.event_id for e in events],
    }


ReadableRows = Callable[[exports.Readable], exports.Rows]
"""How an export's rows read in one reader's language."""


@dataclasses.dataclass(frozen=True, slots=True)
class _Table:
    """One exported table: its name, columns and sheet name, and how its rows are read."""

    what: str
    columns: Sequence[str]
    sheet: str
    read: Callable[[ReportingState, str, Asked], tuple[exports.Rows, ReadableRows]]
    """The rows with codes, and how a reader's language turns them readable."""
    dated: bool = False
    """Its date cells take the reader's short date in the readable workbook."""


def _figures(
    state: ReportingState, project_id: str, asked: Asked
) -> tuple[exports.Rows, ReadableRows]:
    result, _ = state.views.report(project_id, asked.period, asked.as_of)
    rows = exports.figure_rows(result)
    return rows, lambda readable: readable.figures(result, rows)


def _participants(
    state: ReportingState, project_id: str, asked: Asked
) -> tuple[exports.Rows, ReadableRows]:
    facts, _ = state.views.facts(project_id, asked.as_of)
    rows = exports.participant_rows(facts.participants, asked.period)
    return rows, lambda readable: readable.participants(rows)


FIGURES = _Table("figures", exports.FIGURE_COLUMNS, FIGURES_SHEET, _figures)
PARTICIPANTS = _Table(
    "participants", exports.PARTICIPANT_COLUMNS, PARTICIPANTS_SHEET, _participants, dated=True
)


def _export(
    table: _Table, suffix: str, request: Request, project_id: str, asked: Asked,
    state: ReportingState, form: str, lang: str | None,
) -> Response:  # fmt: skip
    """A table as CSV or XLSX, readable in the reader's language or with codes."""
    if suffix == "xlsx":
        _need_openpyxl()
    rows, readable_rows = table.read(state, project_id, asked)
    name = _file_name(project_id, table.what, asked, form, suffix)
    if form == "codes":
        if suffix == "csv":
            return _csv(exports.to_csv(table.columns, rows, exports.code_text), name)
        return _xlsx(xlsx.workbook(table.what, table.columns, rows), name)
    readable = _readable(lang, request)
    header = readable.headings(table.columns)
    if suffix == "csv":
        return _csv(exports.to_csv(header, readable_rows(readable), readable.text,
                                   readable.delimiter), name)  # fmt: skip
    body = xlsx.workbook(
        readable.tr(table.sheet), header, readable_rows(readable),
        date_format=readable.formats.sheet_date if table.dated else xlsx.ISO_DATES,
        cell=readable.sheet_cell,
    )  # fmt: skip
    return _xlsx(body, name)


def _export_route(table: _Table, suffix: str) -> Callable[..., Response]:
    def export(
        request: Request, project_id: str, user: Member, asked: AskedFor, state: State,
        form: Form = "readable", lang: Lang = None,
    ) -> Response:  # fmt: skip
        return _export(table, suffix, request, project_id, asked, state, form, lang)

    return export


EXPORTS: Final = (
    ("report", FIGURES, "The figures as {}: readable in the reader's language, or with codes"),
    ("participants", PARTICIPANTS, "Participants as the EURA start and end forms, as {}"),
)
"""The exported tables by path; each is served as CSV and as XLSX."""

for _path, _table, _summary in EXPORTS:
    for _suffix, _responses in (("csv", CSV_RESPONSE), ("xlsx", XLSX_RESPONSES)):
        router.add_api_route(
            f"/{_path}.{_suffix}", _export_route(_table, _suffix), methods=["GET"],
            name=f"{_path}_{_suffix}", summary=_summary.format(_suffix.upper()),
            responses=_responses,
        )  # fmt: skip


@router.get("/targets", summary="Figures a target can be set for, and the targets set")
def get_targets(project_id: str, user: Member, state: State) -> dict[str, Any]:
    return {
        "figures": list(figure_keys()),
        "targets": [{"figure": t.figure, "planned": t.planned}
                    for t in state.views.targets(project_id)],
    }  # fmt: skip


@router.post(
    "/targets",
    summary="Set the planned value of a figure (project managers and administrators)",
    dependencies=CSRF,
    responses=PROBLEM_RESPONSES,
    status_code=status.HTTP_201_CREATED,
)
async def post_target(project_id: str, body: TargetIn, user: Member, state: State) -> AcceptedOut:
    command = SetTarget(project_id=project_id, figure=body.figure, planned=body.planned)
    accepted = await run_json_as(
        state.bus, command, user, project_id,
        submission_id=body.submission_id, not_found={PROJECT_NOT_FOUND},
    )  # fmt: skip
    return AcceptedOut.of(accepted)


def _readable(lang: str | None, request: Request) -> exports.Readable:
    """The readable form in the language asked for, else the reader's site language."""
    language = lang or language_of(request)
    return exports.Readable(gettext_for(language), Formats(language))


def _file_name(project_id: str, what: str, asked: Asked, form: str, suffix: str) -> str:
    period = f"{asked.period.start.isoformat()}-{asked.period.end.isoformat()}"
    return f"{project_id}-{what}-{period}{'-codes' if form == 'codes' else ''}.{suffix}"


def _need_openpyxl() -> None:
    if not xlsx.available():
        raise ProblemError(status.HTTP_501_NOT_IMPLEMENTED, "xlsx_unavailable")


def _xlsx(body: bytes, filename: str) -> Response:
    disposition = f'attachment; filename="{filename}"'
    return Response(body, media_type=XLSX, headers={"Content-Disposition": disposition})


def _csv(body: str, filename: str) -> Response:
    return Response(
        "\ufeff" + body,  # a byte-order mark, so that spreadsheet programs read UTF-8
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
