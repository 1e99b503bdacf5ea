"""Fact rows: what reporting keeps of the events, by kind and key (domain layer, pure).

Every figure is a function of these rows only (``figures.py``), and the rows are a
function of the events only (``fold.py``). The rows are mutable working state of the
fold, never shared outside it. They keep only what the counting rules read: a field a
new figure needs is added here and filled by a replay.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from datetime import date
from operator import attrgetter
from typing import Any, Final, NamedTuple

PARTICIPANT: Final = "participant"
PLACEMENT: Final = "placement"
COACHING: Final = "coaching"
COMPANY: Final = "company"
TARGET: Final = "target"
PLAN: Final = "plan"
SERVICE: Final = "service"
COST: Final = "cost"
KINDS: Final = (PARTICIPANT, PLACEMENT, COACHING, COMPANY, TARGET, PLAN, SERVICE, COST)


class Leaving(NamedTuple):
    """An exit as a period's leaver figures read it."""

    exited_on: date
    exit_status: str | None
    employment_type: str | None
    exit_kind: str | None = None
    """The referral's service or the intermediate labour market's kind (rules 2026.4)."""


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
    positions: list[int] = dataclasses.field(default_factory=list)
    """Of the events folded into the row, in its log (``SOURCES``)."""
    leavings: list[list[str | None]] = dataclasses.field(default_factory=list)
    """Exits a re-entry closed, oldest first: ``[exited_on, exit_status, employment_type,
    re_entered_on]`` (dates as ISO text). A period that ended before the re-entry still
    counts that exit (counting rules 2026.3). From 2026.4 a fifth item, the exit's kind
    (``exit_kind``), follows."""
    exit_kind: str | None = None
    """Of the current exit: the service a referral went to, or the intermediate labour
    market's kind; ``None`` for other statuses and for exits recorded before 2026.4."""
    follow_ups: list[list[Any]] = dataclasses.field(default_factory=list)
    """Later statuses of the exits, in log order: ``[exited_on, checked_on, reached,
    source, status, employment_type, exit_kind, improvement]`` (dates as ISO text); the
    last one of an exit checked six months or more after it is its six-month result
    (``follow_up.py``)."""

    def leaving_by(self, end: date) -> Leaving | None:
        """The exit in effect at the end of a period ending ``end``, if the person had left.

        The latest exit dated on or before ``end`` counts, unless a re-entry dated on or
        before ``end`` followed it: a period's figures depend only on facts dated in it
        or before it, so a later re-entry never reopens a closed period's leavers.
        """
        if self.exited_on is not None and self.exited_on <= end:
            return Leaving(self.exited_on, self.exit_status, self.employment_type, self.exit_kind)
        last_day = end.isoformat()
        for closed in reversed(self.leavings):
            exited_on, status, employment_type, re_entered_on = closed[:4]
            if exited_on is not None and exited_on <= last_day:
                if re_entered_on is not None and re_entered_on <= last_day:
                    return None
                kind = closed[4] if len(closed) > 4 else None
                return Leaving(date.fromisoformat(exited_on), status, employment_type, kind)
        return None

    @property
    def complete(self) -> bool:
        """Complete on gender, status, age and education (§6.5 #35)."""
        return not (
            self.gender is None
            or self.labour_status is None
            or self.age_at_entry is None
            or self.education is None
        )


@dataclasses.dataclass(slots=True, kw_only=True)
class Placement:
    project_id: str
    placement_id: str
    client_id: str
    company_id: str | None
    placement_type: str
    starts_on: date
    ends_on: date | None
    position: int
    """Of the event in its log (``SOURCES``): where an auditor finds it."""


Session = tuple[date, int, int, str | None]
"""A session held, as ``(held_on, minutes, position, kind)``; a later record of the same
session replaces it. ``position`` is the event's in its log (``SOURCES``), where an
auditor finds it; ``kind`` is which service the session was (personal coaching,
pre-coaching…; ``None``: not recorded by the event, before coaching published it)."""
Mark = tuple[date, int, int, str]
"""A mark for one group meeting, as ``(held_on, minutes, position, attendance)``; a later
mark for the same meeting corrects it."""
ENTRY_POSITION: Final = 2
"""Where a session or a mark (an entry of a client's coaching) holds its position."""


@dataclasses.dataclass(slots=True)
class Coaching:
    """One client's coaching in a project: the sessions held and the group meetings marked.

    Nine in ten events are coaching events; keeping a client's together makes one row
    of them, which is what a replay writes and a report reads. Its entries are plain
    tuples in the order the table stores them: a replay builds, keeps and writes a
    million of them, and a tuple is built without a Python call and written as JSON
    whole, in C.
    """

    project_id: str
    client_id: str
    sessions: dict[str, Session] = dataclasses.field(default_factory=dict)
    """By session id."""
    marks: dict[str, Mark] = dataclasses.field(default_factory=dict)
    """By meeting id."""


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
    positions: list[int] = dataclasses.field(default_factory=list)
    """Of the events folded into the row, in its log (``SOURCES``)."""
    sector: str | None = None
    """``private``, ``public`` or ``own_organisation`` (the project's own organisation's
    unit); ``None``: never marked, counted as private."""


@dataclasses.dataclass(slots=True, kw_only=True)
class Target:
    project_id: str
    figure: str
    planned: int
    position: int
    """Of the event in its log (``SOURCES``): where an auditor finds it."""


