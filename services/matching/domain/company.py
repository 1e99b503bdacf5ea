"""The Company aggregate: registration, contact persons, the contact log, relation, needs.

One stream per company. ``decide`` checks a command against the state folded from the
stream and returns the events; ``evolve`` folds one event. The state before the first
event is ``None``.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from functools import reduce

from services.matching.domain.business_id import normalise_business_id
from services.matching.domain.commands import (
    AddContactPerson,
    CompanyCommand,
    RecordContact,
    RecordNeed,
    RecordRelation,
    RegisterCompany,
    SetCompanySector,
)
from services.matching.domain.errors import DomainError
from services.matching.domain.events import (
    CompanyContacted,
    CompanyEvent,
    CompanyNeedRecorded,
    CompanyRegistered,
    CompanyRelationRecorded,
    CompanySectorSet,
    ContactPersonAdded,
)
from services.matching.domain.occupations import check_isco
from services.matching.domain.vocabulary import CompanyRelation, EmployerSector
from shared.shapes import like

MAX_NOTE_LENGTH = 4000
"""What was discussed at a contact, at most this many characters (about a page)."""

_TOL_2008 = re.compile(r"^([A-U]|\d{2,5})$")
"""A TOL 2008 section letter, or a division, group, class or subclass code."""


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class Company:
    company_id: str
    project_id: str
    business_id: str
    contacts: frozenset[str] = frozenset()
    relation: CompanyRelation | None = None
    contacted: int = 0
    sector: EmployerSector = EmployerSector.PRIVATE


def decide(state: Company | None, command: CompanyCommand) -> list[CompanyEvent]:
    if isinstance(command, RegisterCompany):
        return [_register(state, command)]
    if state is None:
        raise DomainError("company_not_found")
    match command:
        case AddContactPerson():
            if command.contact_id in state.contacts:
                return []
            return [like(ContactPersonAdded, command, **_of(state))]
        case RecordContact():
            if command.contact_id is not None and command.contact_id not in state.contacts:
                raise DomainError("contact_not_found")
            return [like(CompanyContacted, command, **_of(state))]
        case RecordRelation():
            return _relation(state, command)
        case RecordNeed():
            return [_need(state, command)]
        case SetCompanySector():
            if command.sector is state.sector:
                return []
            return [like(CompanySectorSet, command, **_of(state))]


def _of(state: Company) -> dict[str, str]:
    """What every later event of a company says of it: the company and its project, as
    registered (not as a command names them)."""
    return {"company_id": state.company_id, "project_id": state.project_id}


def _register(state: Company | None, command: RegisterCompany) -> CompanyRegistered:
    if state is not None:
        raise DomainError("company_already_registered")
    business_id = normalise_business_id(command.business_id)
    if not command.trade_name.strip():
        raise DomainError("trade_name_required")
    if not _TOL_2008.match(command.industry.strip().upper()):
        raise DomainError("invalid_industry")
    if not command.municipality.strip():
        raise DomainError("municipality_required")
    return like(
        CompanyRegistered, command, business_id=business_id,
        trade_name=command.trade_name.strip(), industry=command.industry.strip().upper(),
        municipality=command.municipality.strip(),
    )  # fmt: skip


def _relation(state: Company, command: RecordRelation) -> list[CompanyEvent]:
    if state.relation is command.relation:
        return []
    if state.relation is CompanyRelation.SUPPORTED:
        # Direct support is the stronger tie: a supported company also cooperates.
        raise DomainError("company_already_supported")
    return [like(CompanyRelationRecorded, command, **_of(state))]


def _need(state: Company, command: RecordNeed) -> CompanyNeedRecorded:
    code = check_isco(command.occupation_code) if command.occupation_code else None
    if command.headcount is not None and command.headcount < 1:
        raise DomainError("invalid_headcount")
    return like(CompanyNeedRecorded, command, occupation_code=code, **_of(state))


def evolve(state: Company | None, event: CompanyEvent) -> Company | None:
    if isinstance(event, CompanyRegistered):
        return like(Company, event)
    if state is None:
        return None
    match event:
        case ContactPersonAdded():
            return dataclasses.replace(state, contacts=state.contacts | {event.contact_id})
        case CompanyContacted():
            return dataclasses.replace(state, contacted=state.contacted + 1)
        case CompanyRelationRecorded():
            return dataclasses.replace(state, relation=event.relation)
        case CompanyNeedRecorded():
            return state
        case CompanySectorSet():
            return dataclasses.replace(state, sector=event.sector)


def rebuild(events: Iterable[CompanyEvent]) -> Company | None:
    return reduce(evolve, events, None)
