"""A client's forms by link, as the coach sees them: send one, see its state, revoke it,
and review what the participant sent beside what the project holds, then confirm or
reject it.

Entrypoint layer. Every member of the project sees the page; coaches and project
managers act (the service layer checks it from the context). A new link's address is
shown once, in the answer to the form that made it: only its hash is kept.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from services.intake.domain import link_forms
from services.intake.domain.consent import PURPOSES
from services.intake.domain.errors import DomainError
from services.intake.entrypoints import labels, link_labels
from services.intake.entrypoints.consent_texts import PURPOSE_LABELS
from services.intake.entrypoints.page_parts import (
    label_of,
    message,
    not_found,
    on_the_page,
    status_of,
    writer_form,
)
from services.intake.entrypoints.restricted import opened_record
from services.intake.entrypoints.state import IntakeState, State
from services.intake.service_layer import links as participant_links
from services.intake.service_layer.consent import consents_of
from services.intake.service_layer.links import Proposal
from shared.messagebus import CommandContext
from shared.refusal import Refusal
from shared.web.guards import context_of
from shared.web.i18n import N_
from shared.web.pages import format_day, language_of, redirect
from shared.web.principal import SignedIn

router = APIRouter(include_in_schema=False)

FIELDS = ("kind", "language", "valid_days")
FLASHES = {
    "revoked": N_("The link was revoked."),
    "confirmed": N_("The answers were confirmed and saved."),
    "rejected": N_("The answers were rejected: nothing was saved."),
}
START_ROWS = (
    ("gender", N_("Gender"), labels.GENDERS),
    ("education", N_("Education"), labels.EDUCATION),
    ("labour_market_status", N_("Labour-market status"), labels.LABOUR_MARKET_STATUSES),
    ("unemployed_since", N_("Unemployed since"), ()),
    ("municipality", N_("Municipality"), ()),
    *((name, question, labels.SENSITIVE_ANSWERS) for name, question in labels.SENSITIVE_QUESTIONS),
)
FOLLOW_UP_ROWS = (
    ("exit_status", N_("Situation now"), labels.EXIT_STATUSES),
    ("employment_type", N_("Type of employment"), labels.EMPLOYMENT_TYPES),
    ("referral_kind", N_("Service referred to"), labels.REFERRAL_KINDS),
    ("intermediate_kind", N_("Kind of intermediate labour market"), labels.INTERMEDIATE_KINDS),
    ("improvement", N_("Improvement in the labour-market situation"), labels.IMPROVEMENTS),
)


def _now() -> datetime:
    return datetime.now(UTC)


def link_parts(state: IntakeState, project_id: str, client_id: str) -> dict[str, Any]:
    """What the client page shows of links: how many proposals wait for a coach."""
    waiting = participant_links.waiting(state.proposals, project_id, client_id)
    return {"waiting_proposals": len(waiting)}


def _rows(
    state: IntakeState, request: Request, proposal: Proposal, current: Mapping[str, str]
) -> list[tuple[str, str, str, bool]]:
    """(question, now held, proposed, changed) for the side-by-side review."""
    tr = state.pages.gettext(request)
    answers = proposal.answers
    rows: list[tuple[str, str, str, bool]] = []
    if proposal.form == link_forms.CONSENT_FORM:
        yes_no = (("yes", N_("Given")), ("no", N_("Not given")))
        for purpose in PURPOSES:
            held = current.get(purpose, "")
            new = answers.get(purpose, "")
            label = tr(PURPOSE_LABELS[purpose])
            rows.append((label, label_of(tr, yes_no, held), label_of(tr, yes_no, new), held != new))
        return rows
    table = START_ROWS if proposal.form == link_forms.START_FORM else FOLLOW_UP_ROWS
    for name, question, options in table:
        held, new = current.get(name, ""), answers.get(name, "")
        if options:
            shown_held, shown_new = label_of(tr, options, held), label_of(tr, options, new)
        elif name == "unemployed_since":
            language = language_of(request)
            shown_held = format_day(held or None, language=language)
            shown_new = format_day(new or None, language=language)
        else:
            shown_held, shown_new = held, new
        rows.append((tr(question), shown_held, shown_new, held != new))
    return rows


def _current(state: IntakeState, proposal: Proposal) -> dict[str, str]:
    """What the project holds now, in the proposal's terms."""
    client = state.views.client(proposal.project_id, proposal.client_id).client
    if proposal.form == link_forms.START_FORM:
        held = link_forms.start_form_values(client.start_data)
        sensitive = client.start_data.sensitive
        return held | {name: getattr(sensitive, name).value for name in link_forms.SENSITIVE_FIELDS}
    if proposal.form == link_forms.CONSENT_FORM:
        consents = consents_of(state.views.streams, proposal.client_id)
        return {p: ("yes" if found.given else "no") for p, found in consents.purposes.items()}
    # The latest follow-up, else the situation upon leaving.
    latest: Any = client.follow_ups[-1] if client.follow_ups else client
    held = {
        name: getattr(getattr(latest, name, None), "value", "")
        for name, _question, _options in FOLLOW_UP_ROWS
    }
    return held


