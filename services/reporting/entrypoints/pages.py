"""Reporting's pages: the report with tables and charts, drill-down, targets (entrypoints).

For project managers and auditors, in Finnish, Swedish or English with the shared
layout; no JavaScript (charts are inline SVG beside tables of the same numbers).
Every member of the project reads; only project managers and administrators set targets,
so auditors see no form at all. The period form is a GET: it changes nothing. The target
form goes through the same bus as the JSON API, which holds the rule of who may, and the
page after it shows the live figures with the new target. A drill-down names its clients
and their coaches as intake tells the reader, never stored here.
"""

# No ``from __future__ import annotations``: FastAPI reads these signatures at run time.

from collections.abc import Callable
from datetime import date
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import Response

from services.reporting.domain.errors import DomainError
from services.reporting.domain.figures import Figure, Period, Report
from services.reporting.domain.targets import SetTarget, figure_keys
from services.reporting.entrypoints import charts, drill_down, labels
from services.reporting.entrypoints.formats import Formats
from services.reporting.entrypoints.state import CSRF, ReportingState, State
from services.reporting.service_layer.handlers import may_set_targets
from shared.ids import uuid7_str
from shared.messagebus import Accepted
from shared.web.commands import CONFLICT, run_form
from shared.web.forms import FormReader, read_form
from shared.web.guards import context_of
from shared.web.i18n import N_
from shared.web.pages import language_of, redirect
from shared.web.principal import SignedIn

router = APIRouter(prefix="/p/{project_id}/reports", include_in_schema=False)

INVALID_DATE = N_("Give a date like 2019-07-31.")
START_AFTER_END = N_("The period starts after it ends.")
WHOLE_NUMBER = N_("Give a whole number from 0 to 1,000,000.")
TARGET_ERRORS = {
    "unknown_figure": N_("Choose a figure."),
    "invalid_planned": WHOLE_NUMBER,
    "invalid_number": WHOLE_NUMBER,
    "required": WHOLE_NUMBER,
    CONFLICT: N_("The targets changed meanwhile; try again."),
}
"""What the target form says of each refusal (``required``: only the planned value is)."""
TARGET_SAVED = N_("The target was saved.")
TARGET_SAVED_AS = N_("The target was saved: %(figure)s, planned %(planned)s.")
PERIOD_FIELDS = ("start", "end", "as_of")


def query_dates(
    request: Request, tr: Callable[[str], str]
) -> tuple[dict[str, date | None], dict[str, str]]:
    """The days of the query's period fields (``None`` where not given or not a date),
    with a message at each field that is not a date."""
    parsed: dict[str, date | None] = {}
    errors: dict[str, str] = {}
    for name in PERIOD_FIELDS:
        text = request.query_params.get(name, "").strip()
        try:
            parsed[name] = date.fromisoformat(text) if text else None
        except ValueError:
            parsed[name] = None
            errors[name] = tr(INVALID_DATE)
    return parsed, errors


def query_period(
    state: ReportingState, request: Request
) -> tuple[Period, date | None, dict[str, str]]:
    """The period and as-of day of the query, with a message at each field it could not
    read: the page then shows the default period and the messages."""
    tr = state.pages.gettext(request)
    parsed, errors = query_dates(request, tr)
    try:
        period = state.views.period(parsed["start"], parsed["end"], parsed["as_of"])
    except DomainError:
        errors["start"] = tr(START_AFTER_END)
        period = state.views.period(None, parsed["end"], parsed["as_of"])
    return period, parsed["as_of"], errors


def report_page(
    state: ReportingState, request: Request, project_id: str, signed_in: SignedIn, **extra: Any
) -> Response:
    """The report, with the target form for those who may set targets (``extra``: the
    form's values and errors when it was refused)."""
    period, as_of, errors = query_period(state, request)
    result, cut = state.views.report(project_id, period, as_of)
    tr = state.pages.gettext(request)
    language = language_of(request)
    formats = Formats(language)
    query = {"start": period.start, "end": period.end, **({"as_of": as_of} if as_of else {})}
    context = {
        "report": result,
        "tables": _tables(result),
        "labels": labels.LABELS,
        "label_of": labels.label_of,
        "as_of": as_of,
        "logs": cut,
        "query": urlencode(query),
        "export_query": urlencode(query | {"lang": language}),
        "values": {"start": period.start.isoformat(), "end": period.end.isoformat(),
                   "as_of": as_of.isoformat() if as_of else ""},
        "errors": errors,
        "fmt": formats,
        **_charts(result, tr, formats),
        "may_set_targets": may_set_targets(context_of(request, signed_in, project_id)),
        "target_options": [(k, tr(labels.LABELS[k])) for k in figure_keys()],
        "target_values": {},
        "target_errors": {},
        "submission_id": uuid7_str(),
        "flash": _saved(request, result, tr, formats),
    } | extra  # fmt: skip
    status = 422 if errors or extra.get("target_errors") else 200
    return state.pages.render(request, "reporting/report.html", context, signed_in=signed_in,
                              project_id=project_id, status_code=status)  # fmt: skip


