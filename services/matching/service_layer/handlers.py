"""MatchingDeps's handlers: one small function per thing a coach does (service layer).

Each checks the command against its ``CommandContext`` (the actor may write, the command
is of the context's project), gathers from the read model the facts the domain needs (is
the client active and consenting, is the lead still available), and lets the aggregate
decide within ``AggregateStreams.execute``: loaded, decided, appended with the version
read. An aggregate of another project answers ``*_not_found``, as if it did not exist.
The bus brings the read model up to date after each write.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from typing import Protocol, TypeVar

from services.matching.domain import company as companies
from services.matching.domain import lead as leads
from services.matching.domain import referral as referrals
from services.matching.domain.business_id import normalise_business_id
from services.matching.domain.commands import (
    AddContactPerson,
    AnswerReferral,
    ChangeLeadStatus,
    CompanyCommand,
    PlaceReferral,
    RecordContact,
    RecordLead,
    RecordNeed,
    RecordRelation,
    ReferClient,
    RegisterCompany,
    SetCompanySector,
    StartPlacement,
    UpdateJobProfile,
)
from services.matching.domain.company import MAX_NOTE_LENGTH
from services.matching.domain.errors import DomainError
from services.matching.domain.presentation import presentable
from services.matching.domain.profile import decide_profile
from services.matching.domain.referral import Facts
from services.matching.service_layer.dependencies import (
    COMPANIES,
    LEADS,
    PLACEMENTS,
    PROFILES,
    REFERRALS,
    MatchingDeps,
)
from services.matching.service_layer.streams import Aggregate
from services.matching.service_layer.views import ContactNote, ContactPerson
from shared.business_dates import PLANNED_AHEAD, DateRange
from shared.messagebus import Accepted, CommandContext
from shared.shapes import like


def _allowed(context: CommandContext, project_id: str | None = None) -> None:
    """Only writers of the context's project record anything, and only in that project."""
    if not context.may_write():
        raise DomainError("forbidden")
    if project_id is not None and project_id != context.project_id:
        raise DomainError("project_not_found")


class _OfProject(Protocol):
    """An aggregate's state: each names the project it belongs to."""

    @property
    def project_id(self) -> str: ...


S = TypeVar("S", bound=_OfProject)


def _in_project(state: S | None, context: CommandContext, missing: str) -> S:
    """The aggregate, if it is of the context's project; none, or one of another project,
    is refused as ``missing``, as if it did not exist."""
    if state is None or state.project_id != context.project_id:
        raise DomainError(missing)
    return state


def _on_existing(
    m: MatchingDeps,
    aggregate: Aggregate[S],
    aggregate_id: str,
    missing: str,
    decide: Callable[[S], Sequence[object]],
    context: CommandContext,
) -> Accepted:
    """A command on an aggregate already in the log: a writer's, on one of the context's
    project (none there is refused as ``missing``). Many coaches write about one company,
    lead or referral, and its decisions are the domain's alone: a concurrent write is met
    by deciding again on what it left (``AggregateStreams.execute``'s ``attempts``)."""
    _allowed(context)
    return m.streams.execute(
        aggregate,
        aggregate_id,
        lambda state: decide(_in_project(state, context, missing)),
        context,
        attempts=CONCURRENT_ATTEMPTS,
    )


CONCURRENT_ATTEMPTS = 3
"""Tries of a command on a company, lead or referral that other writes keep overtaking."""


# Companies -----------------------------------------------------------------------------


def register_company(
    m: MatchingDeps, command: RegisterCompany, context: CommandContext
) -> Accepted:
    """Register a company once per project: its Business ID names it there."""
    _allowed(context, command.project_id)
    business_id = normalise_business_id(command.business_id)
    existing = m.read.company_with_business_id(context.project_id, business_id)
    if existing is not None and existing != command.company_id:
        raise DomainError("business_id_taken", existing)
    return m.create(
        COMPANIES, command.company_id, lambda state: companies.decide(state, command), context
    )


