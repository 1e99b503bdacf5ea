"""The in-work coaching aggregate (työssävalmennus): a plan of three parties (the client,
the employer company and the coach) with joint goals, progress reviews, a work
demonstration and, at its end, a follow-on plan (jatkopolutus).

The employer's contact person may send a form by link (``employer_forms``): the plan
records that it was sent, and once a coach confirms it, the record it proposes together
with the confirmation; a form is confirmed or rejected once.

One stream per plan. Once ended, the plan takes nothing more.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from datetime import date
from functools import reduce
from typing import Final

from services.coaching.domain.clients import ClientStanding, require_active
from services.coaching.domain.employer_vocabulary import (
    SCALE,
    Attainment,
    CompetenceArea,
    EmployerForm,
)
from services.coaching.domain.errors import DomainError, require_new
from services.coaching.domain.events import (
    EmployerFormConfirmed,
    EmployerFormRejected,
    EmployerFormSubmitted,
    InWorkCoachingEnded,
    InWorkCoachingStarted,
    InWorkEvent,
    InWorkGoalAgreed,
    InWorkGoalAssessed,
    InWorkProgressReviewed,
    WorkDemonstrationAssessed,
    WorkDemonstrationRecorded,
)
from services.coaching.domain.shapes import like
from services.coaching.domain.vocabulary import (
    DemonstrationResult,
    FollowOn,
    GoalArea,
    Progress,
)


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class InWorkStart:
    """A plan as it starts: its three parties (the client, the employer company and the
    coach), its project and its first day."""

    plan_id: str
    client_id: str
    company_id: str
    project_id: str
    coach_id: str
    started_on: date


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class StartInWorkCoaching(InWorkStart):
    """Begin a plan of in-work coaching: the edge's command with the new plan's id, the
    project and the coach filled in."""


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class AgreeJointGoal:
    goal_id: str
    area: GoalArea
    target_date: date
    agreed_on: date


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class ReviewProgress:
    reviewed_on: date
    progress: Progress


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class RecordWorkDemonstration:
    held_on: date
    result: DemonstrationResult


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class EndInWorkCoaching:
    ended_on: date
    follow_on: FollowOn


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class AssessJointGoal:
    goal_id: str
    assessed_on: date
    attainment: Attainment


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class AssessDemonstration:
    held_on: date
    scores: tuple[tuple[CompetenceArea, int], ...]
    """Each competence area shown, with its score on ``employer_vocabulary.SCALE``."""


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class SubmitEmployerForm:
    link_id: str
    form: EmployerForm
    submitted_on: date


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class ConfirmEmployerForm:
    link_id: str
    confirmed_on: date
    confirmed_by: str


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class RejectEmployerForm:
    link_id: str
    rejected_on: date
    rejected_by: str


Step = (
    AgreeJointGoal
    | ReviewProgress
    | RecordWorkDemonstration
    | EndInWorkCoaching
    | AssessJointGoal
    | AssessDemonstration
    | SubmitEmployerForm
    | ConfirmEmployerForm
    | RejectEmployerForm
)
"""A command on a plan that has started."""

InWorkCommand = StartInWorkCoaching | Step


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class JointGoal:
    goal_id: str
    area: GoalArea
    target_date: date


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class SentForm:
    """A form the employer sent by link; ``settled`` once confirmed or rejected."""

    link_id: str
    form: EmployerForm
    submitted_on: date
    settled: bool = False


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class InWorkPlan(InWorkStart):
    """A plan as its events have left it: its start, and what was agreed and recorded since."""

    goals: tuple[JointGoal, ...] = ()
    reviews: tuple[tuple[date, Progress], ...] = ()
    demonstration: tuple[date, DemonstrationResult] | None = None
    ended: tuple[date, FollowOn] | None = None
    attainments: tuple[tuple[str, Attainment], ...] = ()
    """Each joint goal's attainment at review, latest last."""
    scores: tuple[tuple[CompetenceArea, int], ...] = ()
    sent: tuple[SentForm, ...] = ()

    def sent_form(self, link_id: str) -> SentForm | None:
        return next((f for f in self.sent if f.link_id == link_id), None)


