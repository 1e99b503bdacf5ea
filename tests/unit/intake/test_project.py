"""The Project aggregate: registering a tenant and amending its plan, given/when/then."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

import pytest

from services.intake.domain.errors import DomainError
from services.intake.domain.events import (
    FundingShare,
    ProjectPlan,
    ProjectPlanChanged,
    ProjectRegistered,
)
from services.intake.domain.project import (
    ChangeProjectPlan,
    RegisterProject,
    decide_project,
    rebuild_project,
)
from services.intake.domain.target_group import TargetGroupRule


def a_plan(**changes: Any) -> ProjectPlan:
    plan = ProjectPlan(
        name="DuuniAgentti",
        municipalities=("Lohja", "Vihti", "Raasepori", "Hanko", "Karkkila"),
        starts_on=date(2017, 8, 1),
        ends_on=date(2019, 7, 31),
        target_group=TargetGroupRule(min_age=50),
        planned_participants=500,
        planned_companies=220,
        funding=(FundingShare(source="esf", percent=75), FundingShare(source="state", percent=25)),
    )
    return dataclasses.replace(plan, **changes)


def registered(**changes: Any) -> ProjectRegistered:
    return ProjectRegistered(project_id="S21048", plan=a_plan(**changes))


def test_registering_a_new_project_records_its_plan() -> None:
    assert decide_project(None, RegisterProject(project_id="S21048", plan=a_plan())) == [
        registered()
    ]


def test_a_code_is_registered_once() -> None:
    state = rebuild_project([registered()])

    with pytest.raises(DomainError, match="project_exists"):
        decide_project(state, RegisterProject(project_id="S21048", plan=a_plan()))


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"name": " "}, "project_name_required"),
        ({"municipalities": ()}, "project_municipality_required"),
        ({"ends_on": date(2017, 7, 31)}, "project_ends_before_start"),
        ({"planned_participants": -1}, "negative_target"),
        ({"target_group": TargetGroupRule(min_age=60, max_age=50)}, "age_bounds_reversed"),
        ({"funding": (FundingShare(source="esf", percent=80),)}, "funding_shares_must_total_100"),
    ],
)
def test_a_plan_that_contradicts_itself_is_refused(changes: dict[str, Any], code: str) -> None:
    with pytest.raises(DomainError, match=code):
        decide_project(None, RegisterProject(project_id="S21048", plan=a_plan(**changes)))


def test_a_code_with_spaces_or_slashes_is_refused() -> None:
    with pytest.raises(DomainError, match="invalid_project_code"):
        decide_project(None, RegisterProject(project_id="S 21/048", plan=a_plan()))


def test_amending_the_plan_records_what_changed_and_why() -> None:
    state = rebuild_project([registered()])
    command = ChangeProjectPlan(
        project_id="S21048",
        plan=a_plan(planned_participants=450),
        reason="amended decision",
        reason_code="funder_decision",
        reason_id="r-1",
    )

    assert decide_project(state, command) == [
        ProjectPlanChanged(
            project_id="S21048",
            plan=a_plan(planned_participants=450),
            changed_fields=("planned_participants",),
            reason_code="funder_decision",
            reason_id="r-1",
        )
    ]


def test_an_amendment_needs_a_reason_and_an_unchanged_plan_records_nothing() -> None:
    state = rebuild_project([registered()])

    with pytest.raises(DomainError, match="change_reason_required"):
        decide_project(state, ChangeProjectPlan(project_id="S21048", plan=a_plan(), reason=""))
    assert (
        decide_project(state, ChangeProjectPlan(project_id="S21048", plan=a_plan(), reason="x"))
        == []
    )


def test_the_latest_plan_is_the_project_state() -> None:
    amended = ProjectPlanChanged(
        project_id="S21048",
        plan=a_plan(name="DuuniAgentti II"),
        changed_fields=("name",),
        reason_code="funder_decision",
    )

    state = rebuild_project([registered(), amended])

    assert state is not None and state.plan.name == "DuuniAgentti II"
