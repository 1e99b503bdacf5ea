"""What every intake page shares: messages for error codes, choices, flashes, the CSRF check.

Entrypoint layer. A refusal's code becomes the translated message at its field; a code
about the form as a whole is shown at the form's main field, as the pages always did.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from typing import Any

from fastapi import Request
from fastapi.responses import Response

from services.intake.domain.errors import NOT_FOUND_CODES
from services.intake.entrypoints import labels
from services.intake.entrypoints.state import IntakeState
from shared.web.commands import CONFLICT, FORM, run_form
from shared.web.error_pages import error_page
from shared.web.forms import FormReader, read_form
from shared.web.guards import context_of
from shared.web.i18n import N_
from shared.web.pages import Pages, redirect
from shared.web.principal import SignedIn, csrf_matches

FLASHES = {
    "enrolled": N_("The client was enrolled."),
    "re_entered": N_("The person was already a client: the return was recorded."),
    "corrected": N_("The correction was saved."),
    "coach_assigned": N_("The coach was changed."),
    "exited": N_("The exit was recorded."),
    "status_recorded": N_("The situation upon leaving was recorded."),
    "follow_up_recorded": N_("The follow-up was recorded."),
    "project_registered": N_("The project was registered."),
    "retention_set": N_("The retention of the project's personal data was changed."),
    "password_changed": N_("Your password was changed. You were signed out everywhere else."),
    "document_added": N_("The document was saved."),
    "document_removed": N_("The document was removed."),
    "contact_saved": N_("The contact details were saved."),
}
"""What a page says after a write, by the ``saved`` query parameter of the redirect."""


def message(pages: Pages, request: Request, code: str) -> str:
    tr = pages.gettext(request)
    text = labels.ERRORS.get(code)
    if text is None and code.startswith("invalid_identity_code"):
        text = labels.ERRORS["invalid_identity_code"]
    return tr(text or N_("Check this field."))


def translated(pages: Pages, request: Request, codes: Mapping[str, str]) -> dict[str, str]:
    return {field: message(pages, request, code) for field, code in codes.items()}


def label_of(
    tr: Callable[[str], str], options: Iterable[tuple[str, str]], value: str | None
) -> str:
    """The label of ``value`` among ``options``, translated by ``tr``; a value without one
    is shown as it is (none as nothing)."""
    return next((tr(label) for v, label in options if v == value), value or "")


def common(pages: Pages, request: Request) -> dict[str, Any]:
    """Labels and the helpers templates use to show choices in the page's language."""
    tr = pages.gettext(request)
    return {
        "labels": labels,
        "label_of": lambda options, value: label_of(tr, options, value),
        "choices": lambda options: [(value, tr(label)) for value, label in options],
    }


def flash(pages: Pages, request: Request) -> str | None:
    saved = request.query_params.get("saved")
    return pages.gettext(request)(FLASHES[saved]) if saved in FLASHES else None


def on_the_page(
    errors: Mapping[str, str], fields: Collection[str], main_field: str | None = None
) -> dict[str, str]:
    """The errors at fields the page shows, so that the error summary never links to a
    field that is not there. One about the whole form, or about a field this page does
    not have, goes to ``main_field`` when the page has it, else to the form as a whole
    (listed in the summary without a link). The first error at a field is kept."""
    placed: dict[str, str] = {}
    fallback = main_field if main_field is not None and main_field in fields else FORM
    for field, code in errors.items():
        placed.setdefault(field if field in fields else fallback, code)
    return placed


def not_found(errors: Mapping[str, str]) -> bool:
    """Whether a refusal means the thing is not here (the not-found page, not the form)."""
    return any(code in NOT_FOUND_CODES for code in errors.values())


def status_of(errors: Mapping[str, str]) -> int:
    """409 when someone changed the thing meanwhile, else 422."""
    return 409 if CONFLICT in errors.values() else 422


def signed_in_admin(state: IntakeState, request: Request) -> SignedIn | Response:
    """The signed-in administrator, or the page to answer instead (sign in, forbidden)."""
    signed_in = state.auth.maybe_signed_in(request)
    if signed_in is None:
        return state.pages.login_redirect(request)
    if not signed_in.user.is_admin:
        return state.pages.forbidden(request, signed_in)
    return signed_in


def viewer_who(
    state: IntakeState,
    request: Request,
    project_id: str,
    may: Callable[[SignedIn, str], bool],
) -> SignedIn | Response:
    """A member of the project whom ``may`` lets use the page (a role it needs), or the
    page to answer instead: sign in, not found, or forbidden."""
    found = state.guards.viewer(request, project_id)
    if isinstance(found, Response):
        return found
    return found if may(found, project_id) else state.pages.forbidden(request, found)


async def checked_form(
    state: IntakeState, request: Request, signed_in: SignedIn
) -> FormReader | Response:
    """The submitted form, or the "expired" page when it lacks the session's CSRF token."""
    form = await read_form(request)
    if not csrf_matches(signed_in, form.values.get("csrf_token")):
        return error_page(request, 403, "csrf_failed", signed_in)
    return form


async def guarded_form(
    state: IntakeState, request: Request, found: SignedIn | Response
) -> tuple[SignedIn, FormReader] | Response:
    """Who posted a form, as a guard ``found`` them, and what they sent; or the page to
    answer instead: the guard's own, or "expired" without the session's CSRF token."""
    if isinstance(found, Response):
        return found
    form = await checked_form(state, request, found)
    return form if isinstance(form, Response) else (found, form)


async def writer_form(
    state: IntakeState, request: Request, project_id: str
) -> tuple[SignedIn, FormReader] | Response:
    """Who posted a form in the project and what they sent, or the page to answer instead
    (sign in, forbidden, not found, or "expired" without the session's CSRF token)."""
    return await guarded_form(state, request, state.guards.writer(request, project_id))


async def hand_over(
    state: IntakeState,
    request: Request,
    found: SignedIn,
    project_id: str,
    command: object | Callable[[], object],
    *,
    done: str,
    refused: Callable[[dict[str, str]], Response],
) -> Response:
    """Hand a form's command (or what builds it) to the bus on behalf of ``found``: once
    accepted, on to ``done`` (303); refused for something not there, the not-found page;
    refused otherwise, what ``refused`` makes of the codes (the form again, as a rule)."""
    outcome = await run_form(state.bus, command, context_of(request, found, project_id))
    if not isinstance(outcome, dict):
        return redirect(done)
    if not_found(outcome):
        return state.pages.not_found(request, found)
    return refused(outcome)


async def submit_client_form(
    state: IntakeState,
    request: Request,
    ids: tuple[str, str],
    build: Callable[[FormReader, str], object],
    *,
    done: str,
    page: Callable[[SignedIn, Mapping[str, str], dict[str, str]], Response],
) -> Response:
    """A form a writer posted about a client: build its command from the form and hand it
    over; refused, ``page`` shows the form again with what was sent and the codes."""
    project_id, client_id = ids
    posted = await writer_form(state, request, project_id)
    if isinstance(posted, Response):
        return posted
    found, form = posted
    return await hand_over(
        state, request, found, project_id, lambda: build(form, client_id),
        done=done, refused=lambda errors: page(found, form.values, errors),
    )  # fmt: skip
