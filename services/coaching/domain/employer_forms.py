"""What an employer's contact person proposes by link, and what it becomes once a coach
confirms it (domain).

A proposal is the form as sent: free text (goals in words, the tasks shown, comments)
included, kept in coaching's own store and never in an event. ``check`` holds it to the
plan it is about when it is sent; ``steps`` turns it, on confirmation, into the ordinary
commands of in-work coaching, each with its words (if any) for coaching's private texts.
"""

from __future__ import annotations

import dataclasses
import json
import uuid
from datetime import date
from typing import Any

from services.coaching.domain import in_work
from services.coaching.domain.employer_vocabulary import (
    SCALE,
    Attainment,
    CompetenceArea,
    EmployerFollowOn,
    EmployerForm,
)
from services.coaching.domain.errors import DomainError
from services.coaching.domain.vocabulary import DemonstrationResult, FollowOn, GoalArea

MAX_GOALS = 3
"""New joint goals one form proposes at most."""

MAX_WORDS = 2000
"""The longest text in one field, as the coach's own forms take."""

_GOAL_IDS = uuid.UUID("2b8c6c1e-8c4e-4f0e-9a52-0e7d3c1f4a61")


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class ProposedGoal:
    area: GoalArea
    text: str
    target_date: date


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class GoalsProposal:
    """New joint goals, and how the plan's goals were attained (either may be empty)."""

    on: date
    goals: tuple[ProposedGoal, ...] = ()
    attainments: tuple[tuple[str, Attainment], ...] = ()
    comment: str = ""


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class DemonstrationProposal:
    held_on: date
    tasks: str
    """The tasks shown, in the employer's words."""
    scores: tuple[tuple[CompetenceArea, int], ...]
    result: DemonstrationResult
    comment: str = ""


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class FollowOnProposal:
    follow_on: EmployerFollowOn
    starts_on: date
    """When what follows begins: the day in-work coaching ends."""
    comment: str = ""


Proposal = GoalsProposal | DemonstrationProposal | FollowOnProposal

FOLLOW_ON: dict[EmployerFollowOn, FollowOn] = {
    EmployerFollowOn.CONTINUES_IN_WORK: FollowOn.CONTINUED_EMPLOYMENT,
    EmployerFollowOn.NEW_CONTRACT: FollowOn.CONTINUED_EMPLOYMENT,
    EmployerFollowOn.TRAINING: FollowOn.EDUCATION,
    EmployerFollowOn.OTHER: FollowOn.OTHER,
}
"""The employer's words for what follows, in the record's (reporting counts these)."""


def form_of(proposal: Proposal) -> EmployerForm:
    match proposal:
        case GoalsProposal():
            return EmployerForm.GOALS
        case DemonstrationProposal():
            return EmployerForm.DEMONSTRATION
        case FollowOnProposal():
            return EmployerForm.FOLLOW_ON


def check(plan: in_work.InWorkPlan, proposal: Proposal, today: date) -> None:
    """Refuse (at its field) what the plan could not take, before it is kept."""
    if plan.ended is not None:
        raise DomainError("plan_ended", "plan_id")
    if any(len(text) > MAX_WORDS for text in _texts(proposal)):
        raise DomainError("text_too_long", "comment")
    match proposal:
        case GoalsProposal():
            _check_goals(plan, proposal)
        case DemonstrationProposal():
            _check_demonstration(plan, proposal, today)
        case FollowOnProposal():
            if proposal.starts_on < plan.started_on:
                raise DomainError("before_plan_started", "starts_on")


def _texts(proposal: Proposal) -> list[str]:
    match proposal:
        case GoalsProposal():
            return [proposal.comment, *(g.text for g in proposal.goals)]
        case DemonstrationProposal():
            return [proposal.comment, proposal.tasks]
        case FollowOnProposal():
            return [proposal.comment]


def _check_goals(plan: in_work.InWorkPlan, proposal: GoalsProposal) -> None:
    if not proposal.goals and not proposal.attainments:
        raise DomainError("goals_or_review_required", "goals")
    if len(proposal.goals) > MAX_GOALS:
        raise DomainError("too_many_goals", "goals")
    if proposal.on < plan.started_on:
        raise DomainError("before_plan_started", "on")
    known = {g.goal_id for g in plan.goals}
    if any(goal_id not in known for goal_id, _ in proposal.attainments):
        raise DomainError("goal_not_found", "goals")
    for goal in proposal.goals:
        if not goal.text.strip():
            raise DomainError("goal_text_required", "goals")
        if goal.target_date < proposal.on:
            raise DomainError("target_before_start", "goals")


