"""The coaches' pages of intake: sign-in, project choice, client list, enrolment, client page.

Server-rendered and usable without JavaScript. Every form posts back to its own address;
success answers 303 to the next page (a reload never submits twice), a refusal answers
422 with the same form, the coach's input kept, an error summary on top and the message at
the field. The handlers called are the ones the JSON API calls.
"""

# No ``from __future__ import annotations``: routes are built inside a function.

import dataclasses
import secrets
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from services.intake.domain.errors import DomainError
from services.intake.domain.esf import (
    EducationLevel,
    EmploymentType,
    EntryRoute,
    EsfStartData,
    ExitStatus,
    Gender,
    LabourMarketStatus,
)
from services.intake.domain.events import FundingShare, ProjectPlan
from services.intake.domain.identity import InvalidIdentityCode, birth_date_of
from services.intake.domain.target_group import TargetGroupRule
from services.intake.entrypoints import labels
from services.intake.entrypoints.auth import (
    Auth,
    clear_session_cookie,
    client_address,
    set_session_cookie,
)
from services.intake.entrypoints.forms import (
    NOT_FOUND_CODES,
    field_of,
    may_override,
    registered_project,
    sensitive_answers,
)
from services.intake.service_layer.accounts import (
    COACH,
    AccountError,
    SignedIn,
    authenticate,
    end_session,
    start_session,
)
from services.intake.service_layer.directory import Directory
from services.intake.service_layer.enrolment import (
    Enrolment,
    PersonalData,
    assign_coach,
    client_view,
    correct_start_data,
    enrol,
    exit_client,
)
from services.intake.service_layer.projects import register_project
from shared.eventlog.port import EventLog, WrongExpectedVersion
from shared.web.auth import COOKIE
from shared.web.i18n import N_
from shared.web.pages import Pages, redirect, safe_next
from shared.web.principal import csrf_matches

HERE = Path(__file__).parent
E = TypeVar("E")
LOGIN_CSRF_COOKIE = "duuni_login_csrf"
PAGE_SIZE = 50
CONSENT_VERSION = "2026-01"
"""The consent text in use; recorded with every enrolment."""


class FormError(Exception):
    """Input the page itself refuses before any handler runs (a date that is not one…)."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(", ".join(errors))
        self.errors = errors


@dataclasses.dataclass
class Form:
    """A submitted form's text values, with typed readers that collect errors by field."""

    values: dict[str, str]
    errors: dict[str, str] = dataclasses.field(default_factory=dict)

    def text(self, name: str, *, required: bool = False, missing: str = "required") -> str:
        """The trimmed value; when required and empty, the error ``missing`` at the field."""
        value = self.values.get(name, "").strip()
        if required and not value:
            self.errors.setdefault(name, missing)
        return value

    def date(self, name: str, *, required: bool = False) -> date | None:
        value = self.text(name, required=required)
        if not value:
            return None
        try:
            return _parse_date(value)
        except ValueError:
            self.errors.setdefault(name, "invalid_date")
            return None

    def choice(self, name: str, kind: Callable[[str], E], *, required: bool = True) -> E | None:
        value = self.text(name, required=required)
        if not value:
            return None
        try:
            return kind(value)
        except ValueError:
            self.errors.setdefault(name, "invalid_choice")
            return None

    def check(self) -> None:
        if self.errors:
            raise FormError(self.errors)


def _parse_date(value: str) -> date:
    """ISO (what date inputs send) or the Finnish d.m.yyyy a coach may type."""
    if "." in value:
        day, month, year = (int(part) for part in value.split(".")[:3])
        return date(year, month, day)
    return date.fromisoformat(value)


async def read_form(request: Request) -> Form:
    data = await request.form()
    return Form({k: v for k, v in data.items() if isinstance(v, str)})


