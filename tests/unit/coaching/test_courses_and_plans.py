"""Online courses, the client's plan of goals, and pre-coaching results."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from services.coaching.domain import courses, plans
from services.coaching.domain.events import (
    CourseCompleted,
    CourseDayCompleted,
    GoalReviewed,
    PreCoachingCompleted,
)
from services.coaching.domain.vocabulary import GoalArea, GoalOutcome, Level
from tests.unit.coaching.builders import CLIENT, OTHER_PROJECT, PROJECT, active, exited, refusal

ENROLLED = date(2026, 10, 1)


def a_course(days: int = 3) -> list[Any]:
    offer = courses.OfferCourse(
        course_id="c1", project_id=PROJECT, title="VerkkoAgentti", days=days
    )
    events: list[Any] = courses.decide(None, offer)
    enrol = courses.EnrolInCourse(client_id=CLIENT, enrolled_on=ENROLLED)
    return events + courses.decide(courses.rebuild(events), enrol, active())


def day(n: int, on: date = ENROLLED) -> courses.CompleteCourseDay:
    return courses.CompleteCourseDay(client_id=CLIENT, day=n, completed_on=on)


def test_completing_the_last_missing_day_completes_the_course_whatever_the_order() -> None:
    events = a_course(3)
    for n in (3, 1):
        events += courses.decide(courses.rebuild(events), day(n))
    last = courses.decide(courses.rebuild(events), day(2, ENROLLED + timedelta(9)))
    assert [type(e) for e in last] == [CourseDayCompleted, CourseCompleted]
    assert isinstance(last[-1], CourseCompleted)
    assert last[-1].completed_on == ENROLLED + timedelta(9)


def test_a_day_done_twice_records_nothing_the_second_time() -> None:
    events = a_course()
    events += courses.decide(courses.rebuild(events), day(1))
    assert courses.decide(courses.rebuild(events), day(1)) == []


def test_a_day_beyond_the_course_is_refused() -> None:
    state = courses.rebuild(a_course(3))
    assert refusal(lambda: courses.decide(state, day(4))) == ("invalid_day", "day")


def test_an_exited_client_cannot_enrol_in_a_course() -> None:
    offer = courses.OfferCourse(course_id="c1", project_id=PROJECT, title="Verkko", days=15)
    state = courses.rebuild(courses.decide(None, offer))
    enrol = courses.EnrolInCourse(client_id=CLIENT, enrolled_on=ENROLLED)
    assert refusal(lambda: courses.decide(state, enrol, exited()))[0] == "client_not_active"


SET_ON = date(2026, 11, 2)


def set_goal(goal_id: str = "g1", **changes: Any) -> plans.SetGoal:
    fields: dict[str, Any] = {
        "goal_id": goal_id,
        "client_id": CLIENT,
        "project_id": PROJECT,
        "area": GoalArea.JOB_SEARCH,
        "target_date": SET_ON + timedelta(30),
        "set_on": SET_ON,
    }
    return plans.SetGoal(**(fields | changes))


def review(outcome: GoalOutcome, **changes: Any) -> plans.ReviewGoal:
    fields: dict[str, Any] = {
        "goal_id": "g1",
        "client_id": CLIENT,
        "project_id": PROJECT,
        "reviewed_on": SET_ON + timedelta(14),
        "outcome": outcome,
    }
    return plans.ReviewGoal(**(fields | changes))


def with_goal() -> list[Any]:
    return plans.decide(None, set_goal(), active())


def test_a_changed_goal_gets_its_new_target_date() -> None:
    new_target = SET_ON + timedelta(60)
    events = with_goal()
    events += plans.decide(
        plans.rebuild(events), review(GoalOutcome.CHANGED, new_target_date=new_target), active()
    )
    goal = plans.rebuild(events).goals["g1"]  # type: ignore[union-attr]
    assert (goal.target_date, goal.outcome, goal.is_open) == (
        new_target,
        GoalOutcome.CHANGED,
        True,
    )


def test_an_achieved_goal_is_closed_to_further_reviews() -> None:
    events = with_goal()
    events += plans.decide(plans.rebuild(events), review(GoalOutcome.ACHIEVED), active())
    again = review(GoalOutcome.IN_PROGRESS)
    assert refusal(lambda: plans.decide(plans.rebuild(events), again, active()))[0] == (
        "goal_closed"
    )


def test_a_new_target_date_without_changing_the_goal_is_refused() -> None:
    state = plans.rebuild(with_goal())
    odd = review(GoalOutcome.IN_PROGRESS, new_target_date=SET_ON + timedelta(90))
    assert refusal(lambda: plans.decide(state, odd, active())) == (
        "new_target_only_when_changed",
        "new_target_date",
    )


def test_a_goal_may_be_reviewed_after_the_client_exits_but_not_set() -> None:
    state = plans.rebuild(with_goal())
    [reviewed] = plans.decide(state, review(GoalOutcome.DROPPED), exited())
    assert isinstance(reviewed, GoalReviewed)
    assert refusal(lambda: plans.decide(state, set_goal("g2"), exited()))[0] == (
        "client_not_active"
    )


def test_a_target_date_before_the_goal_is_set_is_refused() -> None:
    early = set_goal(target_date=SET_ON - timedelta(1))
    assert refusal(lambda: plans.decide(None, early, active()))[0] == "target_before_start"


def test_a_plan_of_another_project_is_not_found() -> None:
    state = plans.rebuild(with_goal())
    elsewhere = set_goal("g2", project_id=OTHER_PROJECT)
    assert refusal(lambda: plans.decide(state, elsewhere, active()))[0] == "client_not_found"


def test_pre_coaching_results_are_kept_in_the_plan() -> None:
    command = plans.RecordPreCoaching(
        client_id=CLIENT,
        project_id=PROJECT,
        completed_on=SET_ON,
        skills_mapped=True,
        motivation=Level.HIGH,
        support_need=Level.MEDIUM,
        cv_done=False,
    )
    [done] = plans.decide(None, command, active())
    assert isinstance(done, PreCoachingCompleted)
    result = plans.evolve(None, done).pre_coaching
    assert result is not None
    assert (result.motivation, result.cv_done) == (Level.HIGH, False)
