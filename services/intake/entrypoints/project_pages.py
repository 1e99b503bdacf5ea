"""The admin's pages of projects: the list, the form that registers one, and the form
that sets how long a project's personal data is kept.

Entrypoint layer. The forms build the ``RegisterProject`` command the JSON API builds and
the ``SetRetentionRule`` command ``duuni privacy retention`` builds, and hand them to the
same bus; the handlers check that the actor is an admin.
"""

from __future__ import annotations

from collections.abc import Mapping

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from services.intake.domain.privacy import SetRetentionRule, retention_end
from services.intake.domain.project import Project, RegisterProject
from services.intake.entrypoints.form_readers import project_plan
from services.intake.entrypoints.page_parts import (
    flash,
    guarded_form,
    on_the_page,
    signed_in_admin,
    status_of,
    translated,
)
from services.intake.entrypoints.state import IntakeState, State
from shared.web.commands import run_form
from shared.web.guards import context_of
from shared.web.pages import redirect
from shared.web.principal import SignedIn

router = APIRouter(include_in_schema=False)

FIELDS = (
    *("project_id", "name", "municipalities", "starts_on", "ends_on", "min_age", "max_age"),
    *("planned_participants", "planned_companies", "funding", "budget"),
)
"""The registration form's fields, by the ids the error summary links to."""
RETENTION_FIELDS = ("years", "until")


def _projects_page(
    state: IntakeState,
    request: Request,
    signed_in: SignedIn,
    values: Mapping[str, str] | None = None,
    errors: Mapping[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    projects = state.directory.projects()
    return state.pages.render(
        request,
        "intake/projects.html",
        {
            "visible_projects": projects,
            "kept_until": {p.project_id: state.privacy.kept_until(p.project_id) for p in projects},
            "values": values or {},
            "errors": translated(state.pages, request, errors or {}),
            "flash": flash(state.pages, request),
        },
        signed_in=signed_in,
        status_code=status_code,
    )


@router.get("/admin/projects", response_class=HTMLResponse)
def project_list(request: Request, state: State) -> Response:
    found = signed_in_admin(state, request)
    return found if isinstance(found, Response) else _projects_page(state, request, found)


@router.post("/admin/projects", response_class=HTMLResponse)
async def project_register(request: Request, state: State) -> Response:
    posted = await guarded_form(state, request, signed_in_admin(state, request))
    if isinstance(posted, Response):
        return posted
    found, form = posted
    project_id = form.text("project_id", required=True)

    def command() -> RegisterProject:
        return RegisterProject(project_id=project_id, plan=project_plan(form))

    context = context_of(request, found, project_id)
    outcome = await run_form(state.bus, command, context)
    if isinstance(outcome, dict):
        errors = on_the_page(outcome, FIELDS, "project_id")
        return _projects_page(state, request, found, form.values, errors, status_of(errors))
    return redirect("/admin/projects?saved=project_registered")


def _retention_page(
    state: IntakeState,
    request: Request,
    signed_in: SignedIn,
    project: Project,
    values: Mapping[str, str] | None = None,
    errors: Mapping[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    """The project's rule, read once: the form's values and the day it keeps data until."""
    rule = state.privacy.retention.rule_of(project.project_id)
    until = rule.until.isoformat() if rule.until else ""
    shown = values or {"years": str(rule.years), "until": until}
    return state.pages.render(
        request,
        "intake/retention.html",
        {
            "project": project,
            "kept_until": retention_end(project.plan.ends_on, rule),
            "values": shown,
            "errors": translated(state.pages, request, errors or {}),
        },
        signed_in=signed_in,
        status_code=status_code,
    )


@router.get("/admin/projects/{project_id}/retention", response_class=HTMLResponse)
def retention_form(project_id: str, request: Request, state: State) -> Response:
    found = signed_in_admin(state, request)
    if isinstance(found, Response):
        return found
    project = state.views.project(project_id)
    if project is None:
        return state.pages.not_found(request, found)
    return _retention_page(state, request, found, project)


@router.post("/admin/projects/{project_id}/retention", response_class=HTMLResponse)
async def retention_set(project_id: str, request: Request, state: State) -> Response:
    """The whole rule as the form shows it: an empty day means none, so years count."""
    posted = await guarded_form(state, request, signed_in_admin(state, request))
    if isinstance(posted, Response):
        return posted
    found, form = posted
    project = state.views.project(project_id)
    if project is None:
        return state.pages.not_found(request, found)

    def command() -> SetRetentionRule:
        years, until = form.number("years", required=True), form.day("until")
        form.check()
        assert years is not None  # required: a missing one is refused by ``check``
        return SetRetentionRule(years=years, until=until)

    outcome = await run_form(state.bus, command, context_of(request, found, project_id))
    if isinstance(outcome, dict):
        errors = on_the_page(outcome, RETENTION_FIELDS, "years")
        status = status_of(errors)
        return _retention_page(state, request, found, project, form.values, errors, status)
    return redirect("/admin/projects?saved=retention_set")
