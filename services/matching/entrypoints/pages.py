"""The matching pages of the coaches' site: companies and their contact log, job leads,
ranked and explained candidates, referrals and placements (entrypoint layer).

Server-rendered, working without JavaScript: forms post, success answers with a redirect
and a notice, a refusal with the same page, the values kept and the error at its field
(422). Pages live under ``/p/{project_id}/matching``; another project's company or lead
answers 404 as if it did not exist; auditors read every page and get 403 on writing.

Matching knows clients by their pseudonymous id only (names stay in intake), so a client
appears as a short reference linking to intake's client page.
"""

# No ``from __future__ import annotations``: FastAPI reads the route signatures at run time.

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from services.matching.domain.errors import DomainError
from services.matching.domain.lead import NEXT_STATUSES
from services.matching.domain.occupations import ISCO_08, label_of
from services.matching.domain.vocabulary import (
    AnswerReason,
    CompanyNeed,
    CompanyRelation,
    ContactKind,
    LeadKind,
    LeadStatus,
    PlacementType,
    ReferralAnswer,
    SizeClass,
    WorkingTime,
    WorkingTimePreference,
)
from services.matching.entrypoints import labels
from services.matching.entrypoints.errors import field_of
from services.matching.entrypoints.forms import Form, FormError, read_form
from services.matching.service_layer import handlers
from services.matching.service_layer.handlers import Matching
from services.matching.service_layer.ranking import clients_for_lead, leads_for_client
from shared.eventlog.port import WrongExpectedVersion
from shared.web.auth import WebAuth
from shared.web.i18n import N_
from shared.web.pages import Pages, language_of, redirect
from shared.web.principal import SignedIn, csrf_matches
from shared.web.service import ClientNames

HERE = Path(__file__).parent
NOT_FOUND = frozenset(
    {"company_not_found", "lead_not_found", "referral_not_found", "client_not_found"}
)
Values = Mapping[str, str]
RecordPage = Callable[
    [Request, SignedIn, str, str, Mapping[str, str] | None, Values | None, int], Response
]
"""A record's page, drawn again with a form's errors, values and status."""


def client_ref(client_id: str) -> str:
    """A short, stable reference for a client: the id's last six characters."""
    return client_id[-6:].upper()


