"""The pages a participant reaches by a link, without an account: ``/l/{token}``.

Entrypoint layer. The token in the address is the only credential: it is looked up by its
hash, and an unknown token and a wrong one get the same page and status, so the pages
tell a guesser nothing. Every request counts against its address's rate limit (429 with
a page in the reader's language). The page speaks the language the coach chose for the
link, unless the reader picks another with the switch (``?lang=``). A form posts back to
its own address: without the token nobody can post it, which is what the signed-in
forms' CSRF token does for them. What is sent is kept as a proposal for the coach
(``service_layer.links``); opening and sending are both in the access log.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from services.intake.domain import link_forms
from services.intake.domain.consent import PURPOSES
from services.intake.domain.errors import DomainError
from services.intake.entrypoints import labels, link_labels
from services.intake.entrypoints.consent_texts import CONSENT_TEXTS, PURPOSE_LABELS, VERSION
from services.intake.entrypoints.state import IntakeState, State
from services.intake.service_layer import links as participant_links
from shared.links import LinkGrant, LinkRefused
from shared.web.forms import read_form
from shared.web.i18n import LANGUAGE_NAMES, LANGUAGES, N_
from shared.web.pages import redirect

router = APIRouter(include_in_schema=False)

FORM_TEMPLATES = {
    link_forms.START_FORM: "intake/link_start.html",
    link_forms.CONSENT_FORM: "intake/link_consent.html",
    link_forms.FOLLOW_UP_FORM: "intake/link_follow_up.html",
}
GONE = 410


def _now() -> datetime:
    return datetime.now(UTC)


def _speak(request: Request, grant: LinkGrant | None) -> str:
    """The page's language: the reader's choice (``?lang=``), else the link's own."""
    chosen = request.query_params.get("lang")
    language = chosen if chosen in LANGUAGES else (grant.language if grant else None)
    if language is not None:
        request.state.duuni_language = language
    return str(getattr(request.state, "duuni_language", "") or "")


def _render(
    state: IntakeState,
    request: Request,
    template: str,
    context: Mapping[str, Any],
    status_code: int = 200,
) -> HTMLResponse:
    # Relative to the page's own address: the token never appears in a page's text.
    switch = [(code, LANGUAGE_NAMES[code], f"?lang={code}") for code in LANGUAGES]
    return state.pages.render(
        request,
        template,
        {"link_languages": switch, **context},
        status_code=status_code,
    )


def _limited(state: IntakeState, request: Request) -> Response | None:
    """The 429 page when the reader's address is over its rate, else ``None``."""
    address = request.client.host if request.client else ""
    if state.link_limiter.allow(address):
        return None
    _speak(request, None)
    response = _render(state, request, "intake/link_message.html", _refusal(state, request, "busy"),
                       status_code=429)  # fmt: skip
    response.headers["Retry-After"] = str(state.link_limiter.retry_after(address))
    return response


def _refusal(state: IntakeState, request: Request, reason: str) -> dict[str, str]:
    tr = state.pages.gettext(request)
    title, text = link_labels.BUSY if reason == "busy" else link_labels.REFUSALS[reason]
    return {"title": tr(title), "text": tr(text)}


def _refused(state: IntakeState, request: Request, token: str, refused: LinkRefused) -> Response:
    """The page of a link that does not open; an unknown token tells nothing more."""
    grant = None if refused.reason == "unknown" else state.links.find(token)
    _speak(request, grant)
    status_code = 404 if refused.reason == "unknown" else GONE
    context = _refusal(state, request, refused.reason)
    return _render(state, request, "intake/link_message.html", context, status_code)


