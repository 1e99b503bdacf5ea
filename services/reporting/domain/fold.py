"""The fold from events to fact rows: one step per event type (domain layer, pure).

The live projection, the replay, the as-of report and the audit verification all run
this same fold, so they cannot disagree. Each event changes at most one row, found by
``locate``; ``evolve`` gives the row after the event; both read ``STEPS``, one line per
event type. Steps read the few payload fields they need straight from the decoded
payload, by the names the tolerant readers of ``upstream.py`` declare.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any, Final, NamedTuple

from services.reporting.domain.facts import (
    ATTENDANCE,
    COMPANY,
    KINDS,
    PARTICIPANT,
    PLACEMENT,
    PLAN,
    SESSION,
    TARGET,
    Attendance,
    Company,
    Fact,
    Key,
    Participant,
    Placement,
    Plan,
    ProjectFacts,
    Session,
    Target,
)
from services.reporting.domain.upstream import (
    Payload,
    StartData,
    day,
    optional_date,
    optional_int,
    optional_text,
    text,
)

COOPERATION_CONTACTS: Final = frozenset({"visit", "event"})
"""Contacts that are cooperation (§6.2 #19); calls and e-mails alone are not."""


class Meta(NamedTuple):
    """What the fold needs of an event's envelope."""

    event_id: str
    project_id: str


Step = Callable[[Any, Payload, Meta], Any]
"""The row after one event (``None``: nothing to change yet), from the decoded payload."""
KeyOf = Callable[[Payload, str], Key]


def _client(p: Payload, project_id: str) -> Key:
    return (project_id, p["client_id"])


def _seen(row: Participant | Company | None, meta: Meta) -> bool:
    """The event is already folded into the row: a redelivery changes nothing."""
    return row is not None and meta.event_id in row.event_ids


def _enrol(row: Participant | None, p: Payload, meta: Meta) -> Participant | None:
    if _seen(row, meta):
        return None
    if row is not None:  # enrolled again: a re-entry, the first entry's data are kept
        return _re_enter(row, p, meta)
    data = StartData.read(p.get("start_data"))
    return Participant(
        project_id=meta.project_id, client_id=p["client_id"],
        entered_on=day(p["entered_on"]), age_at_entry=data.age_at_entry,
        gender=data.gender, education=data.education, labour_status=data.labour_market_status,
        unemployed_since=data.unemployed_since, sensitive=data.sensitive,
        event_ids=[meta.event_id],
    )  # fmt: skip


def _re_enter(row: Participant | None, p: Payload, meta: Meta) -> Participant | None:
    if row is None or _seen(row, meta):
        return None
    row.entries += 1
    row.exited_on = row.exit_status = row.employment_type = None
    row.event_ids.append(meta.event_id)
    return row


def _correct(row: Participant | None, p: Payload, meta: Meta) -> Participant | None:
    if row is None or _seen(row, meta):
        return None
    data = StartData.read(p.get("start_data"))
    row.age_at_entry = data.age_at_entry
    row.gender = data.gender
    row.education = data.education
    row.labour_status = data.labour_market_status
    row.unemployed_since = data.unemployed_since
    row.sensitive = data.sensitive
    row.corrections += 1
    row.event_ids.append(meta.event_id)
    return row


def _exit(row: Participant | None, p: Payload, meta: Meta) -> Participant | None:
    if row is None or _seen(row, meta):
        return None
    row.exited_on = day(p["exited_on"])
    row.exit_status = optional_text(p.get("exit_status")) or "unknown"
    row.employment_type = optional_text(p.get("employment_type"))
    row.event_ids.append(meta.event_id)
    return row


def _placement(_row: object, p: Payload, meta: Meta) -> Placement:
    return Placement(
        project_id=meta.project_id, placement_id=p["placement_id"], client_id=p["client_id"],
        company_id=optional_text(p.get("company_id")),
        placement_type=optional_text(p.get("placement_type")) or "unknown",
        starts_on=day(p["starts_on"]), ends_on=optional_date(p.get("ends_on")),
        event_id=meta.event_id,
    )  # fmt: skip


def _session(_row: object, p: Payload, meta: Meta) -> Session:
    return Session(
        project_id=meta.project_id, session_id=p["session_id"], client_id=text(p["client_id"]),
        held_on=day(p["held_on"]),
        minutes=optional_int(p.get("duration_minutes")) or 0,
        kind=optional_text(p.get("kind")), mode=optional_text(p.get("mode")),
        event_id=meta.event_id,
    )  # fmt: skip


def _attendance(_row: object, p: Payload, meta: Meta) -> Attendance:
    return Attendance(
        project_id=meta.project_id, meeting_id=text(p["meeting_id"]),
        client_id=text(p["client_id"]), programme_id=text(p["programme_id"]),
        held_on=day(p["held_on"]),
        minutes=optional_int(p.get("duration_minutes")) or 0,
        attendance=optional_text(p.get("attendance")) or "unknown", event_id=meta.event_id,
    )  # fmt: skip


def _target(_row: object, p: Payload, meta: Meta) -> Target:
    return Target(
        project_id=p["project_id"], figure=p["figure"], planned=int(p["planned"]),
        event_id=meta.event_id,
    )  # fmt: skip


def _plan(_row: object, p: Payload, meta: Meta) -> Plan:
    plan = p.get("plan")
    data: Payload = plan if isinstance(plan, Mapping) else {}
    return Plan(
        project_id=p["project_id"],
        planned_participants=optional_int(data.get("planned_participants")),
        planned_companies=optional_int(data.get("planned_companies")),
        event_id=meta.event_id,
    )


def _company_row(row: Company | None, p: Payload, meta: Meta) -> Company:
    if row is None:
        row = Company(project_id=meta.project_id, company_id=p["company_id"])
    row.event_ids.append(meta.event_id)
    return row


def _registered(row: Company | None, p: Payload, meta: Meta) -> Company | None:
    if _seen(row, meta):
        return None
    row = _company_row(row, p, meta)
    row.size_class = optional_text(p.get("size_class")) or row.size_class
    row.industry = optional_text(p.get("industry")) or row.industry
    return row


def _contacted(row: Company | None, p: Payload, meta: Meta) -> Company | None:
    if _seen(row, meta):
        return None
    row = _company_row(row, p, meta)
    row.contacts += 1
    if p.get("kind") in COOPERATION_CONTACTS:
        contacted_on = day(p["contacted_on"])
        row.cooperating_since = _earliest(row.cooperating_since, contacted_on)
    return row


def _related(row: Company | None, p: Payload, meta: Meta) -> Company | None:
    if _seen(row, meta):
        return None
    row = _company_row(row, p, meta)
    since = day(p["since"])
    row.cooperating_since = _earliest(row.cooperating_since, since)
    if p.get("relation") == "supported":
        row.supported_since = _earliest(row.supported_since, since)
    return row


def _lead(row: Company | None, p: Payload, meta: Meta) -> Company | None:
    if _seen(row, meta):
        return None
    row = _company_row(row, p, meta)
    row.leads += 1
    row.cooperating_since = _earliest(row.cooperating_since, day(p["found_on"]))
    return row


def _earliest(current: date | None, new: date) -> date:
    return new if current is None or new < current else current


def _company(p: Payload, project_id: str) -> Key:
    return (project_id, p["company_id"])


STEPS: Final[dict[str, tuple[str, KeyOf, Step]]] = {
    "intake.client_enrolled": (PARTICIPANT, _client, _enrol),
    "intake.client_re_entered": (PARTICIPANT, _client, _re_enter),
    "intake.start_data_corrected": (PARTICIPANT, _client, _correct),
    "intake.client_exited": (PARTICIPANT, _client, _exit),
    "coaching.session_held": (SESSION, lambda p, pr: (pr, p["session_id"]), _session),
    "coaching.attendance_recorded": (
        ATTENDANCE, lambda p, pr: (pr, p["meeting_id"], p["client_id"]), _attendance,
    ),
    "matching.company_registered": (COMPANY, _company, _registered),
    "matching.company_contacted": (COMPANY, _company, _contacted),
    "matching.company_relation_recorded": (COMPANY, _company, _related),
    "matching.job_lead_found": (COMPANY, _company, _lead),
    "matching.placement_started": (PLACEMENT, lambda p, pr: (pr, p["placement_id"]), _placement),
    "reporting.target_set": (TARGET, lambda p, _pr: (p["project_id"], p["figure"]), _target),
    "intake.project_registered": (PLAN, lambda p, _pr: (p["project_id"],), _plan),
    "intake.project_plan_changed": (PLAN, lambda p, _pr: (p["project_id"],), _plan),
}  # fmt: skip
"""Every event type reporting folds: the kind of row it changes, its key, the change.

A payload missing a required field raises ``KeyError`` or ``ValueError``: the
subscription dead-letters it rather than counting it wrongly.
"""


def locate(event_type: str, payload: Payload, project_id: str) -> tuple[str, Key] | None:
    """The kind and key of the one row the event changes; ``None`` for types not folded."""
    step = STEPS.get(event_type)
    return None if step is None else (step[0], step[1](payload, project_id))


def evolve(row: Fact | None, event_type: str, payload: Payload, meta: Meta) -> Fact | None:
    """The row after the event; ``None`` when it has nothing to change yet."""
    result: Fact | None = STEPS[event_type][2](row, payload, meta)
    return result


@dataclasses.dataclass
class Facts:
    """All fact rows of a fold, by kind and key: what a replay builds in memory."""

    rows: dict[str, dict[Key, Fact]] = dataclasses.field(
        default_factory=lambda: {kind: {} for kind in KINDS}
    )

    def apply(self, event_type: str, payload: Payload, meta: Meta) -> bool:
        """Fold one event; ``False`` when reporting does not fold its type."""
        step = STEPS.get(event_type)
        if step is None:
            return False
        table = self.rows[step[0]]
        key = step[1](payload, meta.project_id)
        after = step[2](table.get(key), payload, meta)
        if after is not None:
            table[key] = after
        return True

    def of_project(self, project_id: str) -> ProjectFacts:
        return self.by_project().get(project_id, ProjectFacts(project_id))

    def by_project(self) -> dict[str, ProjectFacts]:
        """Every project's rows, in one pass over the tables."""
        grouped: dict[str, dict[str, list[Fact]]] = {}
        for kind, table in self.rows.items():
            for key, row in table.items():
                project = grouped.get(key[0])
                if project is None:
                    project = grouped[key[0]] = {k: [] for k in KINDS}
                project[kind].append(row)
        return {project: ProjectFacts.of(project, rows) for project, rows in grouped.items()}

    def projects(self) -> list[str]:
        return sorted({key[0] for table in self.rows.values() for key in table})
