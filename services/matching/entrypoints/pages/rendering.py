"""What every matching page shares (entrypoint layer): the values its templates use, the
form shown again with its errors, and the one way a form reaches the bus.

A form posts; success answers with a redirect and a notice, a refusal with the same page,
the values kept and the error at its field (422), a concurrent change with the page and
a notice (409). A refusal naming the page's own record as missing (another project's
company, say) answers the "not found" page, as if it did not exist.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Awaitable, Callable, Mapping
from pathlib import Path
from typing import Annotated, Any, Generic, TypeVar

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from services.matching.domain.industries import industry_codes, industry_label
from services.matching.domain.occupations import ISCO_08, label_of
from services.matching.entrypoints import labels
from services.matching.entrypoints.pages.explaining import Explainer, language_name
from services.matching.entrypoints.pages.picking import Picking, kept_values
from services.matching.entrypoints.state import SERVICE, MatchingState
from services.matching.service_layer.views import LeadView
from shared.messagebus import Accepted, CommandContext
from shared.web.commands import CONFLICT, FORM, run_form
from shared.web.error_pages import error_page
from shared.web.forms import FormReader, read_form
from shared.web.guards import context_of
from shared.web.i18n import N_
from shared.web.pages import language_of, redirect
from shared.web.principal import SignedIn, csrf_matches
from shared.web.service import state_of

TEMPLATES = Path(__file__).parent.parent / "templates"
LOCALE = Path(__file__).parent.parent / "locale"
BASE = "/p/{project_id}/matching"
State = Annotated[MatchingState, Depends(state_of(SERVICE))]
NOT_FOUND = frozenset(
    {"company_not_found", "lead_not_found", "referral_not_found", "client_not_found"}
)


@dataclasses.dataclass(frozen=True, slots=True)
class Shown:
    """A form shown again: its errors by field (codes), the values typed, the status."""

    errors: Mapping[str, str] = dataclasses.field(default_factory=dict)
    values: Mapping[str, str] = dataclasses.field(default_factory=dict)
    status_code: int = 200


FRESH = Shown()

Page = Callable[[SignedIn, Shown], Response]
"""A page drawn for the signed-in user, with a form shown again (or fresh)."""


def client_ref(client_id: str) -> str:
    """A short, stable reference for a client: the id's last six characters."""
    return client_id[-6:].upper()


class Naming:
    """Clients as a page shows them: intake's name (asked once per page for the project's
    clients, never kept); the short reference only where two clients share a name, or
    where no name is offered."""

    def __init__(self, state: MatchingState, project_id: str) -> None:
        self._state = state
        self._project_id = project_id
        self._names: dict[str, str] | None = None
        self._shared: set[str] = set()

    def _all(self) -> dict[str, str]:
        if self._names is None:
            names = self._state.client_names
            ids = [c.client_id for c in self._state.read.clients(self._project_id)]
            self._names = dict(names(self._project_id, ids)) if names and ids else {}
            seen: set[str] = set()
            for name in self._names.values():
                (self._shared if name in seen else seen).add(name)
        return self._names

    def __call__(self, client_id: str) -> str:
        name = self._all().get(client_id, "")
        if not name:
            return client_ref(client_id)
        return f"{name} ({client_ref(client_id)})" if name in self._shared else name


def _helpers(state: MatchingState, request: Request) -> dict[str, Any]:
    """How the templates name options, occupations, industries and the parts of a match."""
    tr = state.pages.gettext(request)
    language = language_of(request)
    explainer = Explainer(tr, language)

    def label_of_option(options: labels.Options, value: object) -> str:
        text = str(getattr(value, "value", value) or "")
        return next((tr(label) for v, label in options if v == text), text)

    def lead_title(lead: LeadView) -> str:
        if lead.occupation_code in ISCO_08:
            return label_of(lead.occupation_code, language)
        return lead.occupation_label

    return {
        "labels": labels,
        "label_of": label_of_option,
        "choices": lambda options: [(v, tr(label)) for v, label in options],
        "occupation": explainer.occupation,
        "explain": explainer.sentence,
        "skill": explainer.skill,
        "language_name": lambda code: language_name(code, language),
        "industry": lambda code: industry_label(code, language),
        "industry_codes": lambda: industry_codes(language),
        "lead_title": lead_title,
        "occupations": occupation_options(language),
        **Picking(language).helpers(),
    }