def _check_demonstration(
    plan: in_work.InWorkPlan, proposal: DemonstrationProposal, today: date
) -> None:
    if not proposal.tasks.strip():
        raise DomainError("tasks_required", "tasks")
    if proposal.held_on < plan.started_on:
        raise DomainError("before_plan_started", "held_on")
    if proposal.held_on > today:
        raise DomainError("demonstration_in_future", "held_on")
    if not proposal.scores:
        raise DomainError("scores_required", "scores")
    if any(score not in SCALE for _, score in proposal.scores):
        raise DomainError("score_out_of_scale", "scores")


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class Step:
    """One command of in-work coaching a confirmed proposal runs, and its words (kept under
    ``key`` among coaching's private texts of ``kind``), if any."""

    command: in_work.Step
    text: str = ""
    kind: str = ""
    key: str = ""


IN_WORK_GOAL_TEXT = "in_work_goal"
FOLLOW_ON_TEXT = "in_work_follow_on"
DEMONSTRATION_TEXT = "in_work_demonstration"


def goal_id(link_id: str, index: int) -> str:
    """A proposed goal's id: the same each time the proposal is read, so that confirming
    twice cannot agree a goal twice."""
    return str(uuid.uuid5(_GOAL_IDS, f"{link_id}/{index}"))


def steps(
    proposal: Proposal, *, link_id: str, plan_id: str, decided_on: date, by: str
) -> list[Step]:
    """What confirming ``proposal`` records: the confirmation first (a follow-on ends the
    plan, after which nothing more is taken), then the record it proposes."""
    confirmed = Step(
        command=in_work.ConfirmEmployerForm(
            link_id=link_id, confirmed_on=decided_on, confirmed_by=by
        ),
    )
    match proposal:
        case GoalsProposal():
            agreed = [
                Step(
                    command=in_work.AgreeJointGoal(
                        goal_id=goal_id(link_id, i),
                        area=g.area,
                        target_date=g.target_date,
                        agreed_on=proposal.on,
                    ),
                    text=g.text,
                    kind=IN_WORK_GOAL_TEXT,
                    key=goal_id(link_id, i),
                )
                for i, g in enumerate(proposal.goals)
            ]
            assessed = [
                Step(
                    command=in_work.AssessJointGoal(
                        goal_id=goal, assessed_on=proposal.on, attainment=attainment
                    )
                )
                for goal, attainment in proposal.attainments
            ]
            return [confirmed, *assessed, *agreed]
        case DemonstrationProposal():
            words = "\n\n".join(t.strip() for t in (proposal.tasks, proposal.comment) if t.strip())
            return [
                confirmed,
                Step(
                    command=in_work.RecordWorkDemonstration(
                        held_on=proposal.held_on, result=proposal.result
                    ),
                    text=words,
                    kind=DEMONSTRATION_TEXT,
                    key=plan_id,
                ),
                Step(
                    command=in_work.AssessDemonstration(
                        held_on=proposal.held_on, scores=proposal.scores
                    )
                ),
            ]
        case FollowOnProposal():
            ending = in_work.EndInWorkCoaching(
                ended_on=proposal.starts_on, follow_on=FOLLOW_ON[proposal.follow_on]
            )
            return [
                confirmed,
                Step(command=ending, text=proposal.comment, kind=FOLLOW_ON_TEXT, key=plan_id),
            ]


# The proposal as coaching's store keeps it (JSON: dates ISO, enums by value).


def dump(proposal: Proposal) -> str:
    def plain(value: Any) -> Any:
        if isinstance(value, date):
            return value.isoformat()
        if hasattr(value, "value"):
            return value.value
        if isinstance(value, (tuple, list)):
            return [plain(v) for v in value]
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return value

    return json.dumps({"form": form_of(proposal).value, **plain(proposal)})


def load(raw: str) -> Proposal:
    data = json.loads(raw)
    form = EmployerForm(data["form"])
    if form is EmployerForm.GOALS:
        return GoalsProposal(
            on=date.fromisoformat(data["on"]),
            goals=tuple(
                ProposedGoal(
                    area=GoalArea(g["area"]),
                    text=g["text"],
                    target_date=date.fromisoformat(g["target_date"]),
                )
                for g in data["goals"]
            ),
            attainments=tuple((g, Attainment(a)) for g, a in data["attainments"]),
            comment=data["comment"],
        )
    if form is EmployerForm.DEMONSTRATION:
        return DemonstrationProposal(
            held_on=date.fromisoformat(data["held_on"]),
            tasks=data["tasks"],
            scores=tuple((CompetenceArea(a), int(s)) for a, s in data["scores"]),
            result=DemonstrationResult(data["result"]),
            comment=data["comment"],
        )
    return FollowOnProposal(
        follow_on=EmployerFollowOn(data["follow_on"]),
        starts_on=date.fromisoformat(data["starts_on"]),
        comment=data["comment"],
    )
