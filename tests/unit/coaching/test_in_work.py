"""In-work coaching: three parties, joint goals, reviews, a work demonstration, a follow-on."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta
from typing import Any

from services.coaching.domain import in_work
from services.coaching.domain.events import InWorkCoachingEnded, WorkDemonstrationRecorded
from services.coaching.domain.vocabulary import DemonstrationResult, FollowOn, GoalArea, Progress
from tests.unit.coaching.builders import CLIENT, COACH, PROJECT, active, exited, refusal

STARTED = date(2026, 9, 1)
START = in_work.StartInWorkCoaching(
    plan_id="p1",
    client_id=CLIENT,
    company_id="company-1",
    project_id=PROJECT,
    coach_id=COACH,
    started_on=STARTED,
)


def started() -> list[Any]:
    return in_work.decide(None, START, active())


def then(events: list[Any], command: in_work.InWorkCommand) -> list[Any]:
    return events + in_work.decide(in_work.rebuild(events), command)


def test_a_plan_runs_from_joint_goal_to_follow_on() -> None:
    events = started()
    goal = in_work.AgreeJointGoal(
        goal_id="j1", area=GoalArea.WORK_COMMUNITY, target_date=STARTED + timedelta(60),
        agreed_on=STARTED,
    )  # fmt: skip
    events = then(events, goal)
    events = then(events, in_work.ReviewProgress(reviewed_on=STARTED + timedelta(30),
                                                 progress=Progress.ON_TRACK))  # fmt: skip
    demo = in_work.RecordWorkDemonstration(
        held_on=STARTED + timedelta(50), result=DemonstrationResult.PASSED
    )
    events = then(events, demo)
    end = in_work.EndInWorkCoaching(
        ended_on=STARTED + timedelta(90), follow_on=FollowOn.CONTINUED_EMPLOYMENT
    )
    events = then(events, end)
    assert isinstance(events[-2], WorkDemonstrationRecorded)
    assert isinstance(events[-1], InWorkCoachingEnded)
    plan = in_work.rebuild(events)
    assert plan is not None
    assert plan.ended == (STARTED + timedelta(90), FollowOn.CONTINUED_EMPLOYMENT)
    assert [g.goal_id for g in plan.goals] == ["j1"]
    assert len(plan.reviews) == 1


def test_an_ended_plan_takes_nothing_more() -> None:
    end = in_work.EndInWorkCoaching(ended_on=STARTED, follow_on=FollowOn.EDUCATION)
    events = then(started(), end)
    review = in_work.ReviewProgress(reviewed_on=STARTED, progress=Progress.OFF_TRACK)
    assert refusal(lambda: then(events, review))[0] == "plan_ended"


def test_nothing_is_recorded_before_the_plan_started() -> None:
    demo = in_work.RecordWorkDemonstration(
        held_on=STARTED - timedelta(1), result=DemonstrationResult.FAILED
    )
    assert refusal(lambda: then(started(), demo)) == ("before_plan_started", "held_on")


def test_an_exited_client_cannot_start_in_work_coaching() -> None:
    assert refusal(lambda: in_work.decide(None, START, exited()))[0] == "client_not_active"


def test_a_plan_needs_the_employer_company() -> None:
    nobody = dataclasses.replace(START, company_id=" ")
    assert refusal(lambda: in_work.decide(None, nobody, active())) == (
        "company_required",
        "company_id",
    )