def _on_company(
    m: MatchingDeps, command: CompanyCommand, context: CommandContext, answer_id: str
) -> Accepted:
    """A command on a company of the context's project; ``answer_id`` names what it made."""
    accepted = _on_existing(
        m,
        COMPANIES,
        command.company_id,
        "company_not_found",
        lambda company: companies.decide(company, command),
        context,
    )
    return dataclasses.replace(accepted, id=answer_id)


def add_contact_person(
    m: MatchingDeps, command: AddContactPerson, context: CommandContext
) -> Accepted:
    """The person's details go to the contact-person table; the event carries the id only."""
    _allowed(context)
    _in_project(m.streams.load(COMPANIES, command.company_id).state, context, "company_not_found")
    if not command.full_name.strip():
        raise DomainError("contact_name_required")
    person = ContactPerson(
        contact_id=command.contact_id,
        company_id=command.company_id,
        project_id=context.project_id,
        full_name=command.full_name.strip(),
        job_title=command.job_title.strip(),
        phone=command.phone.strip(),
        email=command.email.strip(),
    )
    m.contacts.save(person)
    return _on_company(m, command, context, command.contact_id)


def record_contact(m: MatchingDeps, command: RecordContact, context: CommandContext) -> Accepted:
    """A visit, call, event or e-mail with the company. What was discussed, and the maker's
    name, go to the contact-note table; the event carries the ids only. The maker is the
    actor, or someone who has made the project's contacts before."""
    _allowed(context)
    if len(command.note) > MAX_NOTE_LENGTH:
        raise DomainError("note_too_long")
    if command.coach_id != context.actor and command.coach_id not in m.contacts.makers(
        context.project_id
    ):
        raise DomainError("made_by_unknown")
    accepted = _on_company(m, command, context, command.contact_log_id)
    if command.note.strip() or command.made_by_name.strip():
        note = ContactNote(
            contact_log_id=command.contact_log_id,
            company_id=command.company_id,
            project_id=context.project_id,
            note=command.note.strip(),
            made_by_id=command.coach_id,
            made_by_name=command.made_by_name.strip(),
        )
        m.contacts.save_note(note)
    return accepted


def record_relation(m: MatchingDeps, command: RecordRelation, context: CommandContext) -> Accepted:
    return _on_company(m, command, context, command.company_id)


def record_need(m: MatchingDeps, command: RecordNeed, context: CommandContext) -> Accepted:
    return _on_company(m, command, context, command.need_id)


def set_company_sector(
    m: MatchingDeps, command: SetCompanySector, context: CommandContext
) -> Accepted:
    """Mark a company a public employer or the project's own organisation's unit."""
    return _on_company(m, command, context, command.company_id)


# Leads ---------------------------------------------------------------------------------


def record_lead(m: MatchingDeps, command: RecordLead, context: CommandContext) -> Accepted:
    """A job found at a company of the project."""
    _allowed(context, command.project_id)
    known = m.read.company(context.project_id, command.company_id) is not None
    return m.create(
        LEADS,
        command.lead_id,
        lambda state: leads.decide(state, command, company_known=known),
        context,
    )


def change_lead_status(
    m: MatchingDeps, command: ChangeLeadStatus, context: CommandContext
) -> Accepted:
    return _on_existing(
        m,
        LEADS,
        command.lead_id,
        "lead_not_found",
        lambda lead: leads.decide(lead, command),
        context,
    )


# Job profiles --------------------------------------------------------------------------


def update_job_profile(
    m: MatchingDeps, command: UpdateJobProfile, context: CommandContext
) -> Accepted:
    """The coach's view of what the client looks for; the whole profile each time."""
    _allowed(context, command.project_id)
    standing = m.read.client(context.project_id, command.client_id)
    event = decide_profile(command, client_known=standing is not None)
    return m.streams.execute(PROFILES, command.client_id, lambda _: [event], context)


