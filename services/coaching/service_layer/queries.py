"""What the pages and the API read straight from the log: one aggregate folded, with its
private text for those who may see it (service layer). Lists come from the read models.

A thing of another project answers its ``*_not_found`` refusal, as if it did not exist.
"""

from __future__ import annotations

import dataclasses

from services.coaching.domain import courses, in_work, plans, programmes, sessions
from services.coaching.domain.errors import DomainError
from services.coaching.service_layer.dependencies import (
    FOLLOW_ON_TEXT,
    GOAL_TEXT,
    IN_WORK_GOAL_TEXT,
    SESSION_NOTE,
    Coaching,
)
from services.coaching.service_layer.streams import (
    COURSES,
    IN_WORK,
    PLANS,
    PROGRAMMES,
    SESSIONS,
    in_project,
)


@dataclasses.dataclass(frozen=True, slots=True)
class PlanView:
    """A client's plan with the wording of its goals, for the coach's eyes only."""

    plan: plans.Plan | None
    goal_texts: dict[str, str]


def session_of(c: Coaching, project_id: str, session_id: str) -> sessions.Session:
    return in_project(c.streams, SESSIONS, session_id, project_id, "session_not_found",
                      "session_id")  # fmt: skip


def session_note(c: Coaching, project_id: str, session_id: str) -> str | None:
    session_of(c, project_id, session_id)
    return c.texts.read(SESSION_NOTE, session_id, project_id=project_id)


def programme_of(c: Coaching, project_id: str, programme_id: str) -> programmes.Programme:
    return in_project(c.streams, PROGRAMMES, programme_id, project_id, "programme_not_found",
                      "programme_id")  # fmt: skip


def course_of(c: Coaching, project_id: str, course_id: str) -> courses.Course:
    return in_project(c.streams, COURSES, course_id, project_id, "course_not_found", "course_id")


def plan_of(c: Coaching, project_id: str, client_id: str) -> PlanView:
    standing = c.clients.standing(client_id)
    if standing is None or standing.project_id != project_id:
        raise DomainError("client_not_found", "client_id")
    plan = c.streams.load(PLANS, client_id).state
    goals = list(plan.goals) if plan else []
    return PlanView(plan, c.texts.read_many(GOAL_TEXT, goals, project_id=project_id))


@dataclasses.dataclass(frozen=True, slots=True)
class InWorkView:
    """An in-work coaching plan with its words: the joint goals' wording and the follow-on
    plan, for the coach's eyes only (empty for those who may not see them)."""

    plan: in_work.InWorkPlan
    goal_texts: dict[str, str]
    follow_on_text: str | None


def in_work_plan_of(c: Coaching, project_id: str, plan_id: str) -> in_work.InWorkPlan:
    return in_project(c.streams, IN_WORK, plan_id, project_id, "plan_not_found", "plan_id")


def in_work_view(c: Coaching, project_id: str, plan_id: str, *, private: bool) -> InWorkView:
    """The plan; with its private words when ``private`` (coaches and managers)."""
    plan = in_work_plan_of(c, project_id, plan_id)
    if not private:
        return InWorkView(plan, {}, None)
    goals = [g.goal_id for g in plan.goals]
    texts = c.texts.read_many(IN_WORK_GOAL_TEXT, goals, project_id=project_id)
    follow_on = c.texts.read(FOLLOW_ON_TEXT, plan_id, project_id=project_id)
    return InWorkView(plan, texts, follow_on)
