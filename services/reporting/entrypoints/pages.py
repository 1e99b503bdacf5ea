"""Reporting's pages: the report with tables and charts, drill-down, targets (entrypoints).

For project managers and auditors, in Finnish, Swedish or English with the shared
layout; no JavaScript (charts are inline SVG beside tables of the same numbers).
Every member of the project reads; only project managers and administrators set targets,
so auditors see no form at all. The period form is a GET: it changes nothing.
"""

# No ``from __future__ import annotations``: the routes' dependencies name a local ``auth``.

from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import Response

from services.reporting.domain.figures import Figure, Period, Report
from services.reporting.domain.targets import TargetRefused, figure_keys
from services.reporting.entrypoints import charts, labels
from services.reporting.entrypoints.wiring import Reports, period_of
from services.reporting.service_layer.targets import set_target
from shared.web.auth import WebAuth
from shared.web.i18n import N_
from shared.web.pages import Pages, redirect
from shared.web.principal import PROJECT_MANAGER, SignedIn

HERE = Path(__file__).parent
INVALID_DATE = N_("Give a date like 2019-07-31.")
START_AFTER_END = N_("The period starts after it ends.")
TARGET_ERRORS = {
    "unknown_figure": N_("Choose a figure."),
    "invalid_planned": N_("Give a whole number from 0 to 1,000,000."),
}
TARGET_SAVED = N_("The target was saved.")


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def pages_router(auth: WebAuth, reports: Reports) -> APIRouter:
    pages = Pages(HERE / "templates", HERE / "locale")
    api = APIRouter(prefix="/p/{project_id}/reports", include_in_schema=False)

    def member(request: Request, project_id: str) -> SignedIn | Response:
        signed_in = auth.maybe_signed_in(request)
        if signed_in is None:
            return pages.login_redirect(request)
        if not signed_in.user.can_see_project(project_id):
            return pages.not_found(request, signed_in)
        return signed_in

    def may_set_targets(signed_in: SignedIn, project_id: str) -> bool:
        user = signed_in.user
        return user.is_admin or PROJECT_MANAGER in user.roles_in(project_id)

    def query_period(request: Request) -> tuple[Period, date | None, dict[str, str]]:
        values = {k: request.query_params.get(k, "") for k in ("start", "end", "as_of")}
        errors: dict[str, str] = {}
        parsed: dict[str, date | None] = {}
        for name, text in values.items():
            try:
                parsed[name] = _day(text.strip())
            except ValueError:
                parsed[name] = None
                errors[name] = pages.gettext(request)(INVALID_DATE)
        try:
            period = period_of(parsed["start"], parsed["end"], parsed["as_of"])
        except HTTPException:
            errors["start"] = pages.gettext(request)(START_AFTER_END)
            period = period_of(None, parsed["end"], parsed["as_of"])
        return period, parsed["as_of"], errors

    def page(request: Request, project_id: str, signed_in: SignedIn, **extra: Any) -> Response:
        period, as_of, errors = query_period(request)
        result, cut = reports.report(project_id, period.start, period.end, as_of)
        tr = pages.gettext(request)
        context = {
            "report": result,
            "tables": _tables(result),
            "labels": labels.LABELS,
            "as_of": as_of,
            "logs": cut,
            "query": urlencode({"start": period.start, "end": period.end,
                                **({"as_of": as_of} if as_of else {})}),
            "values": {"start": period.start.isoformat(), "end": period.end.isoformat(),
                       "as_of": as_of.isoformat() if as_of else ""},
            "errors": errors,
            "over_time": charts.line_chart(result.participants_by_month),
            "destinations": charts.bar_chart(
                [(tr(labels.LABELS[f.key]), f.cumulative, None)
                 for f in result.figures if f.key.startswith("destinations.")]
            ),
            "targets": charts.bar_chart(
                [(tr(labels.LABELS.get(t.figure, t.figure)), t.actual, t.planned)
                 for t in result.targets]
            ),
            "may_set_targets": may_set_targets(signed_in, project_id),
            "target_options": [(k, tr(labels.LABELS[k])) for k in figure_keys()],
            "target_values": {},
            "target_errors": {},
            "flash": tr(TARGET_SAVED) if request.query_params.get("saved") == "target" else None,
        } | extra  # fmt: skip
        status = 422 if errors or extra.get("target_errors") else 200
        return pages.render(request, "reporting/report.html", context, signed_in=signed_in,
                            project_id=project_id, status_code=status)  # fmt: skip

    @api.get("")
    def report_page(request: Request, project_id: str) -> Response:
        signed_in = member(request, project_id)
        if isinstance(signed_in, Response):
            return signed_in
        return page(request, project_id, signed_in)

    @api.get("/figures/{key}")
    def figure_page(request: Request, project_id: str, key: str) -> Response:
        signed_in = member(request, project_id)
        if isinstance(signed_in, Response):
            return signed_in
        period, as_of, _ = query_period(request)
        result, _cut = reports.report(project_id, period.start, period.end, as_of)
        try:
            figure = result.figure(key)
        except KeyError:
            return pages.not_found(request, signed_in)
        context = {"figure": figure, "label": labels.LABELS.get(key, key), "report": result,
                   "as_of": as_of, "companies": figure.unit == "companies",
                   "events": reports.events(figure)}  # fmt: skip
        return pages.render(request, "reporting/figure.html", context, signed_in=signed_in,
                            project_id=project_id)  # fmt: skip

    @api.post("/targets", dependencies=[Depends(auth.verify_csrf)])
    async def post_target(request: Request, project_id: str) -> Response:
        signed_in = member(request, project_id)
        if isinstance(signed_in, Response):
            return signed_in
        if not may_set_targets(signed_in, project_id):
            return pages.forbidden(request, signed_in)
        form = await request.form()
        figure = str(form.get("figure") or "")
        planned_text = str(form.get("planned") or "").strip()
        tr = pages.gettext(request)
        try:
            planned = int(planned_text)
        except ValueError:
            planned = -1
        try:
            set_target(reports.runtime.log, project_id, figure, planned, signed_in.user.id)
        except TargetRefused as refused:
            return page(request, project_id, signed_in,
                        target_values={"figure": figure, "planned": planned_text},
                        target_errors={refused.field: tr(TARGET_ERRORS[refused.code])})  # fmt: skip
        kept = {k: str(form.get(k) or "") for k in ("start", "end", "as_of") if form.get(k)}
        return redirect(f"/p/{project_id}/reports?{urlencode(kept | {'saved': 'target'})}")

    return api


def _tables(result: Report) -> list[tuple[str, list[Figure]]]:
    """The figures grouped under their headings, in report order."""
    tables: list[tuple[str, list[Figure]]] = []
    for figure in result.figures:
        heading = labels.section_of(figure.key)
        if not tables or tables[-1][0] != heading:
            tables.append((heading, []))
        tables[-1][1].append(figure)
    return tables
