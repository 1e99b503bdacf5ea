"""Matching's handlers: one small function per thing a coach does (service layer).

Each loads an aggregate, asks the domain to decide (with the facts it needs from the
read model: is the client active and consenting, does the lead exist and is it still
available), appends with the version read, and then brings the read model up to date
(``refresh``) so that the coach's next page shows what was just recorded. An aggregate
of another project answers ``*_not_found``, as if it did not exist.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Callable, Sequence
from datetime import date, datetime
from zoneinfo import ZoneInfo

from services.matching.domain import company as companies
from services.matching.domain import lead as leads
from services.matching.domain import referral as referrals
from services.matching.domain.business_id import normalise_business_id
from services.matching.domain.commands import (
    AddContactPerson,
    AnswerReferral,
    ChangeLeadStatus,
    RecordContact,
    RecordLead,
    RecordNeed,
    RecordRelation,
    ReferClient,
    RegisterCompany,
    StartPlacement,
    UpdateJobProfile,
)
from services.matching.domain.errors import DomainError
from services.matching.domain.events import PlacementStarted
from services.matching.domain.profile import decide_profile
from services.matching.domain.referral import Facts
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
from services.matching.service_layer.ports import ContactPersons, ReadModel
from services.matching.service_layer.ranking import CandidatePool
from services.matching.service_layer.streams import Aggregate, Streams
from services.matching.service_layer.views import ContactPerson
from shared.events.envelope import Context
from shared.ids import uuid7_str

COMPANIES: Aggregate[companies.Company] = Aggregate("company", companies.evolve)
LEADS: Aggregate[leads.Lead] = Aggregate("lead", leads.evolve)
REFERRALS: Aggregate[referrals.Referral] = Aggregate("referral", referrals.evolve_referral)


def _placement_evolve(state: PlacementStarted | None, event: object) -> PlacementStarted | None:
    return event if isinstance(event, PlacementStarted) else state


def _profile_evolve(state: object, event: object) -> object:
    return event


PLACEMENTS: Aggregate[PlacementStarted] = Aggregate("placement", _placement_evolve)
PROFILES: Aggregate[object] = Aggregate("job-profile", _profile_evolve)

HELSINKI = ZoneInfo("Europe/Helsinki")
_SUBMISSIONS = uuid.UUID("0d7b6c55-8f0e-4b8e-9d57-3c1f3f0f5a21")


def helsinki_today() -> date:
    """The coaches' calendar day."""
    return datetime.now(HELSINKI).date()


def _nothing() -> int:
    return 0


@dataclasses.dataclass(frozen=True, slots=True)
class Matching:
    """What every handler needs: the log as aggregates, the read model, contact persons."""

    streams: Streams
    read: ReadModel
    contacts: ContactPersons
    refresh: Callable[[], int] = _nothing
    """Applies pending events to the read model (the service's own-log subscription)."""
    today: Callable[[], date] = helsinki_today
    pool: CandidatePool | None = None
    """Compiled candidate sets kept between requests; ``None`` compiles them every time."""


@dataclasses.dataclass(frozen=True, slots=True)
class Done:
    id: str
    duplicate: bool = False
    """The same form had been submitted before: nothing new was stored."""


def _new_id(submission_id: str | None) -> str:
    """A resubmitted form names the same aggregate, so its second append is a duplicate."""
    return str(uuid.uuid5(_SUBMISSIONS, submission_id)) if submission_id else uuid7_str()


def _context(project_id: str, actor: str) -> Context:
    return Context(project_id=project_id, actor=actor)


def _done(m: Matching, aggregate_id: str, duplicate: bool) -> Done:
    m.refresh()
    return Done(aggregate_id, duplicate)


# Companies -----------------------------------------------------------------------------


