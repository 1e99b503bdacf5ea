"""The read models coaching's pages and API list from, as the service layer sees them:
their rows and the queries over them (ports, implemented in ``adapters/views.py`` and
``adapters/companies.py``). Every query names the project.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Protocol


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class SessionRow:
    session_id: str
    client_id: str
    coach_id: str
    held_on: date
    starts_at: str
    duration_minutes: int
    mode: str
    kind: str
    topics: tuple[str, ...]
    status: str
    cancel_reason: str | None


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class ClientFigures:
    """Sessions held and their hours for one client: the figures on a client's page."""

    client_id: str
    sessions_held: int
    hours: float
    no_shows: int


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class ProgrammeRow:
    programme_id: str
    kind: str
    title: str
    municipality: str
    starts_on: date
    ends_on: date
    coach_id: str
    members: int
    marks: int
    present: int
    no_shows: int

    @property
    def attendance_rate(self) -> float | None:
        """Present marks over all marks taken; ``None`` before any sheet is saved."""
        return self.present / self.marks if self.marks else None


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class CourseRow:
    course_id: str
    title: str
    days: int
    enrolled_on: date | None = None
    days_done: int = 0
    completed_on: date | None = None


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class InWorkRow:
    plan_id: str
    company_id: str
    started_on: date
    ended_on: date | None
    follow_on: str | None


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class Company:
    company_id: str
    business_id: str
    trade_name: str
    municipality: str


class Views(Protocol):
    """Read models of coaching's own events: lists and figures, brought up to each write."""

    def agenda(self, project_id: str, coach_id: str | None, since: date) -> list[SessionRow]:
        """Sessions from ``since`` on, in calendar order: one coach's, or (``None``) the
        whole project's."""
        ...

    def sessions_of(self, project_id: str, client_id: str) -> list[SessionRow]: ...

    def client_figures(self, project_id: str) -> list[ClientFigures]: ...

    def programmes(self, project_id: str, client_id: str | None = None) -> list[ProgrammeRow]: ...

    def courses(self, project_id: str) -> list[CourseRow]: ...

    def courses_of(self, project_id: str, client_id: str) -> list[CourseRow]: ...

    def in_work_of(self, project_id: str, client_id: str) -> list[InWorkRow]: ...


class Companies(Protocol):
    """Coaching's projection of matching's companies: the employers a plan can name."""

    def in_project(self, project_id: str) -> list[Company]: ...
