"""The coach's side of employer forms by link (entrypoint layer): the links of one in-work
coaching plan (make one for the employer's contact person, copy its address once, see
what became of each, revoke), and a form sent back, to confirm into the record or reject.

Making a link shows its address on that answer only: only the token's hash is kept, as
for the calendar feed.
"""

# No ``from __future__ import annotations``: FastAPI reads the routes' signatures at run time.

from functools import partial

from fastapi import APIRouter, Request
from fastapi.responses import Response

from services.coaching.domain import employer_forms
from services.coaching.domain.commands import (
    ConfirmEmployerForm,
    IssueEmployerLink,
    RejectEmployerForm,
    RevokeEmployerLink,
)
from services.coaching.domain.employer_vocabulary import EmployerForm
from services.coaching.domain.errors import DomainError
from services.coaching.entrypoints import employer_labels
from services.coaching.entrypoints.page_forms import (
    Submission,
    chosen,
    drawn,
    for_writers,
    posted,
    submit,
)
from services.coaching.entrypoints.page_rendering import FormProblem, Visit
from services.coaching.entrypoints.state import CSRF, State
from services.coaching.service_layer.employer_forms import LinkIssued, links_of_plan
from services.coaching.service_layer.queries import in_work_view
from shared.web.forms import FormReader
from shared.web.i18n import LANGUAGE_NAMES, LANGUAGES
from shared.web.principal import SignedIn

router = APIRouter(prefix="/p/{project_id}/coaching", include_in_schema=False)

DEFAULT_DAYS = 14


def _links_page(
    plan_id: str, visit: Visit, problem: FormProblem | None = None, address: str = ""
) -> Response:
    view = in_work_view(visit.state.coaching, visit.project_id, plan_id, private=True)
    names = {x.company_id: x for x in visit.state.companies.in_project(visit.project_id)}
    context = {
        "plan": view.plan,
        "company": names.get(view.plan.company_id),
        "rows": links_of_plan(visit.state.coaching, visit.project_id, plan_id),
        "address": address,
        "employer_labels": employer_labels,
        "link_languages": [(code, LANGUAGE_NAMES[code]) for code in LANGUAGES],
    }
    defaults = {"valid_days": DEFAULT_DAYS, "language": "fi", "form": "demonstration"}
    return visit.show(
        "coaching/employer_links.html", context, problem, defaults, [view.plan.client_id]
    )


@router.get("/in-work/{plan_id}/links")
def links_page(request: Request, project_id: str, plan_id: str, state: State) -> Response:
    return for_writers(state, request, project_id, partial(_links_page, plan_id))


@router.post("/in-work/{plan_id}/links", dependencies=CSRF)
async def issue_link(request: Request, project_id: str, plan_id: str, state: State) -> Response:
    """A new link, its address shown on this answer only (never in a redirect's URL)."""

    def build(form: FormReader, _signed_in: SignedIn) -> IssueEmployerLink:
        days = form.number("valid_days")
        if days is None:
            form.errors.setdefault("valid_days", "invalid_number")
        return IssueEmployerLink(
            plan_id=plan_id,
            form=chosen(form, "form", EmployerForm),
            language=form.text("language"),
            valid_days=days or 0,
            recipient=form.text("recipient"),
            contact_id=form.optional("contact_id"),
        )

    sent = await submit(state, request, project_id, build)
    if not isinstance(sent, Submission):
        return sent
    visit = Visit(state, request, project_id, sent.signed_in)
    if isinstance(sent.outcome, FormProblem):
        return drawn(visit, partial(_links_page, plan_id), sent.outcome)
    token = sent.outcome.token if isinstance(sent.outcome, LinkIssued) else ""
    address = str(request.url_for("employer_form", token=token))
    return drawn(visit, partial(_links_page, plan_id, address=address))


@router.post("/in-work/{plan_id}/links/{link_id}/revoke", dependencies=CSRF)
async def revoke_link(
    request: Request, project_id: str, plan_id: str, link_id: str, state: State
) -> Response:
    def build(_form: FormReader, _signed_in: SignedIn) -> RevokeEmployerLink:
        return RevokeEmployerLink(plan_id=plan_id, link_id=link_id)

    then = (f"/p/{project_id}/coaching/in-work/{plan_id}/links", "link_revoked")
    return await posted(state, request, project_id, build, partial(_links_page, plan_id), then)


def _proposal_page(
    plan_id: str, link_id: str, visit: Visit, problem: FormProblem | None = None
) -> Response:
    coaching = visit.state.coaching
    view = in_work_view(coaching, visit.project_id, plan_id, private=True)
    forms = coaching.employer_forms
    record = forms.get(visit.project_id, link_id) if forms else None
    if record is None or record.plan_id != plan_id or record.content is None:
        raise DomainError("link_not_found", "link_id")
    proposal = employer_forms.load(record.content)
    context = {
        "plan": view.plan,
        "goal_texts": view.goal_texts,
        "record": record,
        "proposal": proposal,
        "employer_labels": employer_labels,
    }
    return visit.show(
        "coaching/employer_proposal.html", context, problem, {}, [view.plan.client_id]
    )


@router.get("/in-work/{plan_id}/links/{link_id}")
def proposal_page(
    request: Request, project_id: str, plan_id: str, link_id: str, state: State
) -> Response:
    return for_writers(state, request, project_id, partial(_proposal_page, plan_id, link_id))


async def _settle(
    state: State,
    request: Request,
    ids: tuple[str, str, str],
    kind: type[ConfirmEmployerForm] | type[RejectEmployerForm],
    done: str,
) -> Response:
    """The coach's answer to a proposal (``kind``): back to the plan with the notice
    ``done``; refused, the proposal's page again."""
    project_id, plan_id, link_id = ids

    def build(_form: FormReader, _signed_in: SignedIn) -> ConfirmEmployerForm | RejectEmployerForm:
        return kind(plan_id=plan_id, link_id=link_id)

    then = (f"/p/{project_id}/coaching/in-work/{plan_id}", done)
    draw = partial(_proposal_page, plan_id, link_id)
    return await posted(state, request, project_id, build, draw, then)


@router.post("/in-work/{plan_id}/links/{link_id}/confirm", dependencies=CSRF)
async def confirm(
    request: Request, project_id: str, plan_id: str, link_id: str, state: State
) -> Response:
    """The proposal into the record, through the same commands as the coach's own forms."""
    ids = (project_id, plan_id, link_id)
    return await _settle(state, request, ids, ConfirmEmployerForm, "form_confirmed")


@router.post("/in-work/{plan_id}/links/{link_id}/reject", dependencies=CSRF)
async def reject(
    request: Request, project_id: str, plan_id: str, link_id: str, state: State
) -> Response:
    ids = (project_id, plan_id, link_id)
    return await _settle(state, request, ids, RejectEmployerForm, "form_rejected")
