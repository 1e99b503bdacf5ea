"""The read model follows the events as they happen (adapter layer).

Two dispatchers, one per source: intake's client events keep ``matching_clients``
(enrolled, active, consent given), matching's own events keep companies, leads,
profiles, referrals and placements. Each handler writes with the connection it is given,
in the transaction that also moves the subscription's checkpoint, and writes
idempotently (upserts keyed by the aggregate's id), so that a replayed event changes
nothing. The same handlers run on the embedded log (``runtime.subscribe``) and would
run behind a Kafka consumer: they are plain functions of (event, envelope, connection).
"""

from __future__ import annotations

import dataclasses
from enum import Enum
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Table, select, update

from services.matching.adapters import tables
from services.matching.domain.contracts import matching_contracts
from services.matching.domain.events import (
    ClientReferred,
    CompanyContacted,
    CompanyNeedRecorded,
    CompanyRegistered,
    CompanyRelationRecorded,
    CompanySectorSet,
    ContactPersonAdded,
    JobLeadFound,
    JobLeadStatusChanged,
    JobProfileUpdated,
    PlacementStarted,
    ReferralAnswered,
)
from services.matching.domain.presentation import presentation_decision, supersedes
from services.matching.domain.upstream import (
    ClientEnrolled,
    ClientExited,
    ClientReEntered,
    CoachAssigned,
    ConsentGiven,
    ConsentWithdrawn,
)
from shared.eventlog.sql.rows import upsert
from shared.eventlog.subscription import Dispatcher
from shared.events.contract import EventContracts
from shared.events.envelope import RecordedEvent
from shared.partner_consent import SHARING, record_sharing

if TYPE_CHECKING:
    from _typeshed import DataclassInstance


def _upsert(conn: Connection, table: Table, key: str, values: dict[str, Any]) -> None:
    """Update the row with ``values[key]``, or insert it: a replay rewrites the same row."""
    upsert(conn, table, {key: values[key]}, values)


def _stored(value: object) -> object:
    """A field as its column keeps it: an enum by its value, a tuple as a JSON list."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, tuple):
        return list(value)
    return value


def _upsert_event(
    conn: Connection, table: Table, key: str, event: DataclassInstance, **values: Any
) -> None:
    """Upsert the row an event describes: matching's tables name their columns after the
    fields of the event that records the row, so each such column takes the field's value;
    ``values`` give the columns no field names."""
    fields = {f.name for f in dataclasses.fields(event)}
    row = {c.name: _stored(getattr(event, c.name)) for c in table.columns if c.name in fields}
    _upsert(conn, table, key, {**row, **values})


def _update(conn: Connection, table: Table, key: str, value: str, **values: Any) -> None:
    conn.execute(update(table).where(table.c[key] == value).values(**values))


# Intake's clients ----------------------------------------------------------------------


def on_enrolled(event: ClientEnrolled, recorded: RecordedEvent, conn: Connection) -> None:
    _upsert(
        conn,
        tables.clients,
        "client_id",
        {
            "client_id": event.client_id,
            "project_id": event.project_id,
            "coach_id": event.coach_id,
            "active": True,
            "consent_given": bool(event.consent_version.strip()),
            "exited_on": None,
        },
    )


def on_re_entered(event: ClientReEntered, recorded: RecordedEvent, conn: Connection) -> None:
    _update(conn, tables.clients, "client_id", event.client_id, active=True, exited_on=None)


def on_coach_assigned(event: CoachAssigned, recorded: RecordedEvent, conn: Connection) -> None:
    _update(conn, tables.clients, "client_id", event.client_id, coach_id=event.coach_id)


def on_exited(event: ClientExited, recorded: RecordedEvent, conn: Connection) -> None:
    _update(
        conn, tables.clients, "client_id", event.client_id, active=False, exited_on=event.exited_on
    )


def on_consent(
    event: ConsentGiven | ConsentWithdrawn, recorded: RecordedEvent, conn: Connection
) -> None:
    """Consent to being presented to employers, given or withdrawn: the candidate query
    reads it, so the client leaves (or rejoins) rankings as soon as this is applied. Only
    a decision newer in the client's consent stream than the one applied is written."""
    decision = presentation_decision(event)
    if decision is None:
        return
    c = tables.clients.c
    seen = conn.execute(
        select(c.presentation_seen).where(c.client_id == event.client_id)
    ).one_or_none()
    if seen is None or not supersedes(seen[0], recorded.stream_version):
        return  # a client matching does not follow, or an older decision delivered again
    _update(
        conn,
        tables.clients,
        "client_id",
        event.client_id,
        employer_presentation=decision,
        presentation_seen=recorded.stream_version,
    )


