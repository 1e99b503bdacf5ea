"""Employer forms by link, in the domain: what a proposal must hold, and what confirming
it records on the plan (the confirmation first, then the ordinary in-work events)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from services.coaching.domain import employer_forms as ef
from services.coaching.domain import in_work
from services.coaching.domain.employer_vocabulary import (
    Attainment,
    CompetenceArea,
    EmployerFollowOn,
    EmployerForm,
)
from services.coaching.domain.errors import DomainError
from services.coaching.domain.events import (
    EmployerFormConfirmed,
    EmployerFormSubmitted,
    InWorkCoachingEnded,
    InWorkGoalAgreed,
    InWorkGoalAssessed,
    WorkDemonstrationAssessed,
    WorkDemonstrationRecorded,
)
from services.coaching.domain.vocabulary import DemonstrationResult, FollowOn, GoalArea
from tests.unit.coaching.builders import CLIENT, COACH, PROJECT, active

STARTED = date(2026, 9, 1)
TODAY = STARTED + timedelta(40)
START = in_work.StartInWorkCoaching(
    plan_id="p1",
    client_id=CLIENT,
    company_id="company-1",
    project_id=PROJECT,
    coach_id=COACH,
    started_on=STARTED,
)
DEMO = ef.DemonstrationProposal(
    held_on=TODAY,
    tasks="Kassatyöt",
    result=DemonstrationResult.PASSED,
    scores=((CompetenceArea.WORK_TASKS, 4), (CompetenceArea.COOPERATION, 5)),
)


def plan_with(*commands: in_work.InWorkCommand) -> list[Any]:
    events: list[Any] = in_work.decide(None, START, active())
    for command in commands:
        events += in_work.decide(in_work.rebuild(events), command)
    return events


def sent(link_id: str, form: EmployerForm) -> in_work.SubmitEmployerForm:
    return in_work.SubmitEmployerForm(link_id=link_id, form=form, submitted_on=TODAY)


def confirm(events: list[Any], proposal: ef.Proposal, link_id: str = "l1") -> list[Any]:
    """Confirming as the handler does: each step decided on the state the last left."""
    state = in_work.rebuild(events)
    assert state is not None
    out: list[Any] = []
    for step in ef.steps(proposal, link_id=link_id, plan_id="p1", decided_on=TODAY, by=COACH):
        decided = in_work.decide(state, step.command)
        for event in decided:
            state = in_work.evolve(state, event)
        out += decided
    return out


def test_a_confirmed_demonstration_records_its_result_and_scores_after_the_confirmation() -> None:
    events = plan_with(sent("l1", EmployerForm.DEMONSTRATION))
    assert isinstance(events[-1], EmployerFormSubmitted)

    confirmed = confirm(events, DEMO)

    assert [type(e) for e in confirmed] == [
        EmployerFormConfirmed,
        WorkDemonstrationRecorded,
        WorkDemonstrationAssessed,
    ]
    first = confirmed[0]
    assert first.confirmed_by == COACH and first.link_id == "l1" and first.submitted_on == TODAY
    assert confirmed[1].result is DemonstrationResult.PASSED
    assert confirmed[2].work_tasks == 4 and confirmed[2].independence is None
    plan = in_work.rebuild(events + confirmed)
    assert plan is not None and plan.scores == (
        (CompetenceArea.WORK_TASKS, 4),
        (CompetenceArea.COOPERATION, 5),
    )


def test_a_form_is_confirmed_or_rejected_once_and_only_when_sent() -> None:
    events = plan_with(sent("l1", EmployerForm.DEMONSTRATION))
    with pytest.raises(DomainError, match="proposal_not_found"):
        confirm(events, DEMO, link_id="other")
    events += confirm(events, DEMO)
    with pytest.raises(DomainError, match="proposal_settled"):
        in_work.decide(
            in_work.rebuild(events),
            in_work.RejectEmployerForm(link_id="l1", rejected_on=TODAY, rejected_by=COACH),
        )
    with pytest.raises(DomainError, match="form_already_sent"):
        in_work.decide(in_work.rebuild(events), sent("l1", EmployerForm.DEMONSTRATION))


def test_goals_by_link_are_agreed_with_stable_ids_and_assessed() -> None:
    goal = in_work.AgreeJointGoal(
        goal_id="g0", area=GoalArea.SKILLS, target_date=TODAY, agreed_on=STARTED
    )
    events = plan_with(goal, sent("l1", EmployerForm.GOALS))
    proposal = ef.GoalsProposal(
        on=TODAY,
        goals=(
            ef.ProposedGoal(
                area=GoalArea.SKILLS, text="Trukkikortti", target_date=TODAY + timedelta(30)
            ),
        ),
        attainments=(("g0", Attainment.PARTLY),),
    )
    state = in_work.rebuild(events)
    assert state is not None
    ef.check(state, proposal, TODAY)

    confirmed = confirm(events, proposal)

    agreed = [e for e in confirmed if isinstance(e, InWorkGoalAgreed)]
    assessed = [e for e in confirmed if isinstance(e, InWorkGoalAssessed)]
    assert agreed[0].goal_id == ef.goal_id("l1", 0) == ef.goal_id("l1", 0)
    assert assessed[0].attainment is Attainment.PARTLY and assessed[0].goal_id == "g0"
    steps = ef.steps(proposal, link_id="l1", plan_id="p1", decided_on=TODAY, by=COACH)
    assert [s.text for s in steps if s.text] == ["Trukkikortti"]


@pytest.mark.parametrize(
    ("proposal", "code"),
    [
        (ef.GoalsProposal(on=TODAY), "goals_or_review_required"),
        (
            ef.GoalsProposal(on=TODAY, attainments=(("nope", Attainment.ACHIEVED),)),
            "goal_not_found",
        ),
        (
            ef.GoalsProposal(
                on=TODAY,
                goals=(
                    ef.ProposedGoal(
                        area=GoalArea.SKILLS, text="x", target_date=TODAY - timedelta(1)
                    ),
                ),
            ),
            "target_before_start",
        ),
        (
            ef.DemonstrationProposal(
                held_on=TODAY, tasks=" ", scores=DEMO.scores, result=DemonstrationResult.PASSED
            ),
            "tasks_required",
        ),
        (
            ef.DemonstrationProposal(
                held_on=TODAY, tasks="x", scores=(), result=DemonstrationResult.PASSED
            ),
            "scores_required",
        ),
        (
            ef.DemonstrationProposal(
                held_on=TODAY,
                tasks="x",
                scores=((CompetenceArea.COOPERATION, 6),),
                result=DemonstrationResult.PASSED,
            ),
            "score_out_of_scale",
        ),
        (
            ef.DemonstrationProposal(
                held_on=TODAY + timedelta(1),
                tasks="x",
                scores=DEMO.scores,
                result=DemonstrationResult.PASSED,
            ),
            "demonstration_in_future",
        ),
        (
            ef.FollowOnProposal(
                follow_on=EmployerFollowOn.TRAINING, starts_on=STARTED - timedelta(1)
            ),
            "before_plan_started",
        ),
        (
            ef.FollowOnProposal(
                follow_on=EmployerFollowOn.OTHER, starts_on=TODAY, comment="x" * 2001
            ),
            "text_too_long",
        ),
    ],
)
def test_a_proposal_the_plan_could_not_take_is_refused_when_sent(
    proposal: ef.Proposal, code: str
) -> None:
    state = in_work.rebuild(plan_with())
    assert state is not None
    with pytest.raises(DomainError, match=code):
        ef.check(state, proposal, TODAY)


def test_a_confirmed_follow_on_ends_the_plan_in_the_records_terms() -> None:
    events = plan_with(sent("l1", EmployerForm.FOLLOW_ON))
    proposal = ef.FollowOnProposal(follow_on=EmployerFollowOn.NEW_CONTRACT, starts_on=TODAY)
    confirmed = confirm(events, proposal)
    assert isinstance(confirmed[-1], InWorkCoachingEnded)
    assert confirmed[-1].follow_on is FollowOn.CONTINUED_EMPLOYMENT
    ended = in_work.rebuild(events + confirmed)
    assert ended is not None
    with pytest.raises(DomainError, match="plan_ended"):
        ef.check(ended, proposal, TODAY)


@pytest.mark.parametrize(
    "proposal",
    [
        DEMO,
        ef.GoalsProposal(
            on=TODAY,
            goals=(ef.ProposedGoal(area=GoalArea.OTHER, text="ä", target_date=TODAY),),
            attainments=(("g", Attainment.ACHIEVED),),
            comment="c",
        ),
        ef.FollowOnProposal(follow_on=EmployerFollowOn.TRAINING, starts_on=TODAY, comment="c"),
    ],
)
def test_a_proposal_is_kept_as_it_was_sent(proposal: ef.Proposal) -> None:
    assert ef.load(ef.dump(proposal)) == proposal