def occupation_options(language: str) -> list[tuple[str, str]]:
    """Every unit group as a pick-list offers it: by name (so that typing its first letters
    finds it), the code after the name."""
    named = [(code, f"{label_of(code, language)} ({code})") for code in ISCO_08]
    return sorted(named, key=lambda option: option[1].casefold())


def show(
    state: MatchingState,
    request: Request,
    signed_in: SignedIn,
    project_id: str,
    template: str,
    context: Mapping[str, Any],
    shown: Shown = FRESH,
) -> HTMLResponse:
    """Render a matching page: its context, the form's errors as messages, its values."""
    tr = state.pages.gettext(request)
    saved = request.query_params.get("saved", "")
    page = {
        **_helpers(state, request),
        "client_ref": Naming(state, project_id),
        "can_write": signed_in.user.can_write_in(project_id),
        "base": f"/p/{project_id}/matching",
        "today": state.today().isoformat(),
        **context,
        "errors": {
            field: tr(labels.ERRORS.get(code) or N_("Check this field."))
            for field, code in shown.errors.items()
        },
        "values": dict(shown.values),
        "flash": tr(labels.SAVED[saved]) if saved in labels.SAVED else None,
    }
    return state.pages.render(
        request,
        template,
        page,
        signed_in=signed_in,
        project_id=project_id,
        status_code=shown.status_code,
    )


def viewing(state: MatchingState, request: Request, project_id: str, page: Page) -> Response:
    """A page for a member of the project (auditors too)."""
    found = state.guards.viewer(request, project_id)
    return found if isinstance(found, Response) else page(found, FRESH)


async def writing(
    state: MatchingState, request: Request, project_id: str
) -> tuple[SignedIn, FormReader] | Response:
    """A writer of the project and the form they posted with its CSRF token, or the page
    to answer instead (sign in, not found, forbidden)."""
    found = state.guards.writer(request, project_id)
    if isinstance(found, Response):
        return found
    form = await read_form(request)
    if not csrf_matches(found, form.values.get("csrf_token")):
        return error_page(request, 403, "csrf_failed", found)
    return found, form


Build = Callable[[FormReader, CommandContext], object]
"""Reads the form (``form.check()`` refuses what it could not read) into a command."""


async def submit(
    state: MatchingState,
    request: Request,
    project_id: str,
    build: Build,
    then: Callable[[Accepted], str],
    again: Page,
) -> Response:
    """Hand the form's command to the bus: redirect to ``then``, or show ``again``."""
    return await submit_then(state, request, project_id, build, _redirect_to(then), again)


def _redirect_to(
    then: Callable[[Accepted], str],
) -> Callable[[SignedIn, FormReader, Accepted], Awaitable[Response]]:
    async def after(_signed_in: SignedIn, _form: FormReader, accepted: Accepted) -> Response:
        return redirect(then(accepted))

    return after


async def submit_then(
    state: MatchingState,
    request: Request,
    project_id: str,
    build: Build,
    after: Callable[[SignedIn, FormReader, Accepted], Awaitable[Response]],
    again: Page,
) -> Response:
    """As ``submit``, with ``after`` deciding the answer to an accepted command."""
    checked = await writing(state, request, project_id)
    if isinstance(checked, Response):
        return checked
    signed_in, form = checked
    context = context_of(request, signed_in, project_id, form.optional("submission_id"))
    outcome = await run_form(state.bus, lambda: build(form, context), context)
    if isinstance(outcome, Accepted):
        return await after(signed_in, form, outcome)
    return refused(state, request, signed_in, form, outcome, again)


def refused(
    state: MatchingState,
    request: Request,
    signed_in: SignedIn,
    form: FormReader,
    errors: Mapping[str, str],
    again: Page,
) -> Response:
    """The form again with its errors; the page's own record missing: "not found"."""
    if dict(errors) == {FORM: CONFLICT}:
        return again(signed_in, Shown({CONFLICT: CONFLICT}, kept_values(form), 409))
    for field, code in errors.items():
        if code in NOT_FOUND and field not in form.values:
            return state.pages.not_found(request, signed_in)
    return again(signed_in, Shown(errors, kept_values(form), 422))


