"""Commands built from submitted HTML forms: the same ones the JSON API builds.

Entrypoint layer. Each reader notes every field it cannot read (with the code the page
translates) and refuses the form as a whole through ``FormReader.check``, so that one
answer shows every error; the rules themselves are the handlers'.
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import Enum
from typing import TypeVar

from services.intake.domain.costs import euros_to_cents
from services.intake.domain.enrolment import EnrolPerson
from services.intake.domain.errors import DomainError
from services.intake.domain.esf import (
    DestinationDetails,
    EducationLevel,
    EmploymentType,
    EntryRoute,
    EsfStartData,
    Gender,
    IntermediateKind,
    LabourMarketStatus,
    ReferralKind,
    SensitiveAnswer,
    SensitiveAnswers,
)
from services.intake.domain.events import FundingShare, ProjectPlan
from services.intake.domain.identity import InvalidIdentityCode, birth_date_of
from services.intake.domain.target_group import TargetGroupRule
from services.intake.entrypoints import labels
from shared.web.forms import FormReader

CONSENT_VERSION = "2026-01"
"""The consent text in use; recorded with every enrolment."""


E = TypeVar("E", bound=Enum)


def chosen(form: FormReader, name: str, kind: type[E]) -> E:
    """The chosen member, or the first with an error noted (``check`` refuses the form):
    nothing chosen is ``choose_one`` ("Choose one of the options"), not "Fill in"."""
    if not form.text(name):
        form.errors.setdefault(name, "choose_one")
    return form.choice(name, kind, required=False) or next(iter(kind))


def required(form: FormReader, name: str, code: str) -> str:
    """The trimmed value; when empty, the error ``code`` at the field."""
    value = form.text(name)
    if not value:
        form.errors.setdefault(name, code)
    return value


def destination_details(form: FormReader) -> DestinationDetails:
    """The details a status upon leaving may need, none of them required here: which one
    the chosen status needs is the handler's rule, refused at its field."""
    return DestinationDetails(
        employment_type=form.choice("employment_type", EmploymentType, required=False),
        referral_kind=form.choice("referral_kind", ReferralKind, required=False),
        intermediate_kind=form.choice("intermediate_kind", IntermediateKind, required=False),
    )


def start_data(form: FormReader) -> EsfStartData:
    gender = chosen(form, "gender", Gender)
    education = chosen(form, "education", EducationLevel)
    status = chosen(form, "labour_market_status", LabourMarketStatus)
    since = form.day("unemployed_since")
    municipality = required(form, "municipality", "municipality_required")
    answers = {
        name: form.choice(f"sensitive_{name}", SensitiveAnswer, required=False)
        or SensitiveAnswer.NOT_ASKED
        for name, _label in labels.SENSITIVE_QUESTIONS
    }
    form.check()
    return EsfStartData(
        age_at_entry=0,
        gender=gender,
        education=education,
        labour_market_status=status,
        unemployed_since=since,
        municipality=municipality,
        sensitive=SensitiveAnswers(**answers),
    )


def start_values(start: EsfStartData) -> dict[str, str]:
    """The correction form's values: the start data as they are."""
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


def enrol_person(form: FormReader, actor: str) -> EnrolPerson:
    """The enrolment form as a command; the coach is the submitter unless one is chosen."""
    identity_code = form.text("identity_code")
    birth_date = form.day("birth_date")
    if not identity_code and birth_date is None:
        form.errors.setdefault("identity_code", "identity_code_or_birth_date_required")
    if identity_code:
        try:  # checked here too, so that one submission shows every error at once
            birth_date_of(identity_code)
        except InvalidIdentityCode as error:
            form.errors.setdefault("identity_code", error.code)
    first_name = form.text("first_name", required=True)
    last_name = form.text("last_name", required=True)
    entry_date = form.required_day("entry_date")
    entry_route = chosen(form, "entry_route", EntryRoute)
    if form.values.get("consent") != "yes":
        form.errors.setdefault("consent", "consent_required")
    start = start_data(form)
    return EnrolPerson(
        coach_id=form.text("coach_id") or actor,
        identity_code=identity_code or None,
        birth_date=birth_date,
        first_name=first_name,
        last_name=last_name,
        phone=form.text("phone"),
        email=form.text("email"),
        language=form.text("language") or "fi",
        consent_version=CONSENT_VERSION,
        consented_at=datetime.now(UTC),
        entry_date=entry_date,
        entry_route=entry_route,
        start_data=start,
        override_reason=form.optional("override_reason"),
    )


def project_plan(form: FormReader) -> ProjectPlan:
    name = required(form, "name", "project_name_required")
    municipalities = tuple(form.tags("municipalities"))
    if not municipalities:
        form.errors.setdefault("municipalities", "project_municipality_required")
    starts_on = form.required_day("starts_on")
    ends_on = form.required_day("ends_on")
    numbers = {
        name_: form.number(name_)
        for name_ in ("min_age", "max_age", "planned_participants", "planned_companies")
    }
    funding: list[FundingShare] = []
    for part in form.tags("funding"):
        source, _, percent = part.partition("=")
        try:
            funding.append(FundingShare(source=source.strip(), percent=float(percent)))
        except ValueError:
            form.errors.setdefault("funding", "invalid_number")
    budget_cents = None
    if form.text("budget"):
        try:
            budget_cents = euros_to_cents(form.text("budget"))
        except DomainError:
            form.errors.setdefault("budget", "invalid_amount")
    form.check()
    return ProjectPlan(
        name=name,
        municipalities=municipalities,
        starts_on=starts_on,
        ends_on=ends_on,
        target_group=TargetGroupRule(min_age=numbers["min_age"], max_age=numbers["max_age"]),
        planned_participants=numbers["planned_participants"] or 0,
        planned_companies=numbers["planned_companies"] or 0,
        funding=tuple(funding),
        budget_cents=budget_cents,
    )