def register_company(
    m: Matching,
    *,
    project_id: str,
    business_id: str,
    trade_name: str,
    industry: str,
    municipality: str,
    size_class: SizeClass,
    actor: str,
    registered_on: date | None = None,
    submission_id: str | None = None,
) -> Done:
    """Register a company once per project: its Business ID names it there."""
    company_id = _new_id(submission_id)
    existing = m.read.company_with_business_id(project_id, normalise_business_id(business_id))
    if existing is not None and existing != company_id:
        raise DomainError("business_id_taken", existing)
    loaded = m.streams.load(COMPANIES, company_id)
    if loaded.state is not None and submission_id:
        return Done(company_id, duplicate=True)
    command = RegisterCompany(
        company_id=company_id,
        project_id=project_id,
        business_id=business_id,
        trade_name=trade_name,
        industry=industry,
        municipality=municipality,
        size_class=size_class,
        registered_on=registered_on or m.today(),
        coach_id=actor,
    )
    events = companies.decide(loaded.state, command)
    duplicate = m.streams.append(
        COMPANIES,
        company_id,
        loaded.version,
        events,
        _context(project_id, actor),
        submission_id=submission_id,
    )
    return _done(m, company_id, duplicate)


def _company(m: Matching, project_id: str, company_id: str) -> companies.Company:
    loaded = m.streams.load(COMPANIES, company_id)
    if loaded.state is None or loaded.state.project_id != project_id:
        raise DomainError("company_not_found")
    return loaded.state


def _on_company(
    m: Matching,
    project_id: str,
    company_id: str,
    decide: Callable[[companies.Company], Sequence[object]],
    actor: str,
    done_id: str,
    submission_id: str | None = None,
) -> Done:
    loaded = m.streams.load(COMPANIES, company_id)
    if loaded.state is None or loaded.state.project_id != project_id:
        raise DomainError("company_not_found")
    events = decide(loaded.state)
    duplicate = m.streams.append(
        COMPANIES,
        company_id,
        loaded.version,
        events,
        _context(project_id, actor),
        submission_id=submission_id,
    )
    return _done(m, done_id, duplicate)


def add_contact_person(
    m: Matching,
    *,
    project_id: str,
    company_id: str,
    full_name: str,
    job_title: str = "",
    phone: str = "",
    email: str = "",
    actor: str,
    submission_id: str | None = None,
) -> Done:
    """The person's details go to the contact-person table; the event carries the id only."""
    _company(m, project_id, company_id)
    if not full_name.strip():
        raise DomainError("contact_name_required")
    contact_id = _new_id(submission_id)
    m.contacts.save(
        ContactPerson(
            contact_id=contact_id,
            company_id=company_id,
            project_id=project_id,
            full_name=full_name.strip(),
            job_title=job_title.strip(),
            phone=phone.strip(),
            email=email.strip(),
        )
    )
    command = AddContactPerson(company_id=company_id, contact_id=contact_id, added_on=m.today())
    return _on_company(
        m, project_id, company_id, lambda s: companies.decide(s, command), actor, contact_id
    )


def record_contact(
    m: Matching,
    *,
    project_id: str,
    company_id: str,
    kind: ContactKind,
    contacted_on: date,
    contact_id: str | None = None,
    actor: str,
    submission_id: str | None = None,
) -> Done:
    """A visit, call, event or e-mail with the company, by the signed-in coach."""
    log_id = _new_id(submission_id)
    command = RecordContact(
        company_id=company_id,
        contact_log_id=log_id,
        contact_id=contact_id or None,
        kind=kind,
        coach_id=actor,
        contacted_on=contacted_on,
    )
    return _on_company(
        m,
        project_id,
        company_id,
        lambda s: companies.decide(s, command),
        actor,
        log_id,
        submission_id,
    )


def record_relation(
    m: Matching,
    *,
    project_id: str,
    company_id: str,
    relation: CompanyRelation,
    since: date,
    actor: str,
) -> Done:
    command = RecordRelation(company_id=company_id, relation=relation, since=since)
    return _on_company(
        m, project_id, company_id, lambda s: companies.decide(s, command), actor, company_id
    )