def pages_router(
    auth: Auth,
    log: EventLog,
    people: PersonalData,
    directory: Directory,
    refresh: Callable[[], object],
) -> APIRouter:
    pages = Pages(HERE / "templates", HERE / "locale")
    router = APIRouter(include_in_schema=False)

    def message(request: Request, code: str) -> str:
        tr = pages.gettext(request)
        text = labels.ERRORS.get(code)
        if text is None and code.startswith("invalid_identity_code"):
            text = labels.ERRORS["invalid_identity_code"]
        return tr(text or N_("Check this field."))

    def translated(request: Request, codes: Mapping[str, str]) -> dict[str, str]:
        return {field: message(request, code) for field, code in codes.items()}

    def choices(request: Request, options: tuple[tuple[str, str], ...]) -> list[tuple[str, str]]:
        tr = pages.gettext(request)
        return [(value, tr(label)) for value, label in options]

    def common(request: Request) -> dict[str, Any]:
        tr = pages.gettext(request)
        return {
            "labels": labels,
            "label_of": lambda options, value: next(
                (tr(label) for v, label in options if v == value), value or ""
            ),
            "choices": lambda options: choices(request, options),
        }

    def member(request: Request, project_id: str) -> SignedIn | Response:
        signed_in = auth.maybe_signed_in(request)
        if signed_in is None:
            return pages.login_redirect(request)
        if not signed_in.user.can_see_project(project_id):
            return pages.not_found(request, signed_in)
        return signed_in

    def writer(request: Request, project_id: str) -> SignedIn | Response:
        found = member(request, project_id)
        if isinstance(found, Response):
            return found
        if not found.user.can_write_in(project_id):
            return pages.forbidden(request, found)
        return found

    async def checked_form(request: Request, signed_in: SignedIn) -> Form | Response:
        form = await read_form(request)
        if not csrf_matches(signed_in, form.values.get("csrf_token")):
            return pages.render(
                request,
                "intake/expired.html",
                signed_in=signed_in,
                status_code=403,
            )
        return form

    # -- signing in ------------------------------------------------------------------

    @router.get("/login", response_class=HTMLResponse)
    def login_page(request: Request, next: str | None = None) -> Response:
        token = secrets.token_urlsafe(24)
        response = pages.render(
            request,
            "intake/login.html",
            {"login_csrf": token, "next": safe_next(next), "values": {}},
        )
        _set_login_cookie(request, response, token)
        return response

    @router.post("/login", response_class=HTMLResponse)
    async def login(request: Request) -> Response:
        form = await read_form(request)
        next_page = safe_next(form.values.get("next"))
        expected = request.cookies.get(LOGIN_CSRF_COOKIE, "")
        submitted = form.values.get("login_csrf", "")
        code: str | None = None
        if not expected or not secrets.compare_digest(expected, submitted):
            code = "csrf_failed"
        else:
            try:
                user = authenticate(
                    auth.store,
                    username=form.values.get("username", "").strip(),
                    password=form.values.get("password", ""),
                    address=client_address(request),
                    throttle=auth.throttle,
                )
            except AccountError as error:
                code = error.code
        response: Response
        if code is not None:
            token = secrets.token_urlsafe(24)
            response = pages.render(
                request,
                "intake/login.html",
                {
                    "login_csrf": token,
                    "next": next_page,
                    "login_error": message(request, code),
                    "values": {"username": form.values.get("username", "")},
                },
                status_code=429 if code == "login_throttled" else 401,
            )
            _set_login_cookie(request, response, token)
            return response
        old = request.cookies.get(COOKIE)
        if old:
            end_session(auth.store, old)
        new = start_session(auth.store, user, policy=auth.sessions)
        response = redirect(next_page)
        set_session_cookie(request, response, new.token)
        response.delete_cookie(LOGIN_CSRF_COOKIE, path="/login")
        return response

    @router.post("/logout")
    async def logout(request: Request) -> Response:
        signed_in = auth.maybe_signed_in(request)
        response = redirect("/login")
        if signed_in is not None:
            form = await read_form(request)
            if not csrf_matches(signed_in, form.values.get("csrf_token")):
                return pages.render(
                    request, "intake/expired.html", signed_in=signed_in, status_code=403
                )
            token = request.cookies.get(COOKIE)
            if token:
                end_session(auth.store, token)
        clear_session_cookie(request, response)
        return response

    @router.get("/", response_class=HTMLResponse)
    def home(request: Request) -> Response:
        signed_in = auth.maybe_signed_in(request)
        if signed_in is None:
            return pages.login_redirect(request)
        user = signed_in.user
        visible = directory.projects(None if user.is_admin else sorted(user.projects()))
        if len(visible) == 1 and not user.is_admin:
            return redirect(f"/p/{visible[0].project_id}/clients")
        return pages.render(
            request, "intake/home.html", {"visible_projects": visible}, signed_in=signed_in
        )

    # -- projects (admin) ------------------------------------------------------------

    def projects_page(
        request: Request,
        signed_in: SignedIn,
        values: Mapping[str, str] | None = None,
        errors: Mapping[str, str] | None = None,
        status_code: int = 200,
    ) -> Response:
        return pages.render(
            request,
            "intake/projects.html",
            {
                "visible_projects": directory.projects(),
                "values": values or {},
                "errors": translated(request, errors or {}),
                "flash": _flash(request),
            },
            signed_in=signed_in,
            status_code=status_code,
        )

    def admin(request: Request) -> SignedIn | Response:
        signed_in = auth.maybe_signed_in(request)
        if signed_in is None:
            return pages.login_redirect(request)
        if not signed_in.user.is_admin:
            return pages.forbidden(request, signed_in)
        return signed_in

    @router.get("/admin/projects", response_class=HTMLResponse)
    def project_list(request: Request) -> Response:
        found = admin(request)
        return found if isinstance(found, Response) else projects_page(request, found)

    @router.post("/admin/projects", response_class=HTMLResponse)
    async def project_register(request: Request) -> Response:
        found = admin(request)
        if isinstance(found, Response):
            return found
        form = await checked_form(request, found)
        if isinstance(form, Response):
            return form
        try:
            code = form.text("project_id", required=True)
            plan = _plan(form)
            register_project(log, code, plan, actor=found.user.id)
        except FormError as error:
            return projects_page(request, found, form.values, error.errors, 422)
        except DomainError as error:
            field = field_of(error.code) or "project_id"
            return projects_page(request, found, form.values, {field: error.code}, 422)
        refresh()
        return redirect("/admin/projects?saved=project_registered")

    # -- clients ---------------------------------------------------------------------

    @router.get("/p/{project_id}/clients", response_class=HTMLResponse)
    def client_list(
        request: Request,
        project_id: str,
        q: str = "",
        status: str = "",
        coach: str = "",
        municipality: str = "",
        page: int = 1,
    ) -> Response:
        found = member(request, project_id)
        if isinstance(found, Response):
            return found
        page = max(page, 1)
        rows, total = directory.search(
            project_id,
            text=q[:200],
            status=status if status in ("active", "exited") else None,
            coach_id=coach or None,
            municipality=municipality or None,
            limit=PAGE_SIZE,
            offset=(page - 1) * PAGE_SIZE,
        )
        filters = {"q": q, "status": status, "coach": coach, "municipality": municipality}
        pages_total = max(1, -(-total // PAGE_SIZE))
        return pages.render(
            request,
            "intake/clients.html",
            {
                **common(request),
                "rows": rows,
                "total": total,
                "filters": filters,
                "page": page,
                "pages_total": pages_total,
                "page_link": lambda n: "?" + urlencode({**filters, "page": n}),
                "coaches": auth.store.members_of(project_id, COACH),
                "coach_names": dict(auth.store.members_of(project_id)),
                "municipalities": directory.municipalities(project_id),
                "can_write": found.user.can_write_in(project_id),
                "flash": _flash(request),
            },
            signed_in=found,
            project_id=project_id,
        )

    def enrolment_page(
        request: Request,
        signed_in: SignedIn,
        project_id: str,
        values: Mapping[str, str],
        errors: Mapping[str, str] | None = None,
        status_code: int = 200,
    ) -> Response:
        try:
            project = registered_project(log, project_id)
        except DomainError:
            return pages.not_found(request, signed_in)
        return pages.render(
            request,
            "intake/enrol.html",
            {
                **common(request),
                "values": values,
                "errors": translated(request, errors or {}),
                "plan": project.plan,
                "coaches": auth.store.members_of(project_id, COACH),
                "can_override": may_override(signed_in.user, project_id),
                "outside_target_group": (errors or {}).get("override_reason")
                == "outside_target_group",
            },
            signed_in=signed_in,
            project_id=project_id,
            status_code=status_code,
        )

    @router.get("/p/{project_id}/clients/new", response_class=HTMLResponse)
    def new_client(request: Request, project_id: str) -> Response:
        found = writer(request, project_id)
        if isinstance(found, Response):
            return found
        today = date.today().isoformat()
        defaults = {
            "submission_id": secrets.token_urlsafe(16),
            "entry_date": today,
            "language": "fi",
            "coach_id": found.user.id,
        }
        return enrolment_page(request, found, project_id, defaults)

    @router.post("/p/{project_id}/clients/new", response_class=HTMLResponse)
    async def enrol_client(request: Request, project_id: str) -> Response:
        found = writer(request, project_id)
        if isinstance(found, Response):
            return found
        form = await checked_form(request, found)
        if isinstance(form, Response):
            return form
        try:
            project = registered_project(log, project_id)
            enrolment = _enrolment(form, project_id, found)
            done = enrol(
                log,
                people,
                enrolment,
                actor=found.user.id,
                target_group=project.plan.target_group,
            )
        except FormError as error:
            return enrolment_page(request, found, project_id, form.values, error.errors, 422)
        except DomainError as error:
            if error.code in NOT_FOUND_CODES:
                return pages.not_found(request, found)
            field = field_of(error.code) or "identity_code"
            return enrolment_page(request, found, project_id, form.values, {field: error.code}, 422)
        refresh()
        flash = "re_entered" if done.re_entry else "enrolled"
        return redirect(f"/p/{project_id}/clients/{done.client_id}?saved={flash}")

    def client_page(
        request: Request,
        signed_in: SignedIn,
        project_id: str,
        client_id: str,
        template: str = "intake/client.html",
        values: Mapping[str, str] | None = None,
        errors: Mapping[str, str] | None = None,
        status_code: int = 200,
    ) -> Response:
        try:
            view = client_view(log, people, project_id, client_id)
        except DomainError:
            return pages.not_found(request, signed_in)
        coaches = auth.store.members_of(project_id, COACH)
        return pages.render(
            request,
            template,
            {
                **common(request),
                "person": view.person,
                "client": view.client,
                "start": view.client.start_data,
                "long_term_unemployed": view.client.start_data.is_long_term_unemployed(
                    view.client.entered_on
                ),
                "timeline": directory.timeline(project_id, client_id),
                "coaches": coaches,
                "coach_names": dict(auth.store.members_of(project_id)),
                "can_write": signed_in.user.can_write_in(project_id),
                "values": values or {},
                "errors": translated(request, errors or {}),
                "flash": _flash(request),
                "event_label": lambda t: (
                    pages.gettext(request)(labels.EVENTS[t]) if t in labels.EVENTS else t
                ),
            },
            signed_in=signed_in,
            project_id=project_id,
            status_code=status_code,
        )

    @router.get("/p/{project_id}/clients/{client_id}", response_class=HTMLResponse)
    def show_client(request: Request, project_id: str, client_id: str) -> Response:
        found = member(request, project_id)
        if isinstance(found, Response):
            return found
        return client_page(request, found, project_id, client_id)

    @router.get("/p/{project_id}/clients/{client_id}/correct", response_class=HTMLResponse)
    def correction_form(request: Request, project_id: str, client_id: str) -> Response:
        found = writer(request, project_id)
        if isinstance(found, Response):
            return found
        try:
            start = client_view(log, people, project_id, client_id).client.start_data
        except DomainError:
            return pages.not_found(request, found)
        values = _start_values(start)
        return client_page(request, found, project_id, client_id, "intake/correct.html", values)

    @router.post("/p/{project_id}/clients/{client_id}/correct", response_class=HTMLResponse)
    async def correct(request: Request, project_id: str, client_id: str) -> Response:
        found = writer(request, project_id)
        if isinstance(found, Response):
            return found
        form = await checked_form(request, found)
        if isinstance(form, Response):
            return form

        def run() -> None:
            start = _start_data(form)
            reason = form.text("reason", required=True, missing="correction_reason_required")
            form.check()
            correct_start_data(
                log,
                people,
                project_id=project_id,
                client_id=client_id,
                start_data=start,
                reason=reason,
                actor=found.user.id,
            )

        return attempt(request, found, project_id, client_id, form, run, "corrected")

    @router.post("/p/{project_id}/clients/{client_id}/coach", response_class=HTMLResponse)
    async def reassign(request: Request, project_id: str, client_id: str) -> Response:
        found = writer(request, project_id)
        if isinstance(found, Response):
            return found
        form = await checked_form(request, found)
        if isinstance(form, Response):
            return form

        def run() -> None:
            coach_id = form.text("coach_id", required=True)
            form.check()
            if coach_id not in dict(auth.store.members_of(project_id, COACH)):
                raise FormError({"coach_id": "invalid_choice"})
            assign_coach(
                log,
                people,
                project_id=project_id,
                client_id=client_id,
                coach_id=coach_id,
                actor=found.user.id,
            )

        return attempt(
            request, found, project_id, client_id, form, run, "coach_assigned", "intake/client.html"
        )

    @router.get("/p/{project_id}/clients/{client_id}/exit", response_class=HTMLResponse)
    def exit_form(request: Request, project_id: str, client_id: str) -> Response:
        found = writer(request, project_id)
        if isinstance(found, Response):
            return found
        values = {"exit_date": date.today().isoformat()}
        return client_page(request, found, project_id, client_id, "intake/exit.html", values)

    @router.post("/p/{project_id}/clients/{client_id}/exit", response_class=HTMLResponse)
    async def exit_participation(request: Request, project_id: str, client_id: str) -> Response:
        found = writer(request, project_id)
        if isinstance(found, Response):
            return found
        form = await checked_form(request, found)
        if isinstance(form, Response):
            return form

        def run() -> None:
            exit_date = form.date("exit_date", required=True)
            status = form.choice("exit_status", ExitStatus)
            employment = form.choice("employment_type", EmploymentType, required=False)
            form.check()
            assert exit_date is not None and status is not None
            exit_client(
                log,
                people,
                project_id=project_id,
                client_id=client_id,
                exit_date=exit_date,
                exit_status=status,
                employment_type=employment,
                actor=found.user.id,
            )

        return attempt(request, found, project_id, client_id, form, run, "exited")

    def attempt(
        request: Request,
        signed_in: SignedIn,
        project_id: str,
        client_id: str,
        form: Form,
        action: Callable[[], None],
        flash: str,
        template: str | None = None,
    ) -> Response:
        page = template or _form_template(request.url.path)
        try:
            action()
        except FormError as error:
            return client_page(
                request, signed_in, project_id, client_id, page, form.values, error.errors, 422
            )
        except DomainError as error:
            if error.code in NOT_FOUND_CODES:
                return pages.not_found(request, signed_in)
            field = field_of(error.code) or "reason"
            return client_page(
                request,
                signed_in,
                project_id,
                client_id,
                page,
                form.values,
                {field: error.code},
                422,
            )
        except WrongExpectedVersion:
            return client_page(
                request,
                signed_in,
                project_id,
                client_id,
                page,
                form.values,
                {"reason": "conflict"},
                409,
            )
        refresh()
        return redirect(f"/p/{project_id}/clients/{client_id}?saved={flash}")

    def _flash(request: Request) -> str | None:
        saved = request.query_params.get("saved")
        texts = {
            "enrolled": N_("The client was enrolled."),
            "re_entered": N_("The person was already a client: the return was recorded."),
            "corrected": N_("The correction was saved."),
            "coach_assigned": N_("The coach was changed."),
            "exited": N_("The exit was recorded."),
            "project_registered": N_("The project was registered."),
        }
        return pages.gettext(request)(texts[saved]) if saved in texts else None

    return router


def _form_template(path: str) -> str:
    if path.endswith("/correct"):
        return "intake/correct.html"
    if path.endswith("/exit"):
        return "intake/exit.html"
    return "intake/client.html"


def _set_login_cookie(request: Request, response: Response, token: str) -> None:
    response.set_cookie(
        LOGIN_CSRF_COOKIE,
        token,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        path="/login",
    )


def _start_data(form: Form) -> EsfStartData:
    gender = form.choice("gender", Gender)
    education = form.choice("education", EducationLevel)
    status = form.choice("labour_market_status", LabourMarketStatus)
    since = form.date("unemployed_since")
    municipality = form.text("municipality", required=True, missing="municipality_required")
    try:
        sensitive = sensitive_answers(
            {
                name: form.values.get(f"sensitive_{name}", "")
                for name, _label in labels.SENSITIVE_QUESTIONS
            }
        )
    except DomainError as error:
        form.errors.setdefault(f"sensitive_{error.detail}", "invalid_choice")
        sensitive = sensitive_answers({})
    form.check()
    assert gender is not None and education is not None and status is not None
    return EsfStartData(
        age_at_entry=0,
        gender=gender,
        education=education,
        labour_market_status=status,
        unemployed_since=since,
        municipality=municipality,
        sensitive=sensitive,
    )


def _plan(form: Form) -> ProjectPlan:
    name = form.text("name", required=True, missing="project_name_required")
    municipalities = tuple(m.strip() for m in form.text("municipalities").split(",") if m.strip())
    if not municipalities:
        form.errors.setdefault("municipalities", "project_municipality_required")
    starts_on = form.date("starts_on", required=True)
    ends_on = form.date("ends_on", required=True)
    numbers: dict[str, int | None] = {}
    for name_ in ("min_age", "max_age", "planned_participants", "planned_companies"):
        raw = form.text(name_)
        try:
            numbers[name_] = int(raw) if raw else None
        except ValueError:
            form.errors.setdefault(name_, "invalid_number")
    funding: list[FundingShare] = []
    for part in form.text("funding").split(","):
        if part.strip():
            source, _, percent = part.partition("=")
            try:
                funding.append(FundingShare(source=source.strip(), percent=float(percent)))
            except ValueError:
                form.errors.setdefault("funding", "invalid_number")
    form.check()
    assert starts_on is not None and ends_on is not None
    return ProjectPlan(
        name=name,
        municipalities=municipalities,
        starts_on=starts_on,
        ends_on=ends_on,
        target_group=TargetGroupRule(min_age=numbers["min_age"], max_age=numbers["max_age"]),
        planned_participants=numbers["planned_participants"] or 0,
        planned_companies=numbers["planned_companies"] or 0,
        funding=tuple(funding),
    )


def _start_values(start: EsfStartData) -> dict[str, str]:
    values = {
        "gender": start.gender.value,
        "education": start.education.value,
        "labour_market_status": start.labour_market_status.value,
        "unemployed_since": start.unemployed_since.isoformat() if start.unemployed_since else "",
        "municipality": start.municipality,
    }
    for name, _label in labels.SENSITIVE_QUESTIONS:
        values[f"sensitive_{name}"] = getattr(start.sensitive, name).value
    return values


def _enrolment(form: Form, project_id: str, signed_in: SignedIn) -> Enrolment:
    identity_code = form.text("identity_code")
    birth_date = form.date("birth_date")
    if not identity_code and birth_date is None:
        form.errors.setdefault("identity_code", "identity_code_or_birth_date_required")
    if identity_code:
        try:  # checked here too, so that one submission shows every error at once
            birth_date_of(identity_code)
        except InvalidIdentityCode as error:
            form.errors.setdefault("identity_code", error.code)
    first_name = form.text("first_name", required=True)
    last_name = form.text("last_name", required=True)
    entry_date = form.date("entry_date", required=True)
    entry_route = form.choice("entry_route", EntryRoute)
    language = form.text("language") or "fi"
    if form.values.get("consent") != "yes":
        form.errors.setdefault("consent", "consent_required")
    start = _start_data(form)
    form.check()
    assert entry_date is not None and entry_route is not None
    return Enrolment(
        project_id=project_id,
        coach_id=form.text("coach_id") or signed_in.user.id,
        identity_code=identity_code or None,
        birth_date=birth_date,
        first_name=first_name,
        last_name=last_name,
        phone=form.text("phone"),
        email=form.text("email"),
        language=language,
        consent_version=CONSENT_VERSION,
        consented_at=datetime.now(UTC),
        entry_date=entry_date,
        entry_route=entry_route,
        start_data=start,
        submission_id=form.text("submission_id") or None,
        override_reason=form.text("override_reason") or None,
        may_override=may_override(signed_in.user, project_id),
    )
