"""Messages to clients in intake's database (adapter layer): the templates, the schedule
kept from coaching's events, and the outbox the sender works through.

The schedule holds ids and times only (no names, no addresses): which appointment,
whose, when, led by which coach. ``schedule_projection`` keeps it from coaching's events
in the transaction that moves the subscription's checkpoint, so a consumer that dies
mid-batch resumes without queuing any message twice; a message's id is derived from the
event that called for it, so even a replayed event finds its row already there.

The outbox is claimed row by row with a lease (``claim_due``): a row is taken by one
sender at a time, and a sender that died holding it gives it back when its lease runs out.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import (
    Boolean,
    Column,
    Connection,
    Date,
    DateTime,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    and_,
    func,
    insert,
    or_,
    select,
    update,
)

from services.intake.adapters.own_tables import OwnTables
from services.intake.adapters.stored_moments import in_utc, zoned
from services.intake.domain import coaching_events as coaching
from services.intake.domain.messages import (
    DEFAULT_REMINDER_HOURS,
    Appointment,
    Planned,
    TemplateText,
    default_template,
    planned_messages,
)
from services.intake.service_layer.messages import Claimed, OutboxRow, SavedTemplate
from shared.eventlog.sql import Database
from shared.eventlog.sql.rows import upsert
from shared.eventlog.subscription import Dispatcher
from shared.events.envelope import RecordedEvent

HELSINKI = ZoneInfo("Europe/Helsinki")
_IDS = uuid.UUID("6f1d0c2e-5b1a-4c3e-9a57-0d1e2f3a4b5c")

messages_metadata = MetaData()

message_templates = Table(
    "message_templates",
    messages_metadata,
    Column("project_id", String(64), primary_key=True),
    Column("kind", String(32), primary_key=True),
    Column("channel", String(8), primary_key=True),
    Column("language", String(2), primary_key=True),
    Column("version", Integer, primary_key=True),
    Column("subject", String(200), nullable=False),
    Column("body", Text, nullable=False),
    Column("saved_by", String(64), nullable=False),
    Column("saved_at", DateTime(timezone=True), nullable=False),
)
"""Every saved version of a project's templates; the highest version is in force."""

message_settings = Table(
    "message_settings",
    messages_metadata,
    Column("project_id", String(64), primary_key=True),
    Column("reminder_hours", String(64), nullable=False),
)
"""A project's hours of reminders before an appointment (comma-separated); none: 48,2."""

message_appointments = Table(
    "message_appointments",
    messages_metadata,
    Column("appointment_id", String(36), primary_key=True),
    Column("project_id", String(64), nullable=False),
    Column("client_id", String(36), nullable=True),
    Column("programme_id", String(36), nullable=True),
    Column("starts_at", DateTime(timezone=True), nullable=False),
    Column("timed", Boolean, nullable=False),
    Column("coach_id", String(64), nullable=False),
    Column("mode", String(16), nullable=True),
    Index("message_appointments_by_programme", "programme_id"),
)
"""Booked sessions (one client) and group meetings (a programme's members) ahead."""

message_programmes = Table(
    "message_programmes",
    messages_metadata,
    Column("programme_id", String(36), primary_key=True),
    Column("project_id", String(64), nullable=False),
    Column("coach_id", String(64), nullable=False),
)

message_programme_members = Table(
    "message_programme_members",
    messages_metadata,
    Column("programme_id", String(36), primary_key=True),
    Column("client_id", String(36), primary_key=True),
)

