"""A company's employer sector: a company, another public employer, or a unit of the
project's own organisation, set at registration or marked later."""

from __future__ import annotations

from datetime import date

from services.matching.domain.commands import SetCompanySector
from services.matching.domain.company import decide, evolve
from services.matching.domain.contracts import matching_contracts
from services.matching.domain.events import CompanyRegistered, CompanySectorSet
from services.matching.domain.vocabulary import EmployerSector
from shared.events.codec import decode_event
from tests.unit.matching.builders import register, registered_company


def test_a_company_registers_as_private_unless_told_otherwise() -> None:
    [plain] = decide(None, register())
    [city] = decide(None, register(sector=EmployerSector.OWN_ORGANISATION))

    assert isinstance(plain, CompanyRegistered) and plain.sector is EmployerSector.PRIVATE
    assert isinstance(city, CompanyRegistered)
    assert evolve(None, city).sector is EmployerSector.OWN_ORGANISATION  # type: ignore[union-attr]


def test_marking_a_company_public_records_it_once() -> None:
    company, _ = registered_company()
    mark = SetCompanySector(company_id=company.company_id, sector=EmployerSector.PUBLIC,
                            set_on=date(2019, 1, 15))  # fmt: skip

    [event] = decide(company, mark)
    marked = evolve(company, event)

    assert isinstance(event, CompanySectorSet) and event.sector is EmployerSector.PUBLIC
    assert decide(marked, mark) == []


def test_an_event_from_before_sectors_reads_as_a_company() -> None:
    payload = {
        "company_id": "k1", "project_id": "S1", "business_id": "0112038-9",
        "trade_name": "Oy", "industry": "47110", "municipality": "Oulu",
        "size_class": "small", "registered_on": "2019-01-01", "coach_id": "c",
    }  # fmt: skip

    event = decode_event(matching_contracts(), "matching.company_registered", 1, payload)

    assert event.sector is EmployerSector.PRIVATE