def pages_router(auth: WebAuth, m: Matching, client_names: ClientNames | None = None) -> APIRouter:
    """``client_names``: intake's, when both run in one process; else short references."""
    pages = Pages(HERE / "templates", HERE / "locale")
    router = APIRouter(include_in_schema=False)
    base = "/p/{project_id}/matching"

    def message(request: Request, code: str) -> str:
        return pages.gettext(request)(labels.ERRORS.get(code) or N_("Check this field."))

    def common(request: Request, project_id: str, signed_in: SignedIn) -> dict[str, Any]:
        tr = pages.gettext(request)
        language = language_of(request)

        def label_of_option(options: labels.Options, value: object) -> str:
            text = str(getattr(value, "value", value) or "")
            return next((tr(label) for v, label in options if v == text), text)

        def listed(part: str, items: tuple[str, ...]) -> str:
            """What matched or is missing, as a coach reads it: labels, not codes."""
            if part == "occupation":
                shown = [f"{code} {label_of(code, language)}" for code in items]
            elif part == "working_time":
                shown = [label_of_option(labels.WORKING_TIMES, value) for value in items]
            elif part == "commute":
                shown = [name.title() for name in items]
            else:
                shown = list(items)
            return ", ".join(shown)

        known: dict[str, str] = {}

        def named_ref(client_id: str) -> str:
            """The client's name and reference, the name asked once per page, never kept."""
            if client_names is None:
                return client_ref(client_id)
            if client_id not in known:
                known[client_id] = client_names(project_id, [client_id]).get(client_id, "")
            name = known[client_id]
            return f"{name} ({client_ref(client_id)})" if name else client_ref(client_id)

        return {
            "labels": labels,
            "label_of": label_of_option,
            "choices": lambda options: [(v, tr(label)) for v, label in options],
            "client_ref": named_ref,
            "occupation": lambda code: f"{code} {label_of(code, language)}",
            "listed": listed,
            "lead_title": lambda lead: (
                label_of(lead.occupation_code, language)
                if lead.occupation_code in ISCO_08
                else lead.occupation_label
            ),
            "occupations": [(c, f"{c} {label_of(c, language)}") for c in ISCO_08],
            "can_write": signed_in.user.can_write_in(project_id),
            "base": f"/p/{project_id}/matching",
            "today": m.today().isoformat(),
        }

    def member(request: Request, project_id: str) -> SignedIn | Response:
        signed_in = auth.maybe_signed_in(request)
        if signed_in is None:
            return pages.login_redirect(request)
        if not signed_in.user.can_see_project(project_id):
            return pages.not_found(request, signed_in)
        return signed_in

    async def writer(request: Request, project_id: str) -> tuple[SignedIn, Form] | Response:
        found = member(request, project_id)
        if isinstance(found, Response):
            return found
        if not found.user.can_write_in(project_id):
            return pages.forbidden(request, found)
        form = await read_form(request)
        if not csrf_matches(found, form.values.get("csrf_token")):
            return pages.forbidden(request, found)
        return found, form

    def show(
        request: Request,
        signed_in: SignedIn,
        project_id: str,
        template: str,
        context: Mapping[str, Any],
        errors: Mapping[str, str] | None = None,
        values: Values | None = None,
        status_code: int = 200,
    ) -> HTMLResponse:
        saved = request.query_params.get("saved", "")
        tr = pages.gettext(request)
        return pages.render(
            request,
            template,
            {
                **common(request, project_id, signed_in),
                **context,
                "errors": {field: message(request, code) for field, code in (errors or {}).items()},
                "values": dict(values or {}),
                "flash": tr(labels.SAVED[saved]) if saved in labels.SAVED else None,
            },
            signed_in=signed_in,
            project_id=project_id,
            status_code=status_code,
        )

    def attempt(
        request: Request,
        signed_in: SignedIn,
        form: Form,
        run: Callable[[], str],
        again: Callable[[Mapping[str, str], Values, int], Response],
    ) -> Response:
        """Run the action; redirect where it says, or show the page again with the errors."""
        try:
            return redirect(run())
        except FormError as error:
            return again(error.errors, form.values, 422)
        except DomainError as error:
            if error.code in NOT_FOUND and error.code.removesuffix("_not_found") + "_id" not in (
                form.values
            ):
                return pages.not_found(request, signed_in)
            field = field_of(error.code) or error.code.removesuffix("_not_found") + "_id"
            return again({field: error.code}, form.values, 422)
        except WrongExpectedVersion:
            return again({"conflict": "conflict"}, form.values, 409)

    # -- overview --------------------------------------------------------------------

    def overview(
        request: Request,
        signed_in: SignedIn,
        project_id: str,
        errors: Mapping[str, str] | None = None,
        values: Values | None = None,
        status_code: int = 200,
    ) -> Response:
        companies = {c.company_id: c for c in m.read.companies(project_id)}
        clients = m.read.clients(project_id)
        profiled = {c.client_id for c in m.read.candidates(project_id)}
        context = {
            "leads": m.read.leads(project_id, available_only=True),
            "companies": companies,
            "clients": [c for c in clients if c.active],
            "profiled": profiled,
            "placements": m.read.placements(project_id)[:20],
        }
        return show(
            request,
            signed_in,
            project_id,
            "matching/home.html",
            context,
            errors,
            values,
            status_code,
        )

    @router.get(base, response_class=HTMLResponse)
    def home(request: Request, project_id: str) -> Response:
        found = member(request, project_id)
        return found if isinstance(found, Response) else overview(request, found, project_id)

    # -- companies -------------------------------------------------------------------

    def company_form(
        request: Request,
        signed_in: SignedIn,
        project_id: str,
        errors: Mapping[str, str] | None = None,
        values: Values | None = None,
        status_code: int = 200,
    ) -> Response:
        return show(
            request,
            signed_in,
            project_id,
            "matching/company_new.html",
            {},
            errors,
            values,
            status_code,
        )

    @router.get(base + "/companies/new", response_class=HTMLResponse)
    def new_company(request: Request, project_id: str) -> Response:
        found = member(request, project_id)
        if isinstance(found, Response):
            return found
        return company_form(
            request,
            found,
            project_id,
            values={"contacted_on": m.today().isoformat(), "kind": "visit"},
        )

    @router.post(base + "/companies", response_class=HTMLResponse)
    async def register_company(request: Request, project_id: str) -> Response:
        checked = await writer(request, project_id)
        if isinstance(checked, Response):
            return checked
        signed_in, form = checked

        def run() -> str:
            business_id = form.text("business_id", required=True)
            trade_name = form.text("trade_name", required=True)
            industry = form.text("industry", required=True)
            municipality = form.text("municipality", required=True)
            size = form.chosen("size_class", SizeClass)
            kind = form.choice("kind", ContactKind) if form.text("kind") else None
            contacted_on = form.day("contacted_on", required=kind is not None)
            form.check()
            done = handlers.register_company(
                m,
                project_id=project_id,
                business_id=business_id,
                trade_name=trade_name,
                industry=industry,
                municipality=municipality,
                size_class=size,
                actor=signed_in.user.id,
                submission_id=form.text("submission_id") or None,
            )
            if kind is not None and contacted_on is not None and not done.duplicate:
                handlers.record_contact(
                    m,
                    project_id=project_id,
                    company_id=done.id,
                    kind=kind,
                    contacted_on=contacted_on,
                    actor=signed_in.user.id,
                )
            return f"/p/{project_id}/matching/companies/{done.id}?saved=company"

        return attempt(
            request,
            signed_in,
            form,
            run,
            lambda e, v, s: company_form(request, signed_in, project_id, e, v, s),
        )

    def company_page(
        request: Request,
        signed_in: SignedIn,
        project_id: str,
        company_id: str,
        errors: Mapping[str, str] | None = None,
        values: Values | None = None,
        status_code: int = 200,
    ) -> Response:
        company = m.read.company(project_id, company_id)
        if company is None:
            return pages.not_found(request, signed_in)
        contacts = m.contacts.of_company(project_id, company_id)
        context = {
            "company": company,
            "contacts": contacts,
            "contact_names": {c.contact_id: c.full_name for c in contacts},
            "contact_log": m.read.contact_log(project_id, company_id),
            "needs": m.read.needs(project_id, company_id),
            "leads": m.read.leads(project_id, company_id=company_id),
            "placements": m.read.placements(project_id, company_id=company_id),
        }
        defaults = {
            "contacted_on": m.today().isoformat(),
            "recorded_on": m.today().isoformat(),
            "since": m.today().isoformat(),
        }
        return show(
            request,
            signed_in,
            project_id,
            "matching/company.html",
            context,
            errors,
            {**defaults, **(values or {})},
            status_code,
        )

    @router.get(base + "/companies/{company_id}", response_class=HTMLResponse)
    def show_company(request: Request, project_id: str, company_id: str) -> Response:
        found = member(request, project_id)
        if isinstance(found, Response):
            return found
        return company_page(request, found, project_id, company_id)

    async def on_record(
        request: Request,
        project_id: str,
        record: tuple[str, str, RecordPage],
        action: Callable[[Form, SignedIn], object],
        saved: str,
    ) -> Response:
        """Run a form's action on a company, lead or referral; back to its page either way.

        ``record`` is (path segment, id, the page that shows it with errors).
        """
        path, record_id, page = record
        checked = await writer(request, project_id)
        if isinstance(checked, Response):
            return checked
        signed_in, form = checked

        def run() -> str:
            action(form, signed_in)
            return f"/p/{project_id}/matching/{path}/{record_id}?saved={saved}"

        return attempt(
            request,
            signed_in,
            form,
            run,
            lambda e, v, s: page(request, signed_in, project_id, record_id, e, v, s),
        )

    async def on_company(
        request: Request,
        project_id: str,
        company_id: str,
        action: Callable[[Form, SignedIn], object],
        saved: str,
    ) -> Response:
        return await on_record(
            request, project_id, ("companies", company_id, company_page), action, saved
        )

    @router.post(base + "/companies/{company_id}/contacts", response_class=HTMLResponse)
    async def add_contact(request: Request, project_id: str, company_id: str) -> Response:
        def action(form: Form, signed_in: SignedIn) -> object:
            name = form.text("full_name", required=True)
            form.check()
            return handlers.add_contact_person(
                m,
                project_id=project_id,
                company_id=company_id,
                full_name=name,
                job_title=form.text("job_title"),
                phone=form.text("phone"),
                email=form.text("email"),
                actor=signed_in.user.id,
            )

        return await on_company(request, project_id, company_id, action, "contact_person")

    @router.post(base + "/companies/{company_id}/contact-log", response_class=HTMLResponse)
    async def record_contact(request: Request, project_id: str, company_id: str) -> Response:
        def action(form: Form, signed_in: SignedIn) -> object:
            kind = form.chosen("kind", ContactKind)
            day = form.required_day("contacted_on")
            form.check()
            return handlers.record_contact(
                m,
                project_id=project_id,
                company_id=company_id,
                kind=kind,
                contacted_on=day,
                contact_id=form.text("contact_id") or None,
                actor=signed_in.user.id,
            )

        return await on_company(request, project_id, company_id, action, "contact")

    @router.post(base + "/companies/{company_id}/relation", response_class=HTMLResponse)
    async def record_relation(request: Request, project_id: str, company_id: str) -> Response:
        def action(form: Form, signed_in: SignedIn) -> object:
            relation = form.chosen("relation", CompanyRelation)
            since = form.required_day("since")
            form.check()
            return handlers.record_relation(
                m,
                project_id=project_id,
                company_id=company_id,
                relation=relation,
                since=since,
                actor=signed_in.user.id,
            )

        return await on_company(request, project_id, company_id, action, "relation")

    @router.post(base + "/companies/{company_id}/needs", response_class=HTMLResponse)
    async def record_need(request: Request, project_id: str, company_id: str) -> Response:
        def action(form: Form, signed_in: SignedIn) -> object:
            need = form.chosen("need", CompanyNeed)
            headcount = form.number("headcount")
            day = form.required_day("recorded_on")
            form.check()
            return handlers.record_need(
                m,
                project_id=project_id,
                company_id=company_id,
                need=need,
                occupation_code=form.text("occupation_code") or None,
                headcount=headcount,
                recorded_on=day,
                actor=signed_in.user.id,
            )

        return await on_company(request, project_id, company_id, action, "need")

    # -- leads -----------------------------------------------------------------------

    def lead_form(
        request: Request,
        signed_in: SignedIn,
        project_id: str,
        errors: Mapping[str, str] | None = None,
        values: Values | None = None,
        status_code: int = 200,
    ) -> Response:
        context = {"companies": m.read.companies(project_id)}
        return show(
            request,
            signed_in,
            project_id,
            "matching/lead_new.html",
            context,
            errors,
            values,
            status_code,
        )

    @router.get(base + "/leads/new", response_class=HTMLResponse)
    def new_lead(request: Request, project_id: str, company_id: str = "") -> Response:
        found = member(request, project_id)
        if isinstance(found, Response):
            return found
        company = m.read.company(project_id, company_id) if company_id else None
        values = {
            "company_id": company_id,
            "found_on": m.today().isoformat(),
            "municipality": company.municipality if company else "",
            "required_languages": "fi",
        }
        return lead_form(request, found, project_id, values=values)

    @router.post(base + "/leads", response_class=HTMLResponse)
    async def record_lead(request: Request, project_id: str) -> Response:
        checked = await writer(request, project_id)
        if isinstance(checked, Response):
            return checked
        signed_in, form = checked

        def run() -> str:
            company_id = form.text("company_id", required=True)
            kind = form.chosen("kind", LeadKind)
            code = form.text("occupation_code", required=True)
            municipality = form.text("municipality", required=True)
            working_time = form.chosen("working_time", WorkingTime)
            found_on = form.required_day("found_on")
            starts_on = form.day("starts_on")
            form.check()
            done = handlers.record_lead(
                m,
                project_id=project_id,
                company_id=company_id,
                kind=kind,
                occupation_code=code,
                municipality=municipality,
                working_time=working_time,
                found_on=found_on,
                starts_on=starts_on,
                wage_subsidy_eligible=form.flag("wage_subsidy_eligible"),
                required_skills=form.tags("required_skills"),
                required_languages=form.tags("required_languages"),
                driving_licence_required=form.flag("driving_licence_required"),
                actor=signed_in.user.id,
                submission_id=form.text("submission_id") or None,
            )
            return f"/p/{project_id}/matching/leads/{done.id}?saved=lead"

        return attempt(
            request,
            signed_in,
            form,
            run,
            lambda e, v, s: lead_form(request, signed_in, project_id, e, v, s),
        )

    def lead_page(
        request: Request,
        signed_in: SignedIn,
        project_id: str,
        lead_id: str,
        errors: Mapping[str, str] | None = None,
        values: Values | None = None,
        status_code: int = 200,
    ) -> Response:
        lead = m.read.lead(project_id, lead_id)
        if lead is None:
            return pages.not_found(request, signed_in)
        referrals = m.read.referrals(project_id, lead_id=lead_id)
        ranking = clients_for_lead(m.read, project_id, lead_id, pool=m.pool)
        context = {
            "lead": lead,
            "company": m.read.company(project_id, lead.company_id),
            "ranking": ranking,
            "referrals": referrals,
            "referred": {r.client_id for r in referrals},
            "placed": {p.referral_id for p in m.read.placements(project_id)},
            "next_statuses": [s.value for s in _next_statuses(lead.status)],
        }
        defaults = {"changed_on": m.today().isoformat()}
        return show(
            request,
            signed_in,
            project_id,
            "matching/lead.html",
            context,
            errors,
            {**defaults, **(values or {})},
            status_code,
        )

    @router.get(base + "/leads/{lead_id}", response_class=HTMLResponse)
    def show_lead(request: Request, project_id: str, lead_id: str) -> Response:
        found = member(request, project_id)
        if isinstance(found, Response):
            return found
        return lead_page(request, found, project_id, lead_id)

    async def on_lead(
        request: Request,
        project_id: str,
        lead_id: str,
        action: Callable[[Form, SignedIn], object],
        saved: str,
    ) -> Response:
        return await on_record(request, project_id, ("leads", lead_id, lead_page), action, saved)

    @router.post(base + "/leads/{lead_id}/status", response_class=HTMLResponse)
    async def change_status(request: Request, project_id: str, lead_id: str) -> Response:
        def action(form: Form, signed_in: SignedIn) -> object:
            status = form.chosen("status", LeadStatus)
            day = form.required_day("changed_on")
            form.check()
            return handlers.change_lead_status(
                m,
                project_id=project_id,
                lead_id=lead_id,
                status=status,
                changed_on=day,
                actor=signed_in.user.id,
            )

        return await on_lead(request, project_id, lead_id, action, "status")

    @router.post(base + "/leads/{lead_id}/referrals", response_class=HTMLResponse)
    async def refer(request: Request, project_id: str, lead_id: str) -> Response:
        def action(form: Form, signed_in: SignedIn) -> object:
            client_id = form.text("client_id", required=True)
            form.check()
            return handlers.refer_client(
                m,
                project_id=project_id,
                client_id=client_id,
                lead_id=lead_id,
                referred_on=m.today(),
                actor=signed_in.user.id,
            )

        return await on_lead(request, project_id, lead_id, action, "referral")

    # -- referrals and placements ----------------------------------------------------

    def referral_page(
        request: Request,
        signed_in: SignedIn,
        project_id: str,
        referral_id: str,
        errors: Mapping[str, str] | None = None,
        values: Values | None = None,
        status_code: int = 200,
    ) -> Response:
        referral = m.read.referral(project_id, referral_id)
        if referral is None:
            return pages.not_found(request, signed_in)
        lead = m.read.lead(project_id, referral.lead_id)
        placements = [
            p
            for p in m.read.placements(project_id, client_id=referral.client_id)
            if p.referral_id == referral_id
        ]
        context = {
            "referral": referral,
            "lead": lead,
            "company": m.read.company(project_id, referral.company_id),
            "placements": placements,
        }
        today = m.today().isoformat()
        defaults = {
            "answered_on": today,
            "starts_on": today,
            "placement_type": _placement_for(lead.working_time.value if lead else ""),
        }
        return show(
            request,
            signed_in,
            project_id,
            "matching/referral.html",
            context,
            errors,
            {**defaults, **(values or {})},
            status_code,
        )

    @router.get(base + "/referrals/{referral_id}", response_class=HTMLResponse)
    def show_referral(request: Request, project_id: str, referral_id: str) -> Response:
        found = member(request, project_id)
        if isinstance(found, Response):
            return found
        return referral_page(request, found, project_id, referral_id)

    async def on_referral(
        request: Request,
        project_id: str,
        referral_id: str,
        action: Callable[[Form, SignedIn], object],
        saved: str,
    ) -> Response:
        return await on_record(
            request, project_id, ("referrals", referral_id, referral_page), action, saved
        )

    @router.post(base + "/referrals/{referral_id}/answer", response_class=HTMLResponse)
    async def answer(request: Request, project_id: str, referral_id: str) -> Response:
        def action(form: Form, signed_in: SignedIn) -> object:
            given = form.chosen("answer", ReferralAnswer)
            reason = form.chosen("reason", AnswerReason)
            day = form.required_day("answered_on")
            form.check()
            return handlers.answer_referral(
                m,
                project_id=project_id,
                referral_id=referral_id,
                answer=given,
                reason=reason,
                answered_on=day,
                actor=signed_in.user.id,
            )

        return await on_referral(request, project_id, referral_id, action, "answer")

    @router.post(base + "/referrals/{referral_id}/placement", response_class=HTMLResponse)
    async def place(request: Request, project_id: str, referral_id: str) -> Response:
        def action(form: Form, signed_in: SignedIn) -> object:
            kind = form.chosen("placement_type", PlacementType)
            starts_on = form.required_day("starts_on")
            ends_on = form.day("ends_on")
            form.check()
            referral = m.read.referral(project_id, referral_id)
            if referral is None:
                raise DomainError("referral_not_found")
            return handlers.start_placement(
                m,
                project_id=project_id,
                client_id=referral.client_id,
                company_id=referral.company_id,
                placement_type=kind,
                starts_on=starts_on,
                ends_on=ends_on,
                referral_id=referral_id,
                actor=signed_in.user.id,
                submission_id=form.text("submission_id") or None,
            )

        return await on_referral(request, project_id, referral_id, action, "placement")

    # -- a client's job profile ------------------------------------------------------

    def client_page(
        request: Request,
        signed_in: SignedIn,
        project_id: str,
        client_id: str,
        errors: Mapping[str, str] | None = None,
        values: Values | None = None,
        status_code: int = 200,
    ) -> Response:
        standing = m.read.client(project_id, client_id)
        if standing is None:
            return pages.not_found(request, signed_in)
        view = m.read.profile(project_id, client_id)
        stored: dict[str, str] = {"working_time": "any", "matching_consent": ""}
        if view is not None:
            p = view.profile
            stored = {
                "target_occupations": ", ".join(sorted(p.target_occupations)),
                "skills": ", ".join(sorted(p.skills)),
                "languages": ", ".join(sorted(p.languages)),
                "municipalities": ", ".join(view.municipalities_as_typed),
                "working_time": p.working_time.value,
                "driving_licence": "yes" if p.driving_licence else "",
                "matching_consent": "yes" if view.matching_consent else "",
            }
        context = {
            "client": standing,
            "profile": view,
            "ranking": leads_for_client(m.read, project_id, client_id) if view else None,
            "lead_rows": {lead.lead_id: lead for lead in m.read.leads(project_id)},
            "referrals": m.read.referrals(project_id, client_id=client_id),
            "placements": m.read.placements(project_id, client_id=client_id),
        }
        return show(
            request,
            signed_in,
            project_id,
            "matching/client.html",
            context,
            errors,
            {**stored, **(values or {})},
            status_code,
        )

    @router.get(base + "/clients/{client_id}", response_class=HTMLResponse)
    def show_client(request: Request, project_id: str, client_id: str) -> Response:
        found = member(request, project_id)
        if isinstance(found, Response):
            return found
        return client_page(request, found, project_id, client_id)

    @router.post(base + "/clients/{client_id}/profile", response_class=HTMLResponse)
    async def save_profile(request: Request, project_id: str, client_id: str) -> Response:
        checked = await writer(request, project_id)
        if isinstance(checked, Response):
            return checked
        signed_in, form = checked

        def run() -> str:
            preference = form.chosen("working_time", WorkingTimePreference)
            form.check()
            handlers.update_job_profile(
                m,
                project_id=project_id,
                client_id=client_id,
                target_occupations=form.tags("target_occupations"),
                skills=form.tags("skills"),
                languages=form.tags("languages"),
                municipalities=form.tags("municipalities"),
                working_time=preference,
                driving_licence=form.flag("driving_licence"),
                matching_consent=form.flag("matching_consent"),
                actor=signed_in.user.id,
            )
            return f"/p/{project_id}/matching/clients/{client_id}?saved=profile"

        return attempt(
            request,
            signed_in,
            form,
            run,
            lambda e, v, s: client_page(request, signed_in, project_id, client_id, e, v, s),
        )

    return router


def _next_statuses(status: LeadStatus) -> list[LeadStatus]:
    return [s for s in LeadStatus if s in NEXT_STATUSES[status]]


def _placement_for(working_time: str) -> str:
    return {"full_time": "full_time", "part_time": "part_time"}.get(working_time, "")
