"""The fold from events to fact rows: one step per event type (domain layer, pure).

The live projection, the replay, the as-of report and the audit verification all run
this same fold, so they cannot disagree. Each event changes at most one row: ``change``
gives its kind, key and the row after the event (``Facts.fold`` inlines it for a
replay); both read ``STEPS``, one line per event type. Steps read the few fields they
need from the payload decoded into its reader (``upstream.py``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from sys import intern
from typing import Any, Final

from services.reporting.domain import follow_up as after_leaving
from services.reporting.domain.facts import (
    COACHING,
    COMPANY,
    COST,
    KEY_OF,
    KINDS,
    PARTICIPANT,
    PLACEMENT,
    PLAN,
    SERVICE,
    TARGET,
    Coaching,
    Company,
    Cost,
    Fact,
    Key,
    Participant,
    Placement,
    Plan,
    ProjectFacts,
    Service,
    Target,
)
from services.reporting.domain.upstream import (
    AttendanceRecorded,
    ClientEnrolled,
    ClientExited,
    ClientJoinedProgramme,
    CompanyContacted,
    CompanyRegistered,
    CompanyRelationRecorded,
    CompanySectorSet,
    CostBooking,
    CostBookingCorrected,
    CourseCompleted,
    CourseEnrolled,
    InWorkCoachingEnded,
    InWorkCoachingStarted,
    JobLeadFound,
    Payload,
    PlacementStarted,
    PreCoachingCompleted,
    ProgrammePlanned,
    ProjectPlanChanged,
    ProjectRegistered,
    SessionHeld,
    StartData,
    StartDataCorrected,
    TargetSet,
    WorkDemonstrationRecorded,
    code_of,
    leaver_status,
)

COOPERATION_CONTACTS: Final = frozenset({"visit", "event"})
"""Contacts that are cooperation (§6.2 #19); calls and e-mails alone are not."""


Step = Callable[[Any, Payload, int, str], Any]
"""The row after one event (``None``: nothing to change yet), from the decoded payload,
the event's position in its log and its project."""
KeyOf = Callable[[Payload, str], Key]
"""The key of the row an event changes; it always begins with the event's project."""


def _client(p: Payload, project_id: str) -> Key:
    return (project_id, p.client_id)


def _seen(row: Participant | Company | None, position: int) -> bool:
    """The event is already folded into the row: a redelivery changes nothing."""
    return row is not None and position in row.positions


def _enrol(
    row: Participant | None, p: ClientEnrolled, position: int, project_id: str
) -> Participant | None:
    if _seen(row, position):
        return None
    if row is not None:  # enrolled again: a re-entry, the first entry's data are kept
        return _re_enter(row, p, position, project_id)
    data = p.start_data
    return Participant(
        project_id=intern(project_id), client_id=intern(p.client_id),
        entered_on=_shared(p.entered_on),
        age_at_entry=data.age_at_entry, gender=code_of(data.gender),
        education=code_of(data.education), labour_status=code_of(data.labour_market_status),
        unemployed_since=_shared(data.unemployed_since), sensitive=_answers(data),
        positions=[position],
    )  # fmt: skip


_SHARED: dict[Any, Any] = {}
"""Values many facts hold alike (days, sets of answers), one object each: a replay keeps
a million facts in memory, and most of their dates fall on a few thousand days."""


def _shared(value: Any) -> Any:
    return _SHARED.setdefault(value, value) if len(_SHARED) < 200_000 else value


def _answers(data: StartData) -> tuple[tuple[str, str], ...]:
    answers: tuple[tuple[str, str], ...] = _shared(tuple(sorted(data.sensitive.items())))
    return answers


def _re_enter(
    row: Participant | None, p: Payload, position: int, project_id: str
) -> Participant | None:
    """A re-entry (``client_re_entered``, or an enrolment of a former client) closes the
    exit before it; the exit is kept with the re-entry's date for periods before it."""
    if row is None or _seen(row, position):
        return None
    row.entries += 1
    if row.exited_on is not None:
        on = getattr(p, "re_entered_on", None) or getattr(p, "entered_on", None)
        row.leavings.append(
            [row.exited_on.isoformat(), row.exit_status, row.employment_type,
             on.isoformat() if on is not None else None, row.exit_kind]
        )  # fmt: skip
    row.exited_on = row.exit_status = row.employment_type = row.exit_kind = None
    row.positions.append(position)
    return row


def _correct(
    row: Participant | None, p: StartDataCorrected, position: int, project_id: str
) -> Participant | None:
    if row is None or _seen(row, position):
        return None
    data = p.start_data
    row.age_at_entry = data.age_at_entry
    row.gender = code_of(data.gender)
    row.education = code_of(data.education)
    row.labour_status = code_of(data.labour_market_status)
    row.unemployed_since = _shared(data.unemployed_since)
    row.sensitive = _answers(data)
    row.corrections += 1
    row.positions.append(position)
    return row


def _exit(
    row: Participant | None, p: ClientExited, position: int, project_id: str
) -> Participant | None:
    if row is None or _seen(row, position):
        return None
    row.exited_on = _shared(p.exited_on)
    row.exit_status, row.employment_type, row.exit_kind = leaver_status(p)
    row.positions.append(position)
    return row


def _placement(p: PlacementStarted, position: int, project_id: str) -> Placement:
    return Placement(
        project_id=intern(project_id), placement_id=p.placement_id,
        client_id=intern(p.client_id), company_id=p.company_id or None,
        placement_type=code_of(p.placement_type) or "unknown", starts_on=p.starts_on,
        ends_on=p.ends_on, position=position,
    )  # fmt: skip


def _session(row: Coaching | None, p: SessionHeld, position: int, project_id: str) -> Coaching:
    if row is None:
        row = Coaching(intern(project_id), intern(p.client_id))
    held_on = p.held_on
    kind = p.kind
    row.sessions[p.session_id] = (
        _SHARED.get(held_on) or _shared(held_on), p.duration_minutes, position,
        intern(kind) if kind else None,
    )  # fmt: skip
    return row


def _attendance(
    row: Coaching | None, p: AttendanceRecorded, position: int, project_id: str
) -> Coaching:
    if row is None:
        row = Coaching(intern(project_id), intern(p.client_id))
    held_on = p.held_on
    row.marks[intern(p.meeting_id)] = (
        _SHARED.get(held_on) or _shared(held_on), p.duration_minutes, position,
        intern(p.attendance),
    )  # fmt: skip
    return row


def _target(p: TargetSet, position: int, project_id: str) -> Target:
    return Target(project_id=project_id, figure=p.figure, planned=p.planned, position=position)


def _plan(p: ProjectRegistered | ProjectPlanChanged, position: int, project_id: str) -> Plan:
    return Plan(
        project_id=project_id, planned_participants=p.plan.planned_participants,
        planned_companies=p.plan.planned_companies, position=position,
        budget_cents=p.plan.budget_cents,
        funding=[[share.source, share.percent] for share in p.plan.funding],
    )  # fmt: skip


def _company_row(row: Company | None, p: Payload, position: int, project_id: str) -> Company:
    if row is None:
        row = Company(project_id=intern(project_id), company_id=p.company_id)
    row.positions.append(position)
    return row


def _registered(
    row: Company | None, p: CompanyRegistered, position: int, project_id: str
) -> Company | None:
    if _seen(row, position):
        return None
    row = _company_row(row, p, position, project_id)
    row.size_class = code_of(p.size_class) or row.size_class
    row.industry = code_of(p.industry) or row.industry
    row.sector = code_of(p.sector) or row.sector
    return row


def _sector_set(
    row: Company | None, p: CompanySectorSet, position: int, project_id: str
) -> Company | None:
    """A company marked public, private or the project's own organisation's unit later."""
    if _seen(row, position):
        return None
    sector = code_of(p.sector)
    row = _company_row(row, p, position, project_id)
    row.sector = sector
    return row


def _contacted(
    row: Company | None, p: CompanyContacted, position: int, project_id: str
) -> Company | None:
    if _seen(row, position):
        return None
    row = _company_row(row, p, position, project_id)
    row.contacts += 1
    if p.kind in COOPERATION_CONTACTS:
        row.cooperating_since = _earliest(row.cooperating_since, p.contacted_on)
    return row


def _related(
    row: Company | None, p: CompanyRelationRecorded, position: int, project_id: str
) -> Company | None:
    if _seen(row, position):
        return None
    row = _company_row(row, p, position, project_id)
    row.cooperating_since = _earliest(row.cooperating_since, p.since)
    if p.relation == "supported":
        row.supported_since = _earliest(row.supported_since, p.since)
    return row


def _lead(row: Company | None, p: JobLeadFound, position: int, project_id: str) -> Company | None:
    if _seen(row, position):
        return None
    row = _company_row(row, p, position, project_id)
    row.leads += 1
    row.cooperating_since = _earliest(row.cooperating_since, p.found_on)
    return row


def _earliest(current: date | None, new: date) -> date:
    return new if current is None or new < current else current


def _company(p: Payload, project_id: str) -> Key:
    return (project_id, p.company_id)


# -- services (final report): one row per client and service --------------------------


def _service_row(
    row: Service | None, position: int, project_id: str, key: Key, client_id: str, service: str
) -> Service | None:
    """The row to change, started if new; ``None`` when the event is already folded in."""
    if row is None:
        row = Service(project_id=intern(project_id), service_id=key[1],
                      client_id=intern(client_id), service=service)  # fmt: skip
    elif position in row.positions:
        return None
    row.positions.append(position)
    return row


def _programme_key(p: ProgrammePlanned, project_id: str) -> Key:
    return (project_id, f"programme:{p.programme_id}")


def _programme(
    row: Service | None, p: ProgrammePlanned, position: int, project_id: str
) -> Service | None:
    kind, label, starts_on = code_of(p.kind), p.kind_name or None, p.starts_on
    row = _service_row(row, position, project_id, _programme_key(p, project_id), "", "programme")
    if row is not None:
        row.kind, row.label, row.ref, row.started_on = kind, label, p.programme_id, starts_on
    return row


def _member_key(p: ClientJoinedProgramme, project_id: str) -> Key:
    return (project_id, f"member:{p.programme_id}:{p.client_id}")


def _joined(
    row: Service | None, p: ClientJoinedProgramme, position: int, project_id: str
) -> Service | None:
    key = _member_key(p, project_id)
    row = _service_row(row, position, project_id, key, p.client_id, "programme_member")
    if row is not None:
        row.ref, row.started_on = p.programme_id, _earliest(row.started_on, p.joined_on)
    return row


def _course_key(p: CourseEnrolled | CourseCompleted, project_id: str) -> Key:
    return (project_id, f"course:{p.course_id}:{p.client_id}")


def _enrolled(
    row: Service | None, p: CourseEnrolled, position: int, project_id: str
) -> Service | None:
    key = _course_key(p, project_id)
    row = _service_row(row, position, project_id, key, p.client_id, "course")
    if row is not None:
        row.ref, row.started_on = p.course_id, _earliest(row.started_on, p.enrolled_on)
    return row


def _course_done(
    row: Service | None, p: CourseCompleted, position: int, project_id: str
) -> Service | None:
    key = _course_key(p, project_id)
    row = _service_row(row, position, project_id, key, p.client_id, "course")
    if row is not None:
        row.ref, row.ended_on = p.course_id, p.completed_on
    return row


def _pre_key(p: PreCoachingCompleted, project_id: str) -> Key:
    return (project_id, f"pre_coaching:{p.client_id}")


def _pre_coached(
    row: Service | None, p: PreCoachingCompleted, position: int, project_id: str
) -> Service | None:
    key = _pre_key(p, project_id)
    row = _service_row(row, position, project_id, key, p.client_id, "pre_coaching")
    if row is not None:
        row.ended_on = _earliest(row.ended_on, p.completed_on)
    return row


def _in_work_key(p: InWorkCoachingStarted | InWorkCoachingEnded, project_id: str) -> Key:
    return (project_id, f"in_work:{p.plan_id}")


def _in_work_started(
    row: Service | None, p: InWorkCoachingStarted, position: int, project_id: str
) -> Service | None:
    key = _in_work_key(p, project_id)
    row = _service_row(row, position, project_id, key, p.client_id, "in_work")
    if row is not None:
        row.ref, row.started_on = p.company_id or None, p.started_on
    return row


def _in_work_ended(
    row: Service | None, p: InWorkCoachingEnded, position: int, project_id: str
) -> Service | None:
    follow_on = code_of(p.follow_on)
    key = _in_work_key(p, project_id)
    row = _service_row(row, position, project_id, key, p.client_id, "in_work")
    if row is not None:
        row.ended_on, row.kind = p.ended_on, follow_on
    return row


def _demonstration(p: WorkDemonstrationRecorded, position: int, project_id: str) -> Service:
    """Each demonstration is its own row (a plan may hold several), named by its event."""
    return Service(
        project_id=intern(project_id), service_id=f"demonstration:{p.plan_id}:{position}",
        client_id=intern(p.client_id), service="demonstration", kind=code_of(p.result),
        ref=p.plan_id, started_on=p.held_on, ended_on=p.held_on, positions=[position],
    )  # fmt: skip


# -- money (final report): cost bookings as last corrected -----------------------------


def _booking(p: CostBooking, project_id: str) -> Key:
    return (project_id, p.booking_id)


def _cost(row: Cost | None, p: CostBooking, position: int, project_id: str) -> Cost | None:
    """A booking: the whole booking as it now stands."""
    return _booked(row, p, position, project_id, corrected=False)


def _cost_corrected(
    row: Cost | None, p: CostBookingCorrected, position: int, project_id: str
) -> Cost | None:
    """A booking's correction, counted as one; told by its event type, not by the
    payload's class, which the adapters may decode into a class of their own."""
    return _booked(row, p, position, project_id, corrected=True)


def _booked(
    row: Cost | None,
    p: CostBooking,
    position: int,
    project_id: str,
    *,
    corrected: bool,
) -> Cost | None:
    if row is not None and position in row.positions:
        return None
    if isinstance(p.amount_cents, bool) or not isinstance(p.amount_cents, int):
        raise TypeError("amount_cents is not a whole number of cents")
    if p.period_end < p.period_start:
        raise ValueError("the booking's period ends before it starts")
    category = code_of(p.category) or "other"
    if row is None:
        row = Cost(project_id=intern(project_id), booking_id=p.booking_id, category=category,
                   period_start=p.period_start, period_end=p.period_end,
                   amount_cents=p.amount_cents)  # fmt: skip
    else:
        row.category, row.amount_cents = category, p.amount_cents
        row.period_start, row.period_end = p.period_start, p.period_end
    if corrected:
        row.corrections += 1
    row.positions.append(position)
    return row


@dataclasses.dataclass(frozen=True, slots=True)
class Replaces:
    """The event gives the whole row: a later event for the same key replaces it."""

    kind: str
    make: Callable[[Payload, int, str], Fact]
    """The row, from the payload, the event's position and its project."""

    @property
    def key(self) -> Callable[[Any], Key]:
        return KEY_OF[self.kind]


@dataclasses.dataclass(frozen=True, slots=True)
class Changes:
    """The event changes the row its key names, or starts it."""

    kind: str
    key: KeyOf
    change: Step


STEPS: Final[dict[str, Replaces | Changes]] = {
    "intake.client_enrolled": Changes(PARTICIPANT, _client, _enrol),
    "intake.client_re_entered": Changes(PARTICIPANT, _client, _re_enter),
    "intake.start_data_corrected": Changes(PARTICIPANT, _client, _correct),
    "intake.client_exited": Changes(PARTICIPANT, _client, _exit),
    "coaching.session_held": Changes(COACHING, _client, _session),
    "coaching.attendance_recorded": Changes(COACHING, _client, _attendance),
    "matching.company_registered": Changes(COMPANY, _company, _registered),
    "matching.company_contacted": Changes(COMPANY, _company, _contacted),
    "matching.company_relation_recorded": Changes(COMPANY, _company, _related),
    "matching.job_lead_found": Changes(COMPANY, _company, _lead),
    "matching.placement_started": Replaces(PLACEMENT, _placement),
    "reporting.target_set": Replaces(TARGET, _target),
    "matching.company_sector_set": Changes(COMPANY, _company, _sector_set),
    "coaching.programme_planned": Changes(SERVICE, _programme_key, _programme),
    "coaching.client_joined_programme": Changes(SERVICE, _member_key, _joined),
    "coaching.course_enrolled": Changes(SERVICE, _course_key, _enrolled),
    "coaching.course_completed": Changes(SERVICE, _course_key, _course_done),
    "coaching.pre_coaching_completed": Changes(SERVICE, _pre_key, _pre_coached),
    "coaching.in_work_coaching_started": Changes(SERVICE, _in_work_key, _in_work_started),
    "coaching.in_work_coaching_ended": Changes(SERVICE, _in_work_key, _in_work_ended),
    "coaching.work_demonstration_recorded": Replaces(SERVICE, _demonstration),
    "intake.cost_booked": Changes(COST, _booking, _cost),
    "intake.cost_booking_corrected": Changes(COST, _booking, _cost_corrected),
    "intake.status_upon_leaving_recorded": Changes(PARTICIPANT, _client, after_leaving.status),
    "intake.follow_up_recorded": Changes(PARTICIPANT, _client, after_leaving.follow_up),
    "intake.project_registered": Replaces(PLAN, _plan),
    "intake.project_plan_changed": Replaces(PLAN, _plan),
}  # fmt: skip
"""Every event type reporting folds, and how it changes the one row of its kind it touches.

Every key begins with the project of the event's envelope: a project's rows are a
function of that project's events alone, which is what lets a replay fold the projects
in separate processes. A payload missing a required field, or with one of the wrong
form, raises ``KeyError``, ``ValueError`` or ``TypeError`` (``REFUSED``): the live
subscription dead-letters it and a replay skips it, rather than counting it wrongly.
A step reads all it needs of the payload before it changes the row, so that a refused
event leaves no trace in either.
"""
REFUSED: Final = (KeyError, ValueError, TypeError)


@dataclasses.dataclass(frozen=True, slots=True)
class Unreadable:
    """A payload that did not fit its reader, in place of the reader: refused, skipped."""

    reason: str


EventRow = tuple[int, str, str, Payload]
"""What the fold reads of one stored event: its position in its log, its type, its
project and its decoded payload."""


@dataclasses.dataclass(frozen=True)
class Encoded:
    """Stored events as a log gives them: batches of (position, type, project, payload
    still encoded), with the decoder of each type's payloads into its reader, and the
    errors by which a decoder refuses a payload."""

    batches: Iterable[Iterable[tuple[int, str, str, Any]]]
    decoders: Mapping[str, Callable[[Any], Payload]]
    unreadable: tuple[type[Exception], ...]


RowOf = Callable[[str, Key], Fact | None]
"""The current row of a kind and key, or ``None``."""


def change(
    event_type: str, payload: Payload, position: int, project_id: str, row_of: RowOf
) -> tuple[str, Key, Fact] | None:
    """The kind, key and row after one event of a folded type; ``None`` when it changes
    nothing. A row the event replaces is built once, and the one before is never read."""
    step = STEPS[event_type]
    if isinstance(step, Replaces):
        row = step.make(payload, position, project_id)
        return step.kind, step.key(row), row
    key = step.key(payload, project_id)
    after: Fact | None = step.change(row_of(step.kind, key), payload, position, project_id)
    return None if after is None else (step.kind, key, after)


@dataclasses.dataclass
class Facts:
    """All fact rows of a fold, by kind and key: what a replay builds in memory."""

    rows: dict[str, dict[Key, Fact]] = dataclasses.field(
        default_factory=lambda: {kind: {} for kind in KINDS}
    )
    refused: list[tuple[str, int, str]] = dataclasses.field(default_factory=list)
    """Events of a folded type whose payload the fold refused (log, position, why),
    skipped as the live projection dead-letters them."""

    def apply(self, event_type: str, payload: Payload, position: int, project_id: str) -> bool:
        """Fold one event; ``False`` when reporting does not fold its type."""
        if event_type not in STEPS:
            return False
        changed = change(event_type, payload, position, project_id, self._row_of)
        if changed is not None:
            kind, key, row = changed
            self.rows[kind][key] = row
        return True

    def _row_of(self, kind: str, key: Key) -> Fact | None:
        return self.rows[kind].get(key)

    def fold(self, rows: Iterable[EventRow] | Encoded, log: str = "") -> int:
        """Fold ``rows`` in order; returns how many were of a folded type.

        The replay's hot loop, ``apply`` inlined: each type's table and functions are
        looked up once, a row that replaces its key's is never looked up at all, and
        encoded rows are decoded one at a time, right before they are folded, which
        keeps what the fold touches in the processor's cache.
        """
        if not isinstance(rows, Encoded):
            rows = Encoded((rows,), {}, ())
        batches, decoders, unreadable = rows.batches, rows.decoders, rows.unreadable
        plan: dict[str, tuple[bool, dict[Key, Fact], Any, Any, Any]] = {}
        for event_type, step in STEPS.items():
            table = self.rows[step.kind]
            decode = decoders.get(event_type)
            if isinstance(step, Replaces):
                plan[event_type] = (True, table, step.make, step.key, decode)
            else:  # the commonest key, (project, client), is built inline: ``None``
                key_of = None if step.key is _client else step.key
                plan[event_type] = (False, table, step.change, key_of, decode)
        folded = 0
        refused = self.refused
        for batch in batches:
            for position, event_type, project, raw in batch:
                found = plan.get(event_type)
                if found is None:
                    continue
                replaces, table, change, key_of, decode = found
                if decode is None:
                    payload = raw
                    if type(payload) is Unreadable:
                        refused.append((log, position, payload.reason))
                        continue
                else:
                    try:
                        payload = decode(raw)
                    except unreadable as error:
                        refused.append((log, position, str(error)))
                        continue
                try:
                    if replaces:
                        row = change(payload, position, project)
                        table[key_of(row)] = row
                    else:
                        if key_of is None:
                            key = (project, payload.client_id)
                        else:
                            key = key_of(payload, project)
                        before = table.get(key)
                        after = change(before, payload, position, project)
                        if after is not None and after is not before:
                            table[key] = after
                except REFUSED as error:
                    refused.append((log, position, f"{type(error).__name__}: {error}"))
                    continue
                folded += 1
        return folded

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