def decide(
    state: InWorkPlan | None, command: InWorkCommand, client: ClientStanding | None = None
) -> list[InWorkEvent]:
    """``client`` is the client's standing, needed to start a plan only."""
    if isinstance(command, StartInWorkCoaching):
        return _start(state, command, client)
    if state is None:
        raise DomainError("plan_not_found", "plan_id")
    if state.ended is not None:
        raise DomainError("plan_ended", "plan_id")
    on: date = getattr(command, _date_field(command))
    if on < state.started_on:
        raise DomainError("before_plan_started", _date_field(command))
    # Each step's event is the step as agreed, said of the plan, its client and project.
    event = _of(state) | dataclasses.asdict(command)
    match command:
        case AgreeJointGoal():
            if any(g.goal_id == command.goal_id for g in state.goals):
                raise DomainError("goal_exists", "goal_id")
            if command.target_date < command.agreed_on:
                raise DomainError("target_before_start", "target_date")
            return [InWorkGoalAgreed(**event)]
        case ReviewProgress():
            return [InWorkProgressReviewed(**event)]
        case RecordWorkDemonstration():
            return [WorkDemonstrationRecorded(**event)]
        case EndInWorkCoaching():
            return [InWorkCoachingEnded(**event)]
        case AssessJointGoal():
            if not any(g.goal_id == command.goal_id for g in state.goals):
                raise DomainError("goal_not_found", "goal_id")
            return [InWorkGoalAssessed(**event)]
        case AssessDemonstration():
            return [_assessed(state, command)]
        case SubmitEmployerForm():
            if state.sent_form(command.link_id) is not None:
                raise DomainError("form_already_sent", "link_id")
            return [EmployerFormSubmitted(**event)]
        case ConfirmEmployerForm() | RejectEmployerForm():
            return [_settled(state, command)]


def _of(state: InWorkPlan) -> dict[str, str]:
    """What every event of a started plan says of it: the plan, its client and project."""
    return {"plan_id": state.plan_id, "client_id": state.client_id, "project_id": state.project_id}


def _assessed(state: InWorkPlan, command: AssessDemonstration) -> WorkDemonstrationAssessed:
    areas = [area for area, _ in command.scores]
    if len(set(areas)) != len(areas) or not command.scores:
        raise DomainError("scores_invalid", "scores")
    if any(score not in SCALE for _, score in command.scores):
        raise DomainError("score_out_of_scale", "scores")
    named = {area.value: score for area, score in command.scores}
    return like(WorkDemonstrationAssessed, command, **_of(state), **named)


def _settled(
    state: InWorkPlan, command: ConfirmEmployerForm | RejectEmployerForm
) -> EmployerFormConfirmed | EmployerFormRejected:
    sent = state.sent_form(command.link_id)
    if sent is None:
        raise DomainError("proposal_not_found", "link_id")
    if sent.settled:
        raise DomainError("proposal_settled", "link_id")
    said = _of(state) | {"form": sent.form, "submitted_on": sent.submitted_on}
    if isinstance(command, ConfirmEmployerForm):
        return like(EmployerFormConfirmed, command, **said)
    return like(EmployerFormRejected, command, **said)


_DATE_FIELDS: Final[dict[type, str]] = {
    AgreeJointGoal: "agreed_on",
    ReviewProgress: "reviewed_on",
    RecordWorkDemonstration: "held_on",
    EndInWorkCoaching: "ended_on",
    AssessJointGoal: "assessed_on",
    AssessDemonstration: "held_on",
    SubmitEmployerForm: "submitted_on",
    ConfirmEmployerForm: "confirmed_on",
    RejectEmployerForm: "rejected_on",
}
"""The field that dates each step: the day checked against the plan's start."""


def _date_field(command: object) -> str:
    return _DATE_FIELDS.get(type(command), "date")


def _start(
    state: InWorkPlan | None, command: StartInWorkCoaching, client: ClientStanding | None
) -> list[InWorkEvent]:
    require_new(state, "plan_exists", "plan_id")
    require_active(client, command.project_id)
    if not command.company_id.strip():
        raise DomainError("company_required", "company_id")
    return [like(InWorkCoachingStarted, command, company_id=command.company_id.strip())]


def evolve(state: InWorkPlan | None, event: InWorkEvent) -> InWorkPlan:
    if isinstance(event, InWorkCoachingStarted):
        return like(InWorkPlan, event)
    if state is None:
        raise ValueError(f"{type(event).__name__} before InWorkCoachingStarted")
    match event:
        case InWorkGoalAgreed():
            return dataclasses.replace(state, goals=(*state.goals, like(JointGoal, event)))
        case InWorkProgressReviewed():
            review = (event.reviewed_on, event.progress)
            return dataclasses.replace(state, reviews=(*state.reviews, review))
        case WorkDemonstrationRecorded():
            return dataclasses.replace(state, demonstration=(event.held_on, event.result))
        case InWorkCoachingEnded():
            return dataclasses.replace(state, ended=(event.ended_on, event.follow_on))
        case InWorkGoalAssessed():
            attained = (event.goal_id, event.attainment)
            return dataclasses.replace(state, attainments=(*state.attainments, attained))
        case WorkDemonstrationAssessed():
            scores = tuple((a, s) for a in CompetenceArea if (s := getattr(event, a.value)))
            return dataclasses.replace(state, scores=scores)
        case EmployerFormSubmitted():
            sent = like(SentForm, event)
            return dataclasses.replace(state, sent=(*state.sent, sent))
        case EmployerFormConfirmed() | EmployerFormRejected():
            settled = tuple(
                dataclasses.replace(f, settled=True) if f.link_id == event.link_id else f
                for f in state.sent
            )
            return dataclasses.replace(state, sent=settled)


def rebuild(events: Iterable[InWorkEvent]) -> InWorkPlan | None:
    state: InWorkPlan | None = None
    return reduce(evolve, events, state)