def _page(
    state: IntakeState,
    request: Request,
    signed_in: SignedIn,
    ids: tuple[str, str],
    *,
    values: Mapping[str, str] | None = None,
    errors: Mapping[str, str] | None = None,
    new_link: str | None = None,
    status_code: int = 200,
) -> Response:
    project_id, client_id = ids
    view = opened_record(state, request, signed_in, ids)
    if isinstance(view, Response):
        return view
    tr = state.pages.gettext(request)
    now = _now()
    grants = state.links.for_subject(project_id, client_id)
    proposals = state.proposals.of_client(project_id, client_id)
    reviews = [
        (p, _rows(state, request, p, _current(state, p)))
        for p in proposals
        if p.status == participant_links.WAITING
    ]
    placed = on_the_page(errors or {}, FIELDS)
    saved = request.query_params.get("saved")
    return state.pages.render(
        request,
        "intake/client_links.html",
        {
            "person": view.person,
            "client": view.client,
            "forms": [(v, tr(label)) for v, label in link_labels.FORM_NAMES],
            "form_names": {v: tr(label) for v, label in link_labels.FORM_NAMES},
            "languages_choice": [(v, tr(label)) for v, label in labels.LANGUAGES],
            "links": [(g, g.state(now)) for g in grants],
            "link_states": {k: tr(v) for k, v in link_labels.LINK_STATES.items()},
            "proposal_states": {k: tr(v) for k, v in link_labels.PROPOSAL_STATES.items()},
            "reviews": reviews,
            "decided": [p for p in proposals if p.status != participant_links.WAITING],
            "can_write": signed_in.user.can_write_in(project_id),
            "new_link": new_link,
            "values": values
            or {
                "valid_days": str(participant_links.DEFAULT_VALID_DAYS),
                "language": view.person.language,
            },
            "errors": {field: _message(state, request, code) for field, code in placed.items()},
            "flash": tr(FLASHES[saved]) if saved in FLASHES else None,
        },
        signed_in=signed_in,
        project_id=project_id,
        status_code=status_code,
    )


def _message(state: IntakeState, request: Request, code: str) -> str:
    text = link_labels.COACH_ERRORS.get(code)
    return state.pages.gettext(request)(text) if text else message(state.pages, request, code)


@router.get("/p/{project_id}/clients/{client_id}/links", response_class=HTMLResponse)
def client_links(request: Request, project_id: str, client_id: str, state: State) -> Response:
    found = state.guards.viewer(request, project_id)
    if isinstance(found, Response):
        return found
    return _page(state, request, found, (project_id, client_id))


async def _posted(
    state: IntakeState, request: Request, project_id: str
) -> tuple[SignedIn, dict[str, str]] | Response:
    posted = await writer_form(state, request, project_id)
    return posted if isinstance(posted, Response) else (posted[0], posted[1].values)


