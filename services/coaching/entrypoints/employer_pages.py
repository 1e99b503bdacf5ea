"""The employer's side of employer forms by link (entrypoint layer): ``/e/<token>``, outside
the signed-in area, for the contact person of the employer in in-work coaching (intake's
participants' links are ``/l/``).

The token in the address is the only credential: it is looked up by its hash, and an
unknown token and a wrong one get the same page and status, so the pages tell a guesser
nothing. Every request counts against its address's rate limit (429 with a page in the
reader's language). The page speaks the language the coach chose for the link, unless
the reader picks another with the switch (``?lang=``). A form posts back to its own
address: without the token nobody can post it, which is what the signed-in forms' CSRF
token does for them. What is sent becomes a proposal the coach confirms or rejects.
"""

# No ``from __future__ import annotations``: FastAPI reads the routes' signatures at run time.

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from services.coaching.domain import employer_forms as ef
from services.coaching.domain.commands import SendEmployerForm
from services.coaching.domain.employer_vocabulary import (
    Attainment,
    CompetenceArea,
    EmployerFollowOn,
    EmployerForm,
)
from services.coaching.domain.in_work import InWorkPlan
from services.coaching.domain.vocabulary import DemonstrationResult, GoalArea
from services.coaching.entrypoints import employer_labels, labels
from services.coaching.entrypoints.page_forms import chosen, required_date
from services.coaching.entrypoints.state import CoachingState, State
from services.coaching.service_layer.employer_forms import PURPOSE, link_context, opened
from services.coaching.service_layer.link_port import LinkGrant, LinkRefused
from shared.refusal import Refusal
from shared.web.forms import FormReader, read_form
from shared.web.i18n import LANGUAGE_NAMES, LANGUAGES

router = APIRouter(include_in_schema=False)

GONE = 410


def _speak(request: Request, grant: LinkGrant | None) -> None:
    """The page's language: the reader's choice (``?lang=``), else the link's own."""
    chosen_language = request.query_params.get("lang")
    language = (
        chosen_language if chosen_language in LANGUAGES else (grant.language if grant else None)
    )
    if language is not None:
        request.state.duuni_language = language


def _render(
    state: CoachingState,
    request: Request,
    template: str,
    context: Mapping[str, Any],
    status_code: int = 200,
) -> Response:
    path = request.url.path
    switch = [(code, LANGUAGE_NAMES[code], f"{path}?lang={code}") for code in LANGUAGES]
    return state.pages.render(
        request, template, {"link_languages": switch, **context}, status_code=status_code
    )


def _message(state: CoachingState, request: Request, reason: str, status_code: int) -> Response:
    tr = state.pages.gettext(request)
    title, text = employer_labels.REFUSALS[reason]
    context = {"title": tr(title), "text": tr(text)}
    return _render(state, request, "coaching/link_message.html", context, status_code)


def _refused(state: CoachingState, request: Request, token: str, refused: LinkRefused) -> Response:
    """The page of a link that does not open; an unknown token tells nothing more."""
    links = state.coaching.links
    grant = None if refused.reason == "unknown" or links is None else links.find(token)
    _speak(request, grant)
    status_code = 404 if refused.reason == "unknown" else GONE
    return _message(state, request, refused.reason, status_code)


def _limited(state: CoachingState, request: Request) -> Response | None:
    """The 429 page when the reader's address is over its rate, else ``None``."""
    address = request.client.host if request.client else ""
    if state.link_limiter.allow(address):
        return None
    _speak(request, None)
    response = _message(state, request, "busy", 429)
    response.headers["Retry-After"] = str(state.link_limiter.retry_after(address))
    return response


