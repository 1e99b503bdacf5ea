"""Fact rows: what reporting keeps of the events, by kind and key (domain layer, pure).

Every figure is a function of these rows only (``figures.py``), and the rows are a
function of the events only (``fold.py``). The rows are mutable working state of the
fold, never shared outside it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from datetime import date
from operator import attrgetter
from typing import Any, Final

PARTICIPANT: Final = "participant"
PLACEMENT: Final = "placement"
SESSION: Final = "session"
ATTENDANCE: Final = "attendance"
COMPANY: Final = "company"
TARGET: Final = "target"
PLAN: Final = "plan"
KINDS: Final = (PARTICIPANT, PLACEMENT, SESSION, ATTENDANCE, COMPANY, TARGET, PLAN)


@dataclasses.dataclass(slots=True, kw_only=True)
class Participant:
    project_id: str
    client_id: str
    entered_on: date
    """The first entry: the person counts once per project from this date."""
    age_at_entry: int | None
    gender: str | None
    education: str | None
    labour_status: str | None
    unemployed_since: date | None
    sensitive: tuple[tuple[str, str], ...]
    entries: int = 1
    corrections: int = 0
    exited_on: date | None = None
    exit_status: str | None = None
    employment_type: str | None = None
    event_ids: list[str] = dataclasses.field(default_factory=list)

    @property
    def complete(self) -> bool:
        """Complete on gender, status, age and education (§6.5 #35)."""
        fields = (self.gender, self.labour_status, self.age_at_entry, self.education)
        return all(value is not None for value in fields)


@dataclasses.dataclass(slots=True, kw_only=True)
class Placement:
    project_id: str
    placement_id: str
    client_id: str
    company_id: str | None
    placement_type: str
    starts_on: date
    ends_on: date | None
    event_id: str


@dataclasses.dataclass(slots=True, kw_only=True)
class Session:
    project_id: str
    session_id: str
    client_id: str
    held_on: date
    minutes: int
    kind: str | None
    mode: str | None
    event_id: str


@dataclasses.dataclass(slots=True, kw_only=True)
class Attendance:
    project_id: str
    meeting_id: str
    client_id: str
    programme_id: str
    held_on: date
    minutes: int
    attendance: str
    event_id: str


@dataclasses.dataclass(slots=True, kw_only=True)
class Company:
    project_id: str
    company_id: str
    size_class: str | None = None
    industry: str | None = None
    cooperating_since: date | None = None
    supported_since: date | None = None
    contacts: int = 0
    leads: int = 0
    event_ids: list[str] = dataclasses.field(default_factory=list)


@dataclasses.dataclass(slots=True, kw_only=True)
class Target:
    project_id: str
    figure: str
    planned: int
    event_id: str


@dataclasses.dataclass(slots=True, kw_only=True)
class Plan:
    """The planned targets of the funding decision, as intake registered the project."""

    project_id: str
    planned_participants: int | None
    planned_companies: int | None
    event_id: str


Fact = Participant | Placement | Session | Attendance | Company | Target | Plan
Key = tuple[str, ...]


@dataclasses.dataclass(frozen=True)
class ProjectFacts:
    """One project's fact rows, by kind: the input of ``figures.report``."""

    project_id: str
    participants: tuple[Participant, ...] = ()
    placements: tuple[Placement, ...] = ()
    sessions: tuple[Session, ...] = ()
    attendance: tuple[Attendance, ...] = ()
    companies: tuple[Company, ...] = ()
    targets: tuple[Target, ...] = ()
    plans: tuple[Plan, ...] = ()

    @classmethod
    def of(cls, project_id: str, rows: Mapping[str, list[Fact]]) -> ProjectFacts:
        """From rows by kind, each kind sorted by its key: reports list members in key order."""

        def sort(kind: str) -> Any:
            return tuple(sorted(rows.get(kind, ()), key=_SORT_KEYS[kind]))

        return cls(
            project_id,
            participants=sort(PARTICIPANT),
            placements=sort(PLACEMENT),
            sessions=sort(SESSION),
            attendance=sort(ATTENDANCE),
            companies=sort(COMPANY),
            targets=sort(TARGET),
            plans=sort(PLAN),
        )


_SORT_KEYS: Final[dict[str, Callable[[Any], Any]]] = {
    PARTICIPANT: attrgetter("client_id"),
    PLACEMENT: attrgetter("placement_id"),
    SESSION: attrgetter("session_id"),
    ATTENDANCE: attrgetter("meeting_id", "client_id"),
    COMPANY: attrgetter("company_id"),
    TARGET: attrgetter("figure"),
    PLAN: attrgetter("project_id"),
}