def _charts(result: Report, tr: Any, formats: Formats) -> dict[str, Any]:
    """The charts of the period: who began in each month of it, where those who left in
    it went, and the cumulative actuals against the targets."""
    steps = charts.entries_by_step(result.participants_by_month, result.period, formats)
    leavers = [f for f in result.figures if f.key.startswith("destinations.")]
    return {
        "steps": steps,
        "entries": charts.bar_chart(
            [charts.Row(s.label, s.began, formats.number(s.began)) for s in steps.steps]
        ),
        "leavers": leavers,
        "destinations": charts.bar_chart(
            [charts.Row(tr(labels.LABELS[f.key]), f.in_period, formats.number(f.in_period))
             for f in leavers]
        ),
        "targets": charts.bar_chart(
            [charts.Row(tr(labels.LABELS.get(t.figure, t.figure)), t.actual,
                        _against(t.actual, t.planned, t.percent, formats), t.planned)
             for t in result.targets]
        ),
    }  # fmt: skip


def _against(actual: float, planned: int, percent: float | None, formats: Formats) -> str:
    """ "300 / 420 (71,4 %)": the actual, the target and how much of it is reached."""
    text = f"{formats.number(actual)} / {formats.number(planned)}"
    return text if percent is None else f"{text} ({formats.percent(percent)})"


def _saved(request: Request, result: Report, tr: Any, formats: Formats) -> str | None:
    """The notice after a target was saved, naming the figure and the value now planned."""
    saved = request.query_params.get("saved")
    if saved is None:
        return None
    target = next((t for t in result.targets if t.figure == saved), None)
    if target is None:
        return str(tr(TARGET_SAVED))
    figure = tr(labels.LABELS.get(target.figure, target.figure))
    return str(tr(TARGET_SAVED_AS) % {"figure": figure, "planned": formats.number(target.planned)})


@router.get("")
def get_report(request: Request, project_id: str, state: State) -> Response:
    signed_in = state.guards.viewer(request, project_id)
    if not isinstance(signed_in, SignedIn):
        return signed_in
    return report_page(state, request, project_id, signed_in)


@router.get("/figures/{key}")
def get_figure(request: Request, project_id: str, key: str, state: State) -> Response:
    """The clients (by name, with their coach) or companies behind a figure, and its
    events; leavers without an end status as a to-do list with links to record it."""
    signed_in = state.guards.viewer(request, project_id)
    if not isinstance(signed_in, SignedIn):
        return signed_in
    period, as_of, _ = query_period(state, request)
    result, _cut = state.views.report(project_id, period, as_of)
    try:
        found = result.figure(key)
    except KeyError:
        return state.pages.not_found(request, signed_in)
    companies = found.unit == "companies"
    people = {} if companies else state.people.of(
        project_id, found.members, drill_down.reader_of(request)
    )  # fmt: skip
    context = {
        "figure": found, "label": labels.label_of(key), "report": result,
        "as_of": as_of, "companies": companies,
        "members": [] if companies else drill_down.members(found, period, people),
        "named": bool(people) or not found.members,
        "to_do": drill_down.TO_DO.get(key),
        "may_write": signed_in.user.can_write_in(project_id),
        "events": state.views.events(found),
        "back": urlencode({"start": period.start, "end": period.end,
                           **({"as_of": as_of} if as_of else {})}),
    }  # fmt: skip
    return state.pages.render(request, "reporting/figure.html", context, signed_in=signed_in,
                              project_id=project_id)  # fmt: skip


@router.post("/targets", dependencies=CSRF)
async def post_target(request: Request, project_id: str, state: State) -> Response:
    """The target through the bus; refused, the report again with the form's errors."""
    signed_in = state.guards.viewer(request, project_id)
    if not isinstance(signed_in, SignedIn):
        return signed_in
    form = await read_form(request)
    context = context_of(request, signed_in, project_id, form.text("submission_id"))
    outcome = await run_form(state.bus, lambda: target_of(form, project_id), context)
    if isinstance(outcome, Accepted):
        # The period stays; an as-of day does not: figures as recorded by an earlier day
        # cannot show the target just set, so the page shows the live figures.
        kept = {name: form.text(name) for name in ("start", "end") if form.text(name)}
        saved = {"saved": form.text("figure")}
        return redirect(f"/p/{project_id}/reports?{urlencode(kept | saved)}")
    if not may_set_targets(context):
        return state.pages.forbidden(request, signed_in)  # there is no form to show again
    tr = state.pages.gettext(request)
    values = {name: form.text(name) for name in ("figure", "planned", "submission_id")}
    errors = {field: tr(TARGET_ERRORS.get(code, WHOLE_NUMBER)) for field, code in outcome.items()}
    return report_page(state, request, project_id, signed_in,
                       target_values=values, target_errors=errors)  # fmt: skip


def target_of(form: FormReader, project_id: str) -> SetTarget:
    planned = form.number("planned", required=True)
    form.check()
    return SetTarget(project_id=project_id, figure=form.text("figure"), planned=planned or 0)


def _tables(result: Report) -> list[tuple[str, list[Figure]]]:
    """The figures grouped under their headings, in report order."""
    tables: list[tuple[str, list[Figure]]] = []
    for figure in result.figures:
        heading = labels.section_of(figure.key)
        if not tables or tables[-1][0] != heading:
            tables.append((heading, []))
        tables[-1][1].append(figure)
    return tables