def record_need(
    m: Matching,
    *,
    project_id: str,
    company_id: str,
    need: CompanyNeed,
    occupation_code: str | None,
    headcount: int | None,
    recorded_on: date,
    actor: str,
    submission_id: str | None = None,
) -> Done:
    need_id = _new_id(submission_id)
    command = RecordNeed(
        company_id=company_id,
        need_id=need_id,
        need=need,
        occupation_code=occupation_code or None,
        headcount=headcount,
        recorded_on=recorded_on,
    )
    return _on_company(
        m,
        project_id,
        company_id,
        lambda s: companies.decide(s, command),
        actor,
        need_id,
        submission_id,
    )


# Leads ---------------------------------------------------------------------------------


def record_lead(
    m: Matching,
    *,
    project_id: str,
    company_id: str,
    kind: LeadKind,
    occupation_code: str,
    municipality: str,
    working_time: WorkingTime,
    found_on: date,
    actor: str,
    occupation_label: str = "",
    esco_code: str | None = None,
    starts_on: date | None = None,
    wage_subsidy_eligible: bool = False,
    required_skills: Sequence[str] = (),
    required_languages: Sequence[str] = (),
    driving_licence_required: bool = False,
    submission_id: str | None = None,
) -> Done:
    lead_id = _new_id(submission_id)
    loaded = m.streams.load(LEADS, lead_id)
    if loaded.state is not None and submission_id:
        return Done(lead_id, duplicate=True)
    company = m.read.company(project_id, company_id)
    command = RecordLead(
        lead_id=lead_id,
        company_id=company_id,
        project_id=project_id,
        kind=kind,
        occupation_code=occupation_code,
        occupation_label=occupation_label,
        esco_code=esco_code,
        municipality=municipality,
        working_time=working_time,
        found_on=found_on,
        starts_on=starts_on,
        wage_subsidy_eligible=wage_subsidy_eligible,
        required_skills=tuple(required_skills),
        required_languages=tuple(required_languages),
        coach_id=actor,
        driving_licence_required=driving_licence_required,
    )
    events = leads.decide(loaded.state, command, company_known=company is not None)
    duplicate = m.streams.append(
        LEADS,
        lead_id,
        loaded.version,
        events,
        _context(project_id, actor),
        submission_id=submission_id,
    )
    return _done(m, lead_id, duplicate)


def change_lead_status(
    m: Matching, *, project_id: str, lead_id: str, status: LeadStatus, changed_on: date, actor: str
) -> Done:
    loaded = m.streams.load(LEADS, lead_id)
    if loaded.state is None or loaded.state.project_id != project_id:
        raise DomainError("lead_not_found")
    command = ChangeLeadStatus(lead_id=lead_id, status=status, changed_on=changed_on)
    events = leads.decide(loaded.state, command)
    duplicate = m.streams.append(
        LEADS, lead_id, loaded.version, events, _context(project_id, actor)
    )
    return _done(m, lead_id, duplicate)


# Job profiles --------------------------------------------------------------------------


def update_job_profile(
    m: Matching,
    *,
    project_id: str,
    client_id: str,
    target_occupations: Sequence[str],
    skills: Sequence[str],
    languages: Sequence[str],
    municipalities: Sequence[str],
    working_time: WorkingTimePreference,
    driving_licence: bool,
    matching_consent: bool,
    actor: str,
) -> Done:
    """The coach's view of what the client looks for; the whole profile each time."""
    standing = m.read.client(project_id, client_id)
    command = UpdateJobProfile(
        client_id=client_id,
        project_id=project_id,
        target_occupations=tuple(target_occupations),
        skills=tuple(skills),
        languages=tuple(languages),
        municipalities=tuple(municipalities),
        working_time=working_time,
        driving_licence=driving_licence,
        matching_consent=matching_consent,
        updated_on=m.today(),
        coach_id=actor,
    )
    event = decide_profile(command, client_known=standing is not None)
    version = m.streams.load(PROFILES, client_id).version
    duplicate = m.streams.append(PROFILES, client_id, version, [event], _context(project_id, actor))
    return _done(m, client_id, duplicate)


# Referrals and placements --------------------------------------------------------------