message_outbox = Table(
    "message_outbox",
    messages_metadata,
    Column("message_id", String(36), primary_key=True),
    Column("project_id", String(64), nullable=False),
    Column("client_id", String(36), nullable=False),
    Column("kind", String(32), nullable=False),
    Column("channel", String(8), nullable=False),
    Column("appointment_id", String(36), nullable=True),
    Column("hours_before", Integer, nullable=False),
    Column("state", String(24), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("due_at", DateTime(timezone=True), nullable=False),
    Column("next_attempt_at", DateTime(timezone=True), nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("lease_id", String(36), nullable=True),
    Column("lease_until", DateTime(timezone=True), nullable=True),
    Column("template_version", Integer, nullable=True),
    Column("finished_at", DateTime(timezone=True), nullable=True),
    Column("error", String(200), nullable=True),
    Column("link_url", String(2000), nullable=True),
    Column("link_expires", Date, nullable=True),
    Column("link_purpose", String(64), nullable=True),
    Index("message_outbox_due", "state", "next_attempt_at"),
    Index("message_outbox_by_client", "project_id", "client_id", "created_at"),
    Index("message_outbox_by_appointment", "appointment_id", "state"),
)
"""What to send, to whom (by id) and when; the link of a ``link`` message is cleared once
the message is done with."""

QUEUED, SENDING, SENT, FAILED, CANCELLED = "queued", "sending", "sent", "failed", "cancelled"
OPEN_STATES = (QUEUED, SENDING)


def local(moment: datetime) -> datetime:
    """A stored moment in Helsinki time, where a day's reminders are counted."""
    return zoned(moment).astimezone(HELSINKI)


def session_start(held_on: date, starts_at: time) -> datetime:
    return datetime.combine(held_on, starts_at, tzinfo=HELSINKI)


def meeting_start(held_on: date) -> datetime:
    return datetime.combine(held_on, time(0, 0), tzinfo=HELSINKI)


class SqlMessages(OwnTables):
    """Templates, settings and the outbox of every project; every read names the project."""

    metadata = messages_metadata

    def __init__(self, db: Database, clock: Callable[[], datetime] | None = None) -> None:
        super().__init__(db)
        self.clock = clock or (lambda: datetime.now(UTC))

    # -- templates and settings -------------------------------------------------

    def template(self, project_id: str, kind: str, channel: str, language: str) -> SavedTemplate:
        """The version in force: the latest saved, else the default (version 0)."""
        with self.db.read() as conn:
            return _template(conn, project_id, kind, channel, language)

    def save_template(
        self, project_id: str, kind: str, channel: str, language: str, text: TemplateText,
        actor: str,
    ) -> int:  # fmt: skip
        """A new version; the earlier ones stay. Answers its number."""
        key = _template_key(project_id, kind, channel, language)
        with self.db.engine.begin() as conn:
            latest = conn.execute(select(func.max(message_templates.c.version)).where(key)).scalar()
            version = int(latest or 0) + 1
            conn.execute(
                insert(message_templates).values(
                    project_id=project_id,
                    kind=kind,
                    channel=channel,
                    language=language,
                    version=version,
                    subject=text.subject,
                    body=text.body,
                    saved_by=actor,
                    saved_at=in_utc(self.clock()),
                )
            )
        return version

    def versions(self, project_id: str, kind: str, channel: str, language: str) -> int:
        key = _template_key(project_id, kind, channel, language)
        with self.db.read() as conn:
            return int(conn.execute(select(func.count()).where(key)).scalar() or 0)

    def reminder_hours(self, project_id: str) -> tuple[int, ...]:
        with self.db.read() as conn:
            return _reminder_hours(conn, project_id)

    def set_reminder_hours(self, project_id: str, hours: Sequence[int]) -> None:
        text = ",".join(str(h) for h in hours)
        with self.db.engine.begin() as conn:
            upsert(conn, message_settings, {"project_id": project_id}, {"reminder_hours": text})

    # -- queuing --------------------------------------------------------------------

    def queue_link(
        self, project_id: str, client_id: str, url: str, purpose: str, expires: date | None,
        channels: Sequence[str],
    ) -> list[str]:  # fmt: skip
        """A ``link`` message per channel, due now; their ids."""
        now = self.clock()
        ids = []
        with self.db.engine.begin() as conn:
            for channel in channels:
                message_id = str(uuid.uuid4())
                _queue(conn, message_id, project_id, client_id, "link", channel, now, now)
                conn.execute(
                    update(message_outbox)
                    .where(message_outbox.c.message_id == message_id)
                    .values(link_url=url, link_purpose=purpose[:64], link_expires=expires)
                )
                ids.append(message_id)
        return ids

    # -- sending --------------------------------------------------------------------

    def claim_due(self, channels: Sequence[str], limit: int, lease: timedelta) -> list[Claimed]:
        """Up to ``limit`` rows due now in ``channels``, each taken under a new lease: a
        queued row whose time has come, or one whose sender's lease ran out."""
        now = in_utc(self.clock())
        due = or_(
            and_(message_outbox.c.state == QUEUED, message_outbox.c.next_attempt_at <= now),
            and_(message_outbox.c.state == SENDING, message_outbox.c.lease_until <= now),
        )
        query = (
            select(message_outbox.c.message_id, message_outbox.c.attempts)
            .where(due, message_outbox.c.channel.in_(list(channels)))
            .order_by(message_outbox.c.next_attempt_at)
            .limit(limit)
        )
        claimed: list[Claimed] = []
        with self.db.engine.begin() as conn:
            for message_id, attempts in conn.execute(query).all():
                lease_id = str(uuid.uuid4())
                taken = conn.execute(
                    update(message_outbox)
                    .where(message_outbox.c.message_id == message_id, due)
                    .values(
                        state=SENDING,
                        lease_id=lease_id,
                        lease_until=now + lease,
                        attempts=attempts + 1,
                    )
                )
                if taken.rowcount == 1:
                    claimed.append(_claimed(conn, message_id, lease_id))
        return claimed

    def finish(self, claim: Claimed, state: str, template_version: int | None) -> bool:
        """Record the outcome; False when the lease was lost (another sender took over)."""
        return self._while_held(
            claim,
            state=state,
            template_version=template_version,
            lease_id=None,
            lease_until=None,
            finished_at=in_utc(self.clock()),
            error=None,
            link_url=None,
        )

    def retry(self, claim: Claimed, at: datetime, error: str) -> bool:
        """Back to the queue until ``at``, with why this attempt failed (no address in it)."""
        return self._while_held(
            claim,
            state=QUEUED,
            lease_id=None,
            lease_until=None,
            next_attempt_at=in_utc(at),
            error=error[:200],
        )

    def _while_held(self, claim: Claimed, **values: Any) -> bool:
        """Set ``values`` on the claimed row if the claim's lease still holds it; False when
        the lease was lost (it ran out, and another sender took the row over)."""
        with self.db.engine.begin() as conn:
            done = conn.execute(
                update(message_outbox)
                .where(
                    message_outbox.c.message_id == claim.message_id,
                    message_outbox.c.lease_id == claim.lease_id,
                )
                .values(**values)
            )
        return done.rowcount == 1

    # -- reading --------------------------------------------------------------------

    def of_client(self, project_id: str, client_id: str, limit: int = 50) -> list[OutboxRow]:
        query = (
            select(message_outbox)
            .where(message_outbox.c.project_id == project_id)
            .where(message_outbox.c.client_id == client_id)
            .order_by(message_outbox.c.due_at.desc())
            .limit(limit)
        )
        with self.db.read() as conn:
            return [_row(r) for r in conn.execute(query).mappings()]

    def of_project(self, project_id: str, limit: int = 200) -> list[OutboxRow]:
        """Open messages first (soonest first), then the latest done."""
        base = select(message_outbox).where(message_outbox.c.project_id == project_id)
        open_rows = base.where(message_outbox.c.state.in_(OPEN_STATES)).order_by(
            message_outbox.c.next_attempt_at
        )
        done_rows = base.where(message_outbox.c.state.not_in(OPEN_STATES)).order_by(
            message_outbox.c.finished_at.desc()
        )
        with self.db.read() as conn:
            first = [_row(r) for r in conn.execute(open_rows.limit(limit)).mappings()]
            rest = conn.execute(done_rows.limit(max(0, limit - len(first)))).mappings()
            return first + [_row(r) for r in rest]

    def counts(self, project_id: str) -> dict[str, int]:
        query = (
            select(message_outbox.c.state, func.count())
            .where(message_outbox.c.project_id == project_id)
            .group_by(message_outbox.c.state)
        )
        with self.db.read() as conn:
            return {state: int(n) for state, n in conn.execute(query).all()}


def _template_key(project_id: str, kind: str, channel: str, language: str) -> Any:
    return and_(
        message_templates.c.project_id == project_id,
        message_templates.c.kind == kind,
        message_templates.c.channel == channel,
        message_templates.c.language == language,
    )


def _template(
    conn: Connection, project_id: str, kind: str, channel: str, language: str
) -> SavedTemplate:
    row = (
        conn.execute(
            select(message_templates)
            .where(_template_key(project_id, kind, channel, language))
            .order_by(message_templates.c.version.desc())
            .limit(1)
        )
        .mappings()
        .first()
    )
    if row is None:
        return SavedTemplate(
            kind=kind, channel=channel, language=language, version=0,
            text=default_template(kind, channel, language), saved_by=None, saved_at=None,
        )  # fmt: skip
    return SavedTemplate(
        kind=kind, channel=channel, language=language, version=row["version"],
        text=TemplateText(subject=row["subject"], body=row["body"]),
        saved_by=row["saved_by"], saved_at=in_utc(row["saved_at"]),
    )  # fmt: skip


def _reminder_hours(conn: Connection, project_id: str) -> tuple[int, ...]:
    text = conn.execute(
        select(message_settings.c.reminder_hours).where(message_settings.c.project_id == project_id)
    ).scalar()
    if text is None:
        return DEFAULT_REMINDER_HOURS
    return tuple(int(h) for h in text.split(",") if h)


def _claimed(conn: Connection, message_id: str, lease_id: str) -> Claimed:
    row = (
        conn.execute(
            select(message_outbox, message_appointments)
            .select_from(
                message_outbox.outerjoin(
                    message_appointments,
                    message_appointments.c.appointment_id == message_outbox.c.appointment_id,
                )
            )
            .where(message_outbox.c.message_id == message_id)
        )
        .mappings()
        .one()
    )
    starts = row["starts_at"]
    return Claimed(
        message_id=message_id, lease_id=lease_id, project_id=row["project_id"],
        client_id=row["client_id"], kind=row["kind"], channel=row["channel"],
        attempts=row["attempts"], starts_at=in_utc(starts) if starts else None,
        timed=bool(row["timed"]), coach_id=row["coach_id"], mode=row["mode"],
        link_url=row["link_url"], link_expires=row["link_expires"],
    )  # fmt: skip


def _row(row: Any) -> OutboxRow:
    finished = row["finished_at"]
    return OutboxRow(
        message_id=row["message_id"], client_id=row["client_id"], kind=row["kind"],
        channel=row["channel"], state=row["state"], due_at=in_utc(row["due_at"]),
        attempts=row["attempts"], next_attempt_at=in_utc(row["next_attempt_at"]),
        finished_at=in_utc(finished) if finished else None,
        template_version=row["template_version"], error=row["error"],
    )  # fmt: skip


def _queue(
    conn: Connection, message_id: str, project_id: str, client_id: str, kind: str,
    channel: str, due: datetime, now: datetime, appointment_id: str | None = None,
    hours_before: int = 0,
) -> None:  # fmt: skip
    """Queue the message unless it is there; one cancelled is queued again (an appointment
    moved back to a time it had, or a booking applied again before its cancellation)."""
    state = conn.execute(
        select(message_outbox.c.state).where(message_outbox.c.message_id == message_id)
    ).scalar()
    if state == CANCELLED:
        conn.execute(
            update(message_outbox)
            .where(message_outbox.c.message_id == message_id)
            .values(state=QUEUED, due_at=in_utc(due), next_attempt_at=in_utc(due))
        )
    if state is not None:
        return
    conn.execute(
        insert(message_outbox).values(
            message_id=message_id,
            project_id=project_id,
            client_id=client_id,
            kind=kind,
            channel=channel,
            appointment_id=appointment_id,
            hours_before=hours_before,
            state=QUEUED,
            created_at=in_utc(now),
            due_at=in_utc(due),
            next_attempt_at=in_utc(due),
            attempts=0,
        )
    )


# -- the schedule, from coaching's events ------------------------------------------------


def schedule_projection(
    clock: Callable[[], datetime] | None = None, channels: Sequence[str] = ("email", "sms")
) -> Dispatcher:
    """Coaching's bookings, moves, cancellations and attendance as queued messages."""
    now = clock or (lambda: datetime.now(UTC))
    schedule = _Schedule(now, tuple(channels))
    return (
        Dispatcher(coaching.coaching_readers())
        .on(coaching.SessionBooked, schedule.booked)
        .on(coaching.SessionMoved, schedule.moved)
        .on(coaching.SessionCancelled, schedule.cancelled)
        .on(coaching.SessionHeld, schedule.held)
        .on(coaching.ProgrammePlanned, schedule.programme)
        .on(coaching.MeetingScheduled, schedule.meeting)
        .on(coaching.ClientJoinedProgramme, schedule.joined)
        .on(coaching.AttendanceRecorded, schedule.attendance)
    )


@dataclasses.dataclass(frozen=True)
class _Schedule:
    now: Callable[[], datetime]
    channels: tuple[str, ...]

    def _plan(
        self, conn: Connection, source: RecordedEvent, client_id: str, project_id: str,
        appointment: Appointment, *, invite: bool = True,
    ) -> set[str]:  # fmt: skip
        """Queue what the appointment calls for now; answers the ids (see ``_queue``)."""
        now = self.now()
        hours = _reminder_hours(conn, project_id)
        wanted: set[str] = set()
        for planned in planned_messages(appointment, hours, now, invite=invite):
            wanted |= self._queue(
                conn, source, client_id, project_id, planned, appointment.appointment_id
            )
        return wanted

    def _queue(
        self, conn: Connection, source: RecordedEvent, client_id: str, project_id: str,
        planned: Planned, appointment_id: str,
    ) -> set[str]:  # fmt: skip
        """A message per channel, each under an id made of what it is about: the same
        appointment, client, kind and channel (and a reminder's due time) make the same id,
        so an event applied again, or a meeting's and a joining's plans, never queue it
        twice."""
        ids = set()
        for channel in self.channels:
            due = in_utc(planned.due_at).isoformat() if planned.hours_before else ""
            name = f"{appointment_id}/{client_id}/{planned.kind}/{channel}/{due}"
            message_id = str(uuid.uuid5(_IDS, name))
            _queue(
                conn, message_id, project_id, client_id, planned.kind, channel, planned.due_at,
                self.now(), appointment_id, planned.hours_before,
            )  # fmt: skip
            ids.add(message_id)
        return ids

    def booked(self, e: coaching.SessionBooked, source: RecordedEvent, conn: Connection) -> None:
        starts = session_start(e.held_on, e.starts_at)
        _put_appointment(
            conn, e.session_id, e.project_id, starts, True, e.coach_id, mode=e.mode,
            client_id=e.client_id,
        )  # fmt: skip
        appointment = Appointment(appointment_id=e.session_id, starts_at=starts)
        self._plan(conn, source, e.client_id, e.project_id, appointment)

    def moved(self, e: coaching.SessionMoved, source: RecordedEvent, conn: Connection) -> None:
        """The reminders not yet sent go; new ones follow the new time (no new invitation:
        the coach tells of a move themselves, and a reminder will say the new time)."""
        starts = session_start(e.held_on, e.starts_at)
        conn.execute(
            update(message_appointments)
            .where(message_appointments.c.appointment_id == e.session_id)
            .values(starts_at=in_utc(starts), coach_id=e.coach_id)
        )
        appointment = Appointment(appointment_id=e.session_id, starts_at=starts)
        wanted = self._plan(conn, source, e.client_id, e.project_id, appointment, invite=False)
        _cancel_open(conn, e.session_id, kinds=("reminder",), keep=wanted)

    def cancelled(
        self, e: coaching.SessionCancelled, source: RecordedEvent, conn: Connection
    ) -> None:
        _cancel_open(conn, e.session_id)
        if e.reason == coaching.NO_SHOW:
            now = self.now()
            planned = Planned(kind="no_show", due_at=now)
            self._queue(conn, source, e.client_id, e.project_id, planned, e.session_id)

    def held(self, e: coaching.SessionHeld, source: RecordedEvent, conn: Connection) -> None:
        _cancel_open(conn, e.session_id)

    def programme(
        self, e: coaching.ProgrammePlanned, source: RecordedEvent, conn: Connection
    ) -> None:
        found = conn.execute(
            select(message_programmes.c.programme_id).where(
                message_programmes.c.programme_id == e.programme_id
            )
        ).first()
        if found is None:
            conn.execute(
                insert(message_programmes).values(
                    programme_id=e.programme_id, project_id=e.project_id, coach_id=e.coach_id
                )
            )

    def meeting(
        self, e: coaching.MeetingScheduled, source: RecordedEvent, conn: Connection
    ) -> None:
        coach = conn.execute(
            select(message_programmes.c.coach_id).where(
                message_programmes.c.programme_id == e.programme_id
            )
        ).scalar()
        starts = meeting_start(e.held_on)
        _put_appointment(
            conn, e.meeting_id, e.project_id, starts, False, coach or "",
            programme_id=e.programme_id,
        )  # fmt: skip
        members = conn.execute(
            select(message_programme_members.c.client_id).where(
                message_programme_members.c.programme_id == e.programme_id
            )
        ).scalars()
        appointment = Appointment(appointment_id=e.meeting_id, starts_at=starts, group=True)
        for client_id in list(members):
            self._plan(conn, source, client_id, e.project_id, appointment)

    def joined(
        self, e: coaching.ClientJoinedProgramme, source: RecordedEvent, conn: Connection
    ) -> None:
        """A new member is invited to the meetings still ahead."""
        key = and_(
            message_programme_members.c.programme_id == e.programme_id,
            message_programme_members.c.client_id == e.client_id,
        )
        if conn.execute(select(message_programme_members).where(key)).first() is not None:
            return
        conn.execute(
            insert(message_programme_members).values(
                programme_id=e.programme_id, client_id=e.client_id
            )
        )
        meetings = conn.execute(
            select(message_appointments.c.appointment_id, message_appointments.c.starts_at).where(
                message_appointments.c.programme_id == e.programme_id
            )
        ).all()
        for meeting_id, starts in meetings:
            appointment = Appointment(
                appointment_id=meeting_id, starts_at=local(starts), group=True
            )
            self._plan(conn, source, e.client_id, e.project_id, appointment)

    def attendance(
        self, e: coaching.AttendanceRecorded, source: RecordedEvent, conn: Connection
    ) -> None:
        if e.attendance != coaching.ABSENT or e.correction:
            return
        planned = Planned(kind="no_show", due_at=self.now())
        self._queue(conn, source, e.client_id, e.project_id, planned, e.meeting_id)


def _put_appointment(
    conn: Connection, appointment_id: str, project_id: str, starts: datetime, timed: bool,
    coach_id: str, *, mode: str | None = None, client_id: str | None = None,
    programme_id: str | None = None,
) -> None:  # fmt: skip
    values = {
        "project_id": project_id, "client_id": client_id, "programme_id": programme_id,
        "starts_at": in_utc(starts), "timed": timed, "coach_id": coach_id, "mode": mode,
    }  # fmt: skip
    upsert(conn, message_appointments, {"appointment_id": appointment_id}, values)


def _cancel_open(
    conn: Connection,
    appointment_id: str,
    kinds: Sequence[str] | None = None,
    keep: set[str] | frozenset[str] = frozenset(),
) -> None:
    """The appointment's messages not yet sent are cancelled: a row a sender holds right now
    is left to it (its lease decides), one queued is never sent."""
    query = update(message_outbox).where(
        message_outbox.c.appointment_id == appointment_id, message_outbox.c.state == QUEUED
    )
    if kinds is not None:
        query = query.where(message_outbox.c.kind.in_(list(kinds)))
    if keep:
        query = query.where(message_outbox.c.message_id.not_in(sorted(keep)))
    conn.execute(query.values(state=CANCELLED))
