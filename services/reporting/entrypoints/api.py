"""HTTP API of the reporting service: figures, drill-down, exports, targets, as-of.

Routes under ``/api/reporting/projects/{project_id}``. Every member of the project
(auditors too) reads; project managers and administrators set targets. Another
project's report answers 404. ``as_of`` (a date) reproduces the figures from the events
recorded by the end of that day (UTC), however they were corrected later.
"""

# No ``from __future__ import annotations``: the routes' dependencies name a local ``auth``.

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, status
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field

from services.reporting.domain.figures import Report
from services.reporting.domain.targets import TargetRefused, figure_keys
from services.reporting.entrypoints import exports, xlsx
from services.reporting.entrypoints.pages import pages_router
from services.reporting.entrypoints.wiring import Reports, period_of
from services.reporting.service_layer.ports import LogSlice
from services.reporting.service_layer.targets import set_target
from shared.http import health_router
from shared.runtime import ServiceRuntime
from shared.web.auth import WebAuth
from shared.web.principal import PROJECT_MANAGER, User

Start = Annotated[date | None, Query(description="First day of the period.")]
End = Annotated[date | None, Query(description="Last day of the period (default today).")]
AsOf = Annotated[
    date | None, Query(description="Reproduce the figures from events recorded by that day.")
]


class TargetIn(BaseModel):
    figure: str = Field(max_length=120)
    planned: int


def report_json(result: Report, cut: list[LogSlice], as_of: date | None) -> dict[str, Any]:
    return {
        "project_id": result.project_id,
        "period": {"start": result.period.start, "end": result.period.end},
        "counting_rules_version": result.rules_version,
        "as_of": as_of,
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


def router(runtime: ServiceRuntime, auth: WebAuth, reports: Reports) -> APIRouter:
    api = APIRouter()
    api.include_router(health_router(runtime))
    api.include_router(reporting_router(runtime, auth, reports))
    api.include_router(pages_router(auth, reports))
    return api


def reporting_router(runtime: ServiceRuntime, auth: WebAuth, reports: Reports) -> APIRouter:
    api = APIRouter(prefix="/api/reporting/projects/{project_id}", tags=["reporting"])
    reader = Depends(auth.require_project_member())
    manager = Depends(auth.require_project_member(PROJECT_MANAGER))

    @api.get("/report", summary="The project's figures for a period, live or as of a date")
    def get_report(
        project_id: str, user: Annotated[User, reader], start: Start = None, end: End = None,
        as_of: AsOf = None,
    ) -> dict[str, Any]:  # fmt: skip
        result, cut = reports.report(project_id, start, end, as_of)
        return report_json(result, cut, as_of)

    @api.get("/figures/{key}", summary="Drill-down: the clients or companies behind a figure")
    def drill_down(
        project_id: str, key: str, user: Annotated[User, reader], start: Start = None,
        end: End = None, as_of: AsOf = None,
    ) -> dict[str, Any]:  # fmt: skip
        result, _ = reports.report(project_id, start, end, as_of)
        try:
            figure = result.figure(key)
        except KeyError:
            raise HTTPException(status.HTTP_404_NOT_FOUND, "not_found") from None
        return {
            "key": figure.key,
            "unit": figure.unit,
            "members_are": "companies" if figure.unit == "companies" else "clients",
            "cumulative": figure.cumulative,
            "in_period": figure.in_period,
            "members": list(figure.members),
            "events": (events := reports.events(figure)),
            "event_ids": [event["event_id"] for event in events],
        }

    @api.get("/report.csv", summary="The figures as CSV")
    def report_csv(
        project_id: str, user: Annotated[User, reader], start: Start = None, end: End = None,
        as_of: AsOf = None,
    ) -> Response:  # fmt: skip
        result, _ = reports.report(project_id, start, end, as_of)
        body = exports.to_csv(exports.FIGURE_COLUMNS, exports.figure_rows(result))
        return _csv(body, f"{project_id}-figures-{result.period.end}.csv")

    @api.get("/participants.csv", summary="Participants as the EURA start and end forms")
    def participants_csv(
        project_id: str, user: Annotated[User, reader], start: Start = None, end: End = None,
        as_of: AsOf = None,
    ) -> Response:  # fmt: skip
        facts, _ = reports.facts(project_id, as_of)
        period = period_of(start, end, as_of)
        rows = exports.participant_rows(facts.participants, period)
        body = exports.to_csv(exports.PARTICIPANT_COLUMNS, rows)
        return _csv(body, f"{project_id}-participants-{period.end}.csv")

    @api.get("/participants.xlsx", summary="Participants as XLSX (needs openpyxl installed)")
    def participants_xlsx(
        project_id: str, user: Annotated[User, reader], start: Start = None, end: End = None,
        as_of: AsOf = None,
    ) -> Response:  # fmt: skip
        if not xlsx.available():
            return JSONResponse(
                {"code": "xlsx_unavailable", "field": None},
                status_code=status.HTTP_501_NOT_IMPLEMENTED,
            )
        facts, _ = reports.facts(project_id, as_of)
        period = period_of(start, end, as_of)
        rows = exports.participant_rows(facts.participants, period)
        body = xlsx.workbook("participants", exports.PARTICIPANT_COLUMNS, rows)
        return Response(
            body,
            media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            headers={
                "Content-Disposition": f'attachment; filename="{project_id}-participants.xlsx"'
            },
        )

    @api.get("/targets", summary="Figures a target can be set for, and the targets set")
    def get_targets(project_id: str, user: Annotated[User, reader]) -> dict[str, Any]:
        facts = reports.store.project_facts(project_id)
        return {
            "figures": list(figure_keys()),
            "targets": [{"figure": t.figure, "planned": t.planned} for t in facts.targets],
        }

    @api.post(
        "/targets",
        summary="Set the planned value of a figure (project managers and administrators)",
        dependencies=[Depends(auth.verify_csrf)],
        status_code=status.HTTP_201_CREATED,
    )
    def post_target(
        project_id: str, body: TargetIn, user: Annotated[User, manager]
    ) -> JSONResponse:
        try:
            event_id = set_target(runtime.log, project_id, body.figure, body.planned, user.id)
        except TargetRefused as refused:
            return JSONResponse(
                {"code": refused.code, "field": refused.field},
                status_code=status.HTTP_422_UNPROCESSABLE_CONTENT,
            )
        return JSONResponse({"event_id": event_id}, status_code=status.HTTP_201_CREATED)

    return api


def _csv(body: str, filename: str) -> Response:
    return Response(
        "\ufeff" + body,  # a byte-order mark, so that spreadsheet programs read UTF-8
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