def refer_client(
    m: Matching,
    *,
    project_id: str,
    client_id: str,
    lead_id: str,
    referred_on: date,
    actor: str,
    submission_id: str | None = None,
) -> Done:
    """Propose a client for a lead: the client must be active and have agreed to it."""
    referral_id = _new_id(submission_id)
    loaded = m.streams.load(REFERRALS, referral_id)
    if loaded.state is not None and submission_id:
        return Done(referral_id, duplicate=True)
    lead = m.read.lead(project_id, lead_id)
    standing = m.read.client(project_id, client_id)
    profile = m.read.profile(project_id, client_id)
    earlier = m.read.referrals(project_id, lead_id=lead_id, client_id=client_id)
    facts = Facts(
        client_active=standing is not None and standing.active,
        client_consenting=bool(
            standing and standing.consent_given and profile and profile.matching_consent
        ),
        lead_company_id=lead.company_id if lead else None,
        lead_available=lead is not None and lead.status.is_available,
        already_referred=bool(earlier),
    )
    command = ReferClient(
        referral_id=referral_id,
        client_id=client_id,
        lead_id=lead_id,
        company_id=lead.company_id if lead else "",
        project_id=project_id,
        referred_on=referred_on,
        coach_id=actor,
    )
    events = referrals.decide_referral(loaded.state, command, facts)
    duplicate = m.streams.append(
        REFERRALS,
        referral_id,
        loaded.version,
        events,
        _context(project_id, actor),
        submission_id=submission_id,
    )
    return _done(m, referral_id, duplicate)


def answer_referral(
    m: Matching,
    *,
    project_id: str,
    referral_id: str,
    answer: ReferralAnswer,
    reason: AnswerReason,
    answered_on: date,
    actor: str,
) -> Done:
    """Record the company's answer and its reason code."""
    loaded = m.streams.load(REFERRALS, referral_id)
    if loaded.state is None or loaded.state.project_id != project_id:
        raise DomainError("referral_not_found")
    command = AnswerReferral(
        referral_id=referral_id, answer=answer, reason=reason, answered_on=answered_on
    )
    events = referrals.decide_referral(loaded.state, command)
    duplicate = m.streams.append(
        REFERRALS, referral_id, loaded.version, events, _context(project_id, actor)
    )
    return _done(m, referral_id, duplicate)


def start_placement(
    m: Matching,
    *,
    project_id: str,
    client_id: str,
    company_id: str,
    placement_type: PlacementType,
    starts_on: date,
    ends_on: date | None,
    actor: str,
    lead_id: str | None = None,
    referral_id: str | None = None,
    submission_id: str | None = None,
) -> Done:
    """A placement with a company: a job, an apprenticeship, a work trial, and so on."""
    placement_id = _new_id(submission_id)
    loaded = m.streams.load(PLACEMENTS, placement_id)
    if loaded.state is not None and submission_id:
        return Done(placement_id, duplicate=True)
    if referral_id:
        referral = m.read.referral(project_id, referral_id)
        if referral is None or referral.client_id != client_id:
            raise DomainError("referral_not_found")
        lead_id = lead_id or referral.lead_id
    standing = m.read.client(project_id, client_id)
    lead = m.read.lead(project_id, lead_id) if lead_id else None
    facts = Facts(
        client_active=standing is not None and standing.active,
        company_known=m.read.company(project_id, company_id) is not None,
        lead_company_id=lead.company_id if lead else None,
    )
    command = StartPlacement(
        placement_id=placement_id,
        client_id=client_id,
        company_id=company_id,
        project_id=project_id,
        lead_id=lead_id or None,
        referral_id=referral_id or None,
        placement_type=placement_type,
        starts_on=starts_on,
        ends_on=ends_on,
        coach_id=actor,
    )
    event = referrals.decide_placement(loaded.state is not None, command, facts)
    duplicate = m.streams.append(
        PLACEMENTS,
        placement_id,
        loaded.version,
        [event],
        _context(project_id, actor),
        submission_id=submission_id,
    )
    return _done(m, placement_id, duplicate)
