"""Intake's rules in its handlers, whichever edge sends the command: who coaches a client,
who may enrol outside the target group, who registers a project."""

from __future__ import annotations

from datetime import date

import pytest

from services.intake.domain.commands import AssignCoach, ExitClient
from services.intake.domain.esf import ExitStatus
from services.intake.domain.events import ProjectPlan
from services.intake.domain.project import RegisterProject
from services.intake.domain.target_group import TargetGroupRule
from services.intake.service_layer.enrolment import EnrolmentAccepted
from shared.refusal import Refusal
from tests.unit.intake.fakes import PROJECT, Intake, a_person, an_intake, as_

STAFF = {
    (PROJECT, "coach"): ["kaisa", "mikko"],
    (PROJECT, "project_manager"): ["paivi"],
    ("S99999", "coach"): ["olli"],
}
KAISA = as_("kaisa", "coach")


@pytest.fixture
def intake() -> Intake:
    return an_intake(STAFF)


def an_exit(client_id: str) -> ExitClient:
    return ExitClient(
        client_id=client_id, exit_date=date(2026, 11, 20), exit_status=ExitStatus.UNKNOWN
    )


def refused(intake: Intake, command: object, context: object = KAISA) -> str:
    with pytest.raises(Refusal) as caught:
        intake.bus.handle(command, context)  # type: ignore[arg-type]
    return caught.value.code


def test_a_client_is_assigned_to_another_coach_of_the_project(intake: Intake) -> None:
    client = intake.bus.handle(a_person(), KAISA).id
    accepted = intake.bus.handle(AssignCoach(client_id=client, coach_id="mikko"), KAISA)

    assert (accepted.id, accepted.recorded) == (client, 1)
    assert intake.types() == ["intake.client_enrolled", "intake.coach_assigned"]


@pytest.mark.parametrize("coach", ["paivi", "olli", "nobody"])
def test_a_coach_who_is_not_a_coach_of_the_project_is_refused(intake: Intake, coach: str) -> None:
    client = intake.bus.handle(a_person(), KAISA).id

    assert refused(intake, AssignCoach(client_id=client, coach_id=coach)) == "coach_not_in_project"
    assert refused(intake, a_person(coach_id=coach, identity_code="010190-123M")) == (
        "coach_not_in_project"
    )
    assert intake.types() == ["intake.client_enrolled"]


def test_only_a_project_manager_enrols_outside_the_target_group(intake: Intake) -> None:
    young = a_person(identity_code=None, birth_date=date(1990, 1, 1), override_reason="help")

    assert refused(intake, young) == "override_not_allowed"
    accepted = intake.bus.handle(young, as_("paivi", "project_manager"))
    assert accepted.recorded == 2
    assert intake.types() == ["intake.client_enrolled", "intake.target_group_rule_overridden"]
    overridden = list(intake.log.read_all())[-1]
    assert overridden.payload["approved_by"] == "paivi"


def test_a_form_submitted_twice_enrols_once_and_a_return_re_enters(intake: Intake) -> None:
    first = intake.bus.handle(a_person(), as_("kaisa", "coach", sid="f-1"))
    again = intake.bus.handle(a_person(), as_("kaisa", "coach", sid="f-1"))
    exit_ = ExitClient(
        client_id=first.id, exit_date=date(2026, 11, 20), exit_status=ExitStatus.UNKNOWN
    )
    intake.bus.handle(exit_, KAISA)
    back = intake.bus.handle(a_person(entry_date=date(2026, 11, 23)), KAISA)

    assert again == EnrolmentAccepted(first.id, duplicate=True, re_entry=False)
    assert isinstance(back, EnrolmentAccepted) and back.re_entry and back.id == first.id
    assert intake.types() == [
        "intake.client_enrolled",
        "intake.client_exited",
        "intake.client_re_entered",
    ]


def test_an_auditor_writes_nothing_and_another_project_finds_no_client(intake: Intake) -> None:
    client = intake.bus.handle(a_person(), KAISA).id
    exit_ = ExitClient(
        client_id=client, exit_date=date(2026, 11, 20), exit_status=ExitStatus.UNKNOWN
    )

    assert refused(intake, exit_, as_("aune", "auditor")) == "forbidden"
    assert refused(intake, exit_, as_("olli", "coach", project_id="S99999")) == "client_not_found"


def test_only_an_admin_registers_a_project(intake: Intake) -> None:
    plan = ProjectPlan(
        name="DuuniPolku", municipalities=("Oulu",), starts_on=date(2020, 1, 1),
        ends_on=date(2022, 12, 31), target_group=TargetGroupRule(), planned_participants=120,
        planned_companies=40,
    )  # fmt: skip

    assert refused(intake, RegisterProject(project_id="S99999", plan=plan)) == "admin_required"
    accepted = intake.bus.handle(RegisterProject(project_id="S99999", plan=plan), as_("a", "admin"))
    assert (accepted.id, accepted.recorded) == ("S99999", 1)