def intake_dispatcher() -> Dispatcher:
    """Intake's client events and consents; the others (start data, overrides) are read
    and ignored."""
    contracts = EventContracts()
    return (
        Dispatcher(contracts)
        .on(ClientEnrolled, on_enrolled)
        .on(ClientReEntered, on_re_entered)
        .on(CoachAssigned, on_coach_assigned)
        .on(ClientExited, on_exited)
        .on(ConsentGiven, on_consent)
        .on(ConsentWithdrawn, on_consent)
    )


def on_sharing(
    event: ConsentGiven | ConsentWithdrawn, recorded: RecordedEvent, conn: Connection
) -> None:
    """Consent to sharing with partner projects, given or withdrawn: matching's partner
    feeds hold back events about a client who withdrew it (``shared.partner_consent``)."""
    if event.purpose != SHARING:
        return
    record_sharing(
        conn,
        tables.sharing_withdrawn,
        client_id=event.client_id,
        project_id=event.project_id or recorded.project_id,
        withdrawn=isinstance(event, ConsentWithdrawn),
        seen=recorded.stream_version,
    )


def sharing_dispatcher() -> Dispatcher:
    """Intake's consents to partner sharing, in a subscription of their own so that a
    database made before it existed fills its table from the start of intake's log."""
    return (
        Dispatcher(EventContracts()).on(ConsentGiven, on_sharing).on(ConsentWithdrawn, on_sharing)
    )


# Matching's own events -----------------------------------------------------------------


def on_company_registered(event: CompanyRegistered, _r: RecordedEvent, conn: Connection) -> None:
    _upsert_event(conn, tables.companies, "company_id", event)


def on_contact_person_added(event: ContactPersonAdded, _r: RecordedEvent, c: Connection) -> None:
    """The person's details were stored with the command; nothing to project."""


def on_company_contacted(event: CompanyContacted, _r: RecordedEvent, conn: Connection) -> None:
    _upsert_event(conn, tables.contact_log, "contact_log_id", event)


def on_relation_recorded(
    event: CompanyRelationRecorded, _r: RecordedEvent, conn: Connection
) -> None:
    _update(
        conn,
        tables.companies,
        "company_id",
        event.company_id,
        relation=event.relation.value,
        relation_since=event.since,
    )


def on_sector_set(event: CompanySectorSet, _r: RecordedEvent, conn: Connection) -> None:
    _update(conn, tables.companies, "company_id", event.company_id, sector=event.sector.value)


def on_need_recorded(event: CompanyNeedRecorded, _r: RecordedEvent, conn: Connection) -> None:
    _upsert_event(conn, tables.needs, "need_id", event)


def on_lead_found(event: JobLeadFound, _r: RecordedEvent, conn: Connection) -> None:
    _upsert_event(conn, tables.leads, "lead_id", event, status="found", status_changed_on=None)


def on_lead_status(event: JobLeadStatusChanged, _r: RecordedEvent, conn: Connection) -> None:
    _update(
        conn,
        tables.leads,
        "lead_id",
        event.lead_id,
        status=event.status.value,
        status_changed_on=event.changed_on,
    )


def on_profile_updated(event: JobProfileUpdated, _r: RecordedEvent, conn: Connection) -> None:
    _upsert_event(conn, tables.profiles, "client_id", event)


def on_referred(event: ClientReferred, _r: RecordedEvent, conn: Connection) -> None:
    _upsert_event(conn, tables.referrals, "referral_id", event)


def on_answered(event: ReferralAnswered, _r: RecordedEvent, conn: Connection) -> None:
    _update(
        conn,
        tables.referrals,
        "referral_id",
        event.referral_id,
        answer=event.answer.value,
        reason=event.reason.value,
        answered_on=event.answered_on,
    )


def on_placement(event: PlacementStarted, _r: RecordedEvent, conn: Connection) -> None:
    _upsert_event(conn, tables.placements, "placement_id", event)


def matching_dispatcher() -> Dispatcher:
    """Every matching event and the table it keeps: the read model on one screen."""
    return (
        Dispatcher(matching_contracts())
        .on(CompanyRegistered, on_company_registered)
        .on(ContactPersonAdded, on_contact_person_added)
        .on(CompanyContacted, on_company_contacted)
        .on(CompanyRelationRecorded, on_relation_recorded)
        .on(CompanyNeedRecorded, on_need_recorded)
        .on(CompanySectorSet, on_sector_set)
        .on(JobLeadFound, on_lead_found)
        .on(JobLeadStatusChanged, on_lead_status)
        .on(JobProfileUpdated, on_profile_updated)
        .on(ClientReferred, on_referred)
        .on(ReferralAnswered, on_answered)
        .on(PlacementStarted, on_placement)
    )