def _form_page(
    state: IntakeState,
    request: Request,
    grant: LinkGrant,
    values: Mapping[str, str] | None = None,
    errors: Mapping[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    tr = state.pages.gettext(request)
    try:
        view = state.views.client(grant.project_id, grant.subject_id)
    except DomainError:
        return _refused(state, request, "", LinkRefused("unknown"))
    client = view.client
    if values is None:
        values = link_forms.start_form_values(client.start_data)
        if grant.purpose != link_forms.START_FORM:
            values = {}
    choices = {
        "genders": link_labels.GENDERS,
        "education": labels.EDUCATION,
        "labour_market_statuses": labels.LABOUR_MARKET_STATUSES,
        "sensitive_questions": link_labels.SENSITIVE_QUESTIONS,
        "sensitive_answers": link_labels.SENSITIVE_ANSWERS,
        "statuses": labels.KNOWN_STATUSES,
        "employment_types": labels.EMPLOYMENT_TYPES,
        "referral_kinds": labels.REFERRAL_KINDS,
        "intermediate_kinds": labels.INTERMEDIATE_KINDS,
        "improvements": labels.IMPROVEMENTS,
        "consent_answers": link_labels.CONSENT_ANSWERS,
    }
    context = {
        "title": tr(link_labels.FORM_TITLES[grant.purpose]),
        "intro": tr(link_labels.FORM_INTROS[grant.purpose]),
        "action": f"?lang={_speak(request, grant)}",
        "choices": {
            name: [(v, tr(label)) for v, label in options] for name, options in choices.items()
        },
        "purposes": [(p, tr(PURPOSE_LABELS[p]), tr(CONSENT_TEXTS[p])) for p in PURPOSES],
        "employed_at_entry": client.start_data.labour_market_status.is_employed,
        "expires_at": grant.expires_at,
        "values": values,
        "errors": {
            field: tr(link_labels.ERRORS.get(code, N_("Check this field.")))
            for field, code in (errors or {}).items()
        },
    }
    return _render(state, request, FORM_TEMPLATES[grant.purpose], context, status_code)


@router.get("/l/{token}", response_class=HTMLResponse)
def open_link(request: Request, token: str, state: State) -> Response:
    limited = _limited(state, request)
    if limited is not None:
        return limited
    try:
        grant = state.links.open(token, _now())
    except LinkRefused as refused:
        return _refused(state, request, token, refused)
    _speak(request, grant)
    participant_links.opened(state.access, grant)
    return _form_page(state, request, grant)


def _answers(
    state: IntakeState, grant: LinkGrant, raw: Mapping[str, str]
) -> tuple[dict[str, str], dict[str, str]]:
    client = state.views.client(grant.project_id, grant.subject_id).client
    if grant.purpose == link_forms.START_FORM:
        return link_forms.read_start_form(raw, client.entered_on)
    if grant.purpose == link_forms.CONSENT_FORM:
        return link_forms.read_consent_form(raw, VERSION)
    employed = client.start_data.labour_market_status.is_employed
    return link_forms.read_follow_up_form(raw, employed)


@router.post("/l/{token}", response_class=HTMLResponse)
async def send(request: Request, token: str, state: State) -> Response:
    limited = _limited(state, request)
    if limited is not None:
        return limited
    now = _now()
    try:
        grant = state.links.check(token, now)
    except LinkRefused as refused:
        return _refused(state, request, token, refused)
    language = _speak(request, grant)
    form = await read_form(request)
    try:
        answers, errors = _answers(state, grant, form.values)
    except DomainError:
        return _refused(state, request, "", LinkRefused("unknown"))
    if errors:
        return _form_page(state, request, grant, form.values, errors, status_code=422)
    participant_links.submit(state.links, state.proposals, state.access, grant, answers, now)
    return redirect(f"/l-sent?lang={language}")


@router.get("/l-sent", response_class=HTMLResponse)
def sent(request: Request, state: State) -> Response:
    """Thanks, in the language the form was sent in (the link itself is used up)."""
    _speak(request, None)
    tr = state.pages.gettext(request)
    title, text = link_labels.SENT
    context = {"title": tr(title), "text": tr(text)}
    return _render(state, request, "intake/link_message.html", context)