def _refused(
    state: IntakeState,
    request: Request,
    signed_in: SignedIn,
    ids: tuple[str, str],
    refused: Refusal,
    values: Mapping[str, str] | None = None,
) -> Response:
    errors = {refused.field or "form": refused.code}
    if not_found(errors) or refused.code in ("link_not_found", "proposal_not_found"):
        return state.pages.not_found(request, signed_in)
    if refused.code == "forbidden":
        return state.pages.forbidden(request, signed_in)
    return _page(state, request, signed_in, ids, values=values, errors=errors,
                 status_code=status_of(errors))  # fmt: skip


@router.post("/p/{project_id}/clients/{client_id}/links", response_class=HTMLResponse)
async def issue(request: Request, project_id: str, client_id: str, state: State) -> Response:
    posted = await _posted(state, request, project_id)
    if isinstance(posted, Response):
        return posted
    signed_in, values = posted
    ids = (project_id, client_id)
    days_text = values.get("valid_days", "").strip()
    if not days_text.isdigit():
        errors = {"valid_days": "invalid_valid_days"}
        return _page(state, request, signed_in, ids, values=values, errors=errors, status_code=422)
    context = context_of(request, signed_in, project_id)
    try:
        _grant, token = participant_links.issue_participant_link(
            state.links, state.views, context, client_id=client_id,
            form=values.get("kind", ""), language=values.get("language", ""),
            valid_days=int(days_text), now=_now(),
        )  # fmt: skip
    except Refusal as refused:
        return _refused(state, request, signed_in, ids, refused, values)
    address = str(request.url_for("open_link", token=token))
    return _page(state, request, signed_in, ids, new_link=address)


async def _acted(
    state: IntakeState,
    request: Request,
    ids: tuple[str, str],
    act: Callable[[CommandContext, Mapping[str, str]], str],
) -> Response:
    """A coach's action on the client's links or proposals, posted from the page: ``act``
    does it with what was sent and names what was done, which the page then says (a key
    of ``FLASHES``); refused, the page (or the not-found page) says why."""
    project_id, client_id = ids
    posted = await _posted(state, request, project_id)
    if isinstance(posted, Response):
        return posted
    signed_in, values = posted
    try:
        done = act(context_of(request, signed_in, project_id), values)
    except Refusal as refused:
        return _refused(state, request, signed_in, ids, refused)
    return redirect(f"/p/{project_id}/clients/{client_id}/links?saved={done}")


@router.post(
    "/p/{project_id}/clients/{client_id}/links/{link_id}/revoke", response_class=HTMLResponse
)
async def revoke(
    request: Request, project_id: str, client_id: str, link_id: str, state: State
) -> Response:
    def act(context: CommandContext, _values: Mapping[str, str]) -> str:
        participant_links.revoke_link(state.links, context, client_id, link_id, _now())
        return "revoked"

    return await _acted(state, request, (project_id, client_id), act)


@router.post(
    "/p/{project_id}/clients/{client_id}/proposals/{proposal_id}", response_class=HTMLResponse
)
async def decide(
    request: Request, project_id: str, client_id: str, proposal_id: str, state: State
) -> Response:
    """``decision=confirm`` applies the answers through the bus; ``reject`` drops them."""

    def act(context: CommandContext, values: Mapping[str, str]) -> str:
        decision = values.get("decision")
        if decision == "confirm":
            participant_links.confirm_proposal(
                state.bus, state.views, state.proposals, context,
                client_id=client_id, proposal_id=proposal_id, now=_now(),
            )  # fmt: skip
            return "confirmed"
        if decision == "reject":
            participant_links.reject_proposal(
                state.proposals, context, client_id=client_id, proposal_id=proposal_id,
                now=_now(),
            )  # fmt: skip
            return "rejected"
        raise DomainError("choose_one")

    return await _acted(state, request, (project_id, client_id), act)