def _form_page(
    state: CoachingState,
    request: Request,
    grant: LinkGrant,
    plan: InWorkPlan,
    errors: Mapping[str, str] | None = None,
    values: Mapping[str, Any] | None = None,
) -> Response:
    tr = state.pages.gettext(request)
    picked = request.query_params.get("lang")
    form = grant.purpose.removeprefix(PURPOSE)
    companies = {x.company_id: x for x in state.companies.in_project(grant.project_id)}
    goal_texts = state.coaching.texts.read_many(
        ef.IN_WORK_GOAL_TEXT, [g.goal_id for g in plan.goals], project_id=grant.project_id
    )
    messages = labels.ERRORS
    context = {
        "title": tr(employer_labels.TITLES[form]),
        "form": form,
        "plan": plan,
        "goal_texts": goal_texts,
        "company": companies.get(plan.company_id),
        "employer_labels": employer_labels,
        "labels": labels,
        "choices": lambda options: [(v, tr(text)) for v, text in options],
        "label_of": lambda options, value: tr(str(dict(options).get(value, value))),
        "today": state.coaching.today(),
        "errors": {k: tr(messages.get(v, labels.UNKNOWN_ERROR)) for k, v in (errors or {}).items()},
        "values": dict(values or {}),
        "max_goals": ef.MAX_GOALS,
        "action": request.url.path + (f"?lang={picked}" if picked in LANGUAGES else ""),
    }
    return _render(state, request, "coaching/employer_form.html", context, 422 if errors else 200)


def _now() -> datetime:
    return datetime.now(UTC)


async def _open(
    state: CoachingState, request: Request, token: str
) -> tuple[LinkGrant, InWorkPlan] | Response:
    """The link's grant and plan, the page speaking its language; or the page answered
    instead: the address over its rate limit, or the link refused."""
    limited = _limited(state, request)
    if limited is not None:
        return limited
    try:
        grant, plan = await run_in_threadpool(opened, state.coaching, token)
    except LinkRefused as refused:
        return _refused(state, request, token, refused)
    _speak(request, grant)
    return grant, plan


@router.get("/e/{token}", name="employer_form")
async def employer_form(request: Request, token: str, state: State) -> Response:
    link = await _open(state, request, token)
    if isinstance(link, Response):
        return link
    grant, plan = link
    if plan.ended is not None:
        return _message(state, request, "ended", GONE)
    return _form_page(state, request, grant, plan)


@router.post("/e/{token}")
async def send_employer_form(request: Request, token: str, state: State) -> Response:
    link = await _open(state, request, token)
    if isinstance(link, Response):
        return link
    grant, plan = link
    form = await read_form(request)
    values: dict[str, Any] = dict(form.values)
    try:
        proposal = read_proposal(EmployerForm(grant.purpose.removeprefix(PURPOSE)), plan, form)
        form.check()
        command = SendEmployerForm(token=token, proposal=proposal)
        await run_in_threadpool(state.bus.handle, command, link_context(grant))
    except LinkRefused as refused:
        return _refused(state, request, token, refused)
    except Refusal as refusal:
        return _form_page(state, request, grant, plan, refusal.errors, values)
    return _message(state, request, "sent", 200)


def read_proposal(kind: EmployerForm, plan: InWorkPlan, form: FormReader) -> ef.Proposal:
    """The form as the employer sent it; what cannot be read is noted at its field."""
    comment = form.text("comment")
    match kind:
        case EmployerForm.GOALS:
            attained = []
            for goal in plan.goals:
                value = form.choice(f"attainment_{goal.goal_id}", Attainment, required=False)
                if value is not None:
                    attained.append((goal.goal_id, value))
            goals = []
            for i in range(ef.MAX_GOALS):
                text = form.text(f"goal_text_{i}")
                if not text:
                    continue
                goals.append(
                    ef.ProposedGoal(
                        area=chosen(form, f"goal_area_{i}", GoalArea),
                        text=text,
                        target_date=required_date(form, f"goal_target_{i}"),
                    )
                )
            return ef.GoalsProposal(
                on=required_date(form, "on"),
                goals=tuple(goals),
                attainments=tuple(attained),
                comment=comment,
            )
        case EmployerForm.DEMONSTRATION:
            if not form.text("tasks"):
                form.errors.setdefault("tasks", "tasks_required")
            scores = []
            for area in CompetenceArea:
                score = form.number(f"score_{area.value}")
                if score is not None:
                    scores.append((area, score))
            return ef.DemonstrationProposal(
                held_on=required_date(form, "held_on"),
                tasks=form.text("tasks"),
                scores=tuple(scores),
                result=chosen(form, "result", DemonstrationResult),
                comment=comment,
            )
        case EmployerForm.FOLLOW_ON:
            return ef.FollowOnProposal(
                follow_on=chosen(form, "follow_on", EmployerFollowOn),
                starts_on=required_date(form, "starts_on"),
                comment=comment,
            )
