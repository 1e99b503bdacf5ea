"""Job leads: recording one, and its lifecycle found -> open -> filled/closed/expired."""

from __future__ import annotations

from datetime import date

import pytest

from services.matching.domain.commands import ChangeLeadStatus
from services.matching.domain.errors import DomainError
from services.matching.domain.events import JobLeadFound, JobLeadStatusChanged
from services.matching.domain.lead import decide, rebuild
from services.matching.domain.vocabulary import LeadStatus
from tests.unit.matching.builders import record_lead


def test_a_recorded_lead_carries_normalised_skills_and_the_table_label() -> None:
    [event] = decide(None, record_lead(required_skills=("Dough  Making", "dough making", " ")))
    assert isinstance(event, JobLeadFound)
    assert event.required_skills == ("dough making",)
    assert event.occupation_label == "Bakers, pastry-cooks and confectionery makers"


def test_a_lead_of_an_unknown_company_is_refused() -> None:
    with pytest.raises(DomainError, match="company_not_found"):
        decide(None, record_lead(), company_known=False)


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"occupation_code": "75"}, "invalid_occupation_code"),
        ({"occupation_code": "0000"}, "invalid_occupation_code"),
        ({"occupation_code": "７５１２"}, "invalid_occupation_code"),  # full-width digits
        ({"municipality": " "}, "municipality_required"),
        ({"starts_on": date(2026, 11, 1)}, "start_before_found"),
        ({"required_languages": ("finnish",)}, "invalid_language_code"),
    ],
)
def test_a_lead_with_bad_data_is_refused(changes: dict[str, object], code: str) -> None:
    with pytest.raises(DomainError) as refused:
        decide(None, record_lead(**changes))
    assert refused.value.code == code


def _status(status: LeadStatus, day: int = 10) -> ChangeLeadStatus:
    return ChangeLeadStatus(lead_id="lead-1", status=status, changed_on=date(2026, 11, day))


def test_a_found_lead_opens_and_then_is_filled() -> None:
    events = list(decide(None, record_lead()))
    events += decide(rebuild(events), _status(LeadStatus.OPEN))
    events += decide(rebuild(events), _status(LeadStatus.FILLED))
    state = rebuild(events)
    assert state is not None and state.status is LeadStatus.FILLED
    assert [type(e) for e in events[1:]] == [JobLeadStatusChanged, JobLeadStatusChanged]


@pytest.mark.parametrize("final", [LeadStatus.FILLED, LeadStatus.CLOSED, LeadStatus.EXPIRED])
def test_a_final_status_is_final(final: LeadStatus) -> None:
    events = list(decide(None, record_lead()))
    events += decide(rebuild(events), _status(final))
    with pytest.raises(DomainError, match="invalid_status_change"):
        decide(rebuild(events), _status(LeadStatus.OPEN))


def test_the_same_status_twice_records_nothing() -> None:
    events = list(decide(None, record_lead()))
    events += decide(rebuild(events), _status(LeadStatus.OPEN))
    assert decide(rebuild(events), _status(LeadStatus.OPEN)) == []


def test_a_status_cannot_change_before_the_lead_was_found() -> None:
    state = rebuild(decide(None, record_lead()))
    with pytest.raises(DomainError, match="status_change_before_found"):
        decide(state, _status(LeadStatus.OPEN, day=1))


def test_a_lead_needing_a_driving_licence_lists_it_among_its_skills() -> None:
    [event] = decide(None, record_lead(driving_licence_required=True))
    assert isinstance(event, JobLeadFound)
    assert "driving_licence" in event.required_skills