# Referrals and placements --------------------------------------------------------------


def refer_client(m: MatchingDeps, command: ReferClient, context: CommandContext) -> Accepted:
    """Propose a client for a lead: the client must be active and have agreed to it."""
    _allowed(context, command.project_id)
    project_id = context.project_id
    lead = m.read.lead(project_id, command.lead_id)
    standing = m.read.client(project_id, command.client_id)
    profile = m.read.profile(project_id, command.client_id)
    earlier = m.read.referrals(project_id, lead_id=command.lead_id, client_id=command.client_id)
    facts = Facts(
        client_active=standing is not None and standing.active,
        client_consenting=bool(
            standing
            and profile
            and presentable(
                consent_given=standing.consent_given,
                employer_presentation=standing.employer_presentation,
                matching_consent=profile.matching_consent,
            )
        ),
        lead_company_id=lead.company_id if lead else None,
        lead_available=lead is not None and lead.status.is_available,
        already_referred=bool(earlier),
    )
    return m.create(
        REFERRALS,
        command.referral_id,
        lambda state: referrals.decide_referral(state, command, facts),
        context,
    )


def answer_referral(m: MatchingDeps, command: AnswerReferral, context: CommandContext) -> Accepted:
    """Record the company's answer and its reason code."""
    return _on_existing(
        m,
        REFERRALS,
        command.referral_id,
        "referral_not_found",
        lambda referral: referrals.decide_referral(referral, command),
        context,
    )


def start_placement(m: MatchingDeps, command: StartPlacement, context: CommandContext) -> Accepted:
    """A placement with a company: a job, an apprenticeship, a work trial, and so on; it
    may start a quarter ahead (a job agreed), not years away or long ago."""
    _allowed(context, command.project_id)
    DateRange.around(m.today(), ahead=PLANNED_AHEAD).check(command.starts_on, "starts_on")
    project_id = context.project_id
    lead_id = command.lead_id
    if command.referral_id:
        referral = m.read.referral(project_id, command.referral_id)
        if referral is None or referral.client_id != command.client_id:
            raise DomainError("referral_not_found")
        lead_id = lead_id or referral.lead_id
    standing = m.read.client(project_id, command.client_id)
    lead = m.read.lead(project_id, lead_id) if lead_id else None
    facts = Facts(
        client_active=standing is not None and standing.active,
        client_exited_on=standing.exited_on if standing else None,
        company_known=m.read.company(project_id, command.company_id) is not None,
        lead_company_id=lead.company_id if lead else None,
    )
    placement = dataclasses.replace(command, lead_id=lead_id)
    return m.create(
        PLACEMENTS,
        command.placement_id,
        lambda state: [referrals.decide_placement(state is not None, placement, facts)],
        context,
    )


def place_referral(m: MatchingDeps, command: PlaceReferral, context: CommandContext) -> Accepted:
    """A placement from a referral: with the referral's client, company and lead."""
    _allowed(context, command.project_id)
    referral = m.read.referral(context.project_id, command.referral_id)
    if referral is None:
        raise DomainError("referral_not_found")
    placement = like(
        StartPlacement,
        command,
        client_id=referral.client_id,
        company_id=referral.company_id,
        lead_id=referral.lead_id,
    )
    return start_placement(m, placement, context)


COMMAND_HANDLERS: Mapping[type, Callable[..., Accepted]] = {
    RegisterCompany: register_company,
    AddContactPerson: add_contact_person,
    RecordContact: record_contact,
    RecordRelation: record_relation,
    SetCompanySector: set_company_sector,
    RecordNeed: record_need,
    RecordLead: record_lead,
    ChangeLeadStatus: change_lead_status,
    UpdateJobProfile: update_job_profile,
    ReferClient: refer_client,
    AnswerReferral: answer_referral,
    StartPlacement: start_placement,
    PlaceReferral: place_referral,
}