@dataclasses.dataclass(frozen=True, slots=True)
class FormPage:
    """The page of a form that records something new: shown with its first values, or
    again with the values typed and the errors. ``context`` gives what else it shows."""

    template: str
    context: Callable[[MatchingState, str], Mapping[str, Any]] = lambda _state, _project: {}

    def again(self, state: MatchingState, request: Request, project_id: str) -> Page:
        """The form's page, ready to be drawn for whoever is signed in."""
        return lambda signed_in, shown: show(
            state,
            request,
            signed_in,
            project_id,
            self.template,
            self.context(state, project_id),
            shown,
        )

    def view(
        self, state: MatchingState, request: Request, project_id: str, values: Mapping[str, str]
    ) -> Response:
        """The fresh form, starting with ``values``, for a member of the project."""
        page = self.again(state, request, project_id)
        return viewing(state, request, project_id, lambda s, _: page(s, Shown(values=values)))


R = TypeVar("R")


@dataclasses.dataclass(frozen=True, slots=True)
class Drawn:
    """What a record's page shows: its template's context, and the values its forms start
    with (the values typed, when a form is shown again, go over them)."""

    context: Mapping[str, Any]
    defaults: Mapping[str, str] = dataclasses.field(default_factory=dict)


@dataclasses.dataclass(frozen=True, slots=True)
class RecordPages(Generic[R]):
    """The page of one kind of record, under ``matching/<path>/<id>``, and the forms
    posted on it: each goes back to the page with a notice, or shows it with the errors.

    ``find`` looks the record up in the path's project (missing there: the "not found"
    page, as if it did not exist); ``draw`` turns it into what ``template`` shows."""

    path: str
    template: str
    find: Callable[[MatchingState, str, str], R | None]
    draw: Callable[[MatchingState, str, R, Mapping[str, str]], Drawn]
    """(state, project, record, the page's query parameters) → what the page shows."""

    def page(
        self,
        state: MatchingState,
        request: Request,
        signed_in: SignedIn,
        project_id: str,
        record_id: str,
        shown: Shown = FRESH,
    ) -> Response:
        """The record's page for ``signed_in``, with a form shown again (or fresh)."""
        record = self.find(state, project_id, record_id)
        if record is None:
            return state.pages.not_found(request, signed_in)
        drawn = self.draw(state, project_id, record, request.query_params)
        shown = dataclasses.replace(shown, values={**drawn.defaults, **shown.values})
        return show(state, request, signed_in, project_id, self.template, drawn.context, shown)

    def shown_on(self, router: APIRouter) -> None:
        """Serve the record's page on ``router``, at the address its forms go back to."""

        def show(request: Request, project_id: str, record_id: str, state: State) -> Response:
            return self.view(state, request, project_id, record_id)

        router.get(f"{BASE}/{self.path}/{{record_id}}", response_class=HTMLResponse)(show)

    def again(
        self, state: MatchingState, request: Request, project_id: str, record_id: str
    ) -> Page:
        """The record's page, ready to be drawn for whoever is signed in."""
        return lambda signed_in, shown: self.page(
            state, request, signed_in, project_id, record_id, shown
        )

    def view(
        self, state: MatchingState, request: Request, project_id: str, record_id: str
    ) -> Response:
        """The record's page for a member of the project."""
        return viewing(
            state, request, project_id, self.again(state, request, project_id, record_id)
        )

    async def submit(
        self,
        state: MatchingState,
        request: Request,
        project_id: str,
        record_id: str,
        build: Build,
        saved: str,
    ) -> Response:
        """A form of the record's page: back to it with the notice ``saved``, or the page
        again with the errors."""
        return await submit(
            state,
            request,
            project_id,
            build,
            lambda _: f"/p/{project_id}/matching/{self.path}/{record_id}?saved={saved}",
            self.again(state, request, project_id, record_id),
        )
