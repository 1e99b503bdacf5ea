"""Companies: registration, contact persons, the contact log, relation and needs."""

from __future__ import annotations

from datetime import date

import pytest

from services.matching.domain.commands import (
    AddContactPerson,
    RecordContact,
    RecordNeed,
    RecordRelation,
)
from services.matching.domain.company import decide, evolve
from services.matching.domain.errors import DomainError
from services.matching.domain.events import (
    CompanyContacted,
    CompanyRegistered,
    CompanyRelationRecorded,
    ContactPersonAdded,
)
from services.matching.domain.vocabulary import CompanyNeed, CompanyRelation, ContactKind
from tests.unit.matching.builders import COACH, register, registered_company


def test_registering_a_company_normalises_its_business_id_and_industry() -> None:
    [event] = decide(None, register(business_id=" 112038-9", industry="c"))
    assert isinstance(event, CompanyRegistered)
    assert event.business_id == "0112038-9"
    assert event.industry == "C"


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"business_id": "0112038-1"}, "invalid_business_id"),
        ({"trade_name": "  "}, "trade_name_required"),
        ({"industry": "Z9"}, "invalid_industry"),
        ({"municipality": ""}, "municipality_required"),
    ],
)
def test_registration_is_refused_on_bad_data(changes: dict[str, str], code: str) -> None:
    with pytest.raises(DomainError) as refused:
        decide(None, register(**changes))
    assert refused.value.code == code


def test_a_company_is_registered_once() -> None:
    state, _ = registered_company()
    with pytest.raises(DomainError, match="company_already_registered"):
        decide(state, register())


def test_a_contact_log_entry_may_name_a_known_contact_person_only() -> None:
    state, _ = registered_company()
    visit = RecordContact(
        company_id=state.company_id,
        contact_log_id="log-1",
        contact_id="contact-1",
        kind=ContactKind.VISIT,
        coach_id=COACH,
        contacted_on=date(2026, 11, 3),
    )
    with pytest.raises(DomainError, match="contact_not_found"):
        decide(state, visit)
    added = decide(
        state,
        AddContactPerson(
            company_id=state.company_id,
            contact_id="contact-1",
            added_on=date(2026, 11, 3),
            full_name="Maija Meikäläinen",
        ),
    )
    assert isinstance(added[0], ContactPersonAdded)
    state = evolve(state, added[0])
    [contacted] = decide(state, visit)
    assert isinstance(contacted, CompanyContacted)
    assert contacted.contact_id == "contact-1"
    assert contacted.kind is ContactKind.VISIT


def test_adding_the_same_contact_person_twice_records_nothing_more() -> None:
    state, _ = registered_company()
    add = AddContactPerson(
        company_id=state.company_id, contact_id="c", added_on=date(2026, 11, 3), full_name="M"
    )
    state = evolve(state, decide(state, add)[0])
    assert decide(state, add) == []


def test_a_supported_company_stays_supported() -> None:
    state, _ = registered_company()
    supported = RecordRelation(
        company_id=state.company_id, relation=CompanyRelation.SUPPORTED, since=date(2026, 11, 3)
    )
    [event] = decide(state, supported)
    assert isinstance(event, CompanyRelationRecorded)
    state = evolve(state, event)
    assert decide(state, supported) == []
    cooperating = RecordRelation(
        company_id=state.company_id, relation=CompanyRelation.COOPERATING, since=date(2026, 11, 4)
    )
    with pytest.raises(DomainError, match="company_already_supported"):
        decide(state, cooperating)


def test_a_need_names_a_valid_occupation_and_a_positive_headcount() -> None:
    state, _ = registered_company()

    def need(code: str | None, headcount: int | None) -> RecordNeed:
        return RecordNeed(
            company_id=state.company_id,
            need_id="n",
            need=CompanyNeed.RECRUITMENT,
            occupation_code=code,
            headcount=headcount,
            recorded_on=date(2026, 11, 3),
        )

    assert decide(state, need("5120", 2))
    with pytest.raises(DomainError, match="invalid_occupation_code"):
        decide(state, need("51", 2))
    with pytest.raises(DomainError, match="invalid_headcount"):
        decide(state, need(None, 0))


def test_commands_on_an_unregistered_company_are_refused() -> None:
    relation = RecordRelation(
        company_id="nope", relation=CompanyRelation.COOPERATING, since=date(2026, 11, 3)
    )
    with pytest.raises(DomainError, match="company_not_found"):
        decide(None, relation)