@dataclasses.dataclass(slots=True, kw_only=True)
class Plan:
    """The planned targets of the funding decision, as intake registered the project."""

    project_id: str
    planned_participants: int | None
    planned_companies: int | None
    position: int
    """Of the event in its log (``SOURCES``): where an auditor finds it."""
    budget_cents: int | None = None
    """The approved budget in euro cents; ``None``: the plan gives none ("not planned")."""
    funding: list[list[Any]] = dataclasses.field(default_factory=list)
    """The funding shares as ``[source, percent]``, in the plan's order."""


@dataclasses.dataclass(slots=True, kw_only=True)
class Service:
    """One client's use of one service, or a group programme as planned (final report).

    ``service`` names what it is: ``programme`` (a programme as planned; no client),
    ``programme_member``, ``course``, ``pre_coaching``, ``in_work`` or ``demonstration``.
    ``kind`` is the programme kind, the demonstration's result or where in-work coaching
    led; ``ref`` the programme or company; ``label`` the project's name for a programme
    kind. A later event of the same service changes the row (a course completed, in-work
    coaching ended).
    """

    project_id: str
    service_id: str
    client_id: str
    service: str
    kind: str | None = None
    ref: str | None = None
    label: str | None = None
    started_on: date | None = None
    ended_on: date | None = None
    positions: list[int] = dataclasses.field(default_factory=list)
    """Of the events folded into the row, in its log (``SOURCES``)."""


@dataclasses.dataclass(slots=True, kw_only=True)
class Cost:
    """One cost booking as last corrected: what it cost, of which category, for which
    period. Amounts are whole euro cents."""

    project_id: str
    booking_id: str
    category: str
    period_start: date
    period_end: date
    amount_cents: int
    corrections: int = 0
    positions: list[int] = dataclasses.field(default_factory=list)
    """Of the events folded into the row, in its log (``SOURCES``)."""


Fact = Participant | Placement | Coaching | Company | Target | Plan | Service | Cost
Key = tuple[str, ...]
SOURCES: Final = {
    PARTICIPANT: "intake",
    PLAN: "intake",
    COACHING: "coaching",
    PLACEMENT: "matching",
    COMPANY: "matching",
    TARGET: "reporting",
    SERVICE: "coaching",
    COST: "intake",
}
"""The one log each kind of fact is folded from: a fact names the events behind it by
their positions there, the coordinates an auditor checks in the log's hash chain."""
LOG_OF: Final[dict[type[Any], str]] = {
    Participant: "intake", Plan: "intake", Coaching: "coaching", Placement: "matching",
    Company: "matching", Target: "reporting", Service: "coaching", Cost: "intake",
}  # fmt: skip
"""The log of each row type a figure may rest on; a session or a mark, a plain tuple, is
coaching's (``ENTRY_LOG``)."""
ENTRY_LOG: Final = "coaching"
KEY_FIELDS: Final = {
    PARTICIPANT: ("project_id", "client_id"),
    PLACEMENT: ("project_id", "placement_id"),
    COACHING: ("project_id", "client_id"),
    COMPANY: ("project_id", "company_id"),
    TARGET: ("project_id", "figure"),
    PLAN: ("project_id",),
    SERVICE: ("project_id", "service_id"),
    COST: ("project_id", "booking_id"),
}
"""The fields that identify a fact of each kind; every key begins with its project."""


def _key_of(names: tuple[str, ...]) -> Callable[[Any], Key]:
    if len(names) > 1:
        return attrgetter(*names)
    name = names[0]
    return lambda fact: (getattr(fact, name),)


KEY_OF: Final = {kind: _key_of(names) for kind, names in KEY_FIELDS.items()}
"""A fact's key, read off the fact."""


@dataclasses.dataclass(frozen=True)
class ProjectFacts:
    """One project's fact rows, by kind: the input of ``figures.report``."""

    project_id: str
    participants: tuple[Participant, ...] = ()
    placements: tuple[Placement, ...] = ()
    coaching: tuple[Coaching, ...] = ()
    companies: tuple[Company, ...] = ()
    targets: tuple[Target, ...] = ()
    plans: tuple[Plan, ...] = ()
    services: tuple[Service, ...] = ()
    costs: tuple[Cost, ...] = ()

    @classmethod
    def of(cls, project_id: str, rows: Mapping[str, list[Fact]]) -> ProjectFacts:
        """From rows by kind, each kind sorted by its key: reports list members in key order."""

        def sort(kind: str) -> Any:
            return tuple(sorted(rows.get(kind, ()), key=_SORT_KEYS[kind]))

        return cls(
            project_id,
            participants=sort(PARTICIPANT),
            placements=sort(PLACEMENT),
            coaching=sort(COACHING),
            companies=sort(COMPANY),
            targets=sort(TARGET),
            plans=sort(PLAN),
            services=sort(SERVICE),
            costs=sort(COST),
        )


_SORT_KEYS: Final[dict[str, Callable[[Any], Any]]] = {
    PARTICIPANT: attrgetter("client_id"),
    PLACEMENT: attrgetter("placement_id"),
    COACHING: attrgetter("client_id"),
    COMPANY: attrgetter("company_id"),
    TARGET: attrgetter("figure"),
    PLAN: attrgetter("project_id"),
    SERVICE: attrgetter("service_id"),
    COST: attrgetter("booking_id"),
}
