"""On SQLite and PostgreSQL: the facts that tell namesakes apart follow intake (a replay
changes nothing), and a booking's note is stored with the booking or not at all."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from sqlalchemy import select

from services.coaching.adapters.clients import (
    SqlClientDirectory,
    client_projection,
    fact_projection,
)
from services.coaching.adapters.companies import SqlCompanies
from services.coaching.adapters.tables import coaching_metadata, private_texts
from services.coaching.adapters.texts import SqlPrivateTexts
from services.coaching.domain.commands import BookSession
from services.coaching.domain.sessions import SessionDetails
from services.coaching.domain.vocabulary import Mode, SessionKind
from services.coaching.service_layer.dependencies import SESSION_NOTE, Coaching
from services.coaching.service_layer.handlers import COMMAND_HANDLERS
from services.coaching.service_layer.ports import ClientFacts, Written
from services.coaching.service_layer.streams import coaching_streams
from shared.eventlog.sql import Database, SqlEventLog
from shared.ids import uuid7_str
from shared.messagebus import CommandContext, MessageBus, bind
from shared.refusal import Refusal
from tests.integration.coaching.test_projections import PROJECT, TODAY, apply, intake_event


def enrol(intake: SqlEventLog, client_id: str, municipality: str, project: str = PROJECT) -> None:
    intake_event(intake, "intake.client_enrolled", client_id, project_id=project,
                 coach_id="coach-1", entered_on="2026-10-01",
                 start_data={"age_at_entry": 57, "municipality": municipality})  # fmt: skip


def test_where_clients_live_follows_intake_and_a_replay_changes_nothing(
    databases: tuple[Database, Database],
) -> None:
    intake_db, coaching_db = databases
    intake = SqlEventLog(intake_db, "intake").create()
    coaching_db.create(coaching_metadata)
    moves, stays, elsewhere = uuid7_str(), uuid7_str(), uuid7_str()
    enrol(intake, moves, "Lohja")
    enrol(intake, stays, " Vihti ")
    enrol(intake, elsewhere, "Oulu", project="another")
    intake_event(intake, "intake.start_data_corrected", moves, reason="muutti",
                 start_data={"municipality": "Hanko"}, changed_fields=["municipality"])  # fmt: skip
    intake_event(intake, "intake.client_exited", stays, exited_on="2026-11-01")

    assert apply(intake, coaching_db, fact_projection(), "facts") == 5
    directory = SqlClientDirectory(coaching_db)
    found = directory.facts(PROJECT, [moves, stays, elsewhere, moves])
    assert found == {
        moves: ClientFacts(client_id=moves, municipality="Hanko", entered_on=date(2026, 10, 1)),
        stays: ClientFacts(client_id=stays, municipality="Vihti", entered_on=date(2026, 10, 1)),
    }
    apply(intake, coaching_db, fact_projection(), "facts-again")
    assert directory.facts(PROJECT, [moves, stays]) == found
    assert directory.facts(PROJECT, []) == {}


def test_a_bookings_note_is_stored_with_it_or_not_at_all(
    databases: tuple[Database, Database],
) -> None:
    intake_db, coaching_db = databases
    intake = SqlEventLog(intake_db, "intake").create()
    coaching_db.create(coaching_metadata)
    client = uuid7_str()
    enrol(intake, client, "Lohja")
    apply(intake, coaching_db, client_projection(), "clients")
    texts = SqlPrivateTexts(coaching_db)
    log = SqlEventLog(coaching_db, "coaching").create()
    coaching = Coaching(coaching_streams(log), SqlClientDirectory(coaching_db), texts,
                        SqlCompanies(coaching_db), lambda: TODAY)  # fmt: skip
    bus = MessageBus(bind(COMMAND_HANDLERS, coaching))
    coach = CommandContext(actor="coach-1", project_id=PROJECT, roles=frozenset({"coach"}))

    def booking(on: date, note: str) -> BookSession:
        details = SessionDetails(held_on=on, starts_at=time(13, 30), duration_minutes=45,
                                 mode=Mode.PHONE, kind=SessionKind.FOLLOW_UP)  # fmt: skip
        return BookSession(client_id=client, details=details, note=note)

    booked = bus.handle(booking(TODAY + timedelta(1), "Soita aamulla"), coach).id
    with pytest.raises(Refusal):
        bus.handle(booking(TODAY - timedelta(1), "Menneisyyteen"), coach)

    assert texts.entry(SESSION_NOTE, booked, project_id=PROJECT) == Written(
        text="Soita aamulla", author="coach-1"
    )
    with coaching_db.read() as conn:
        kept = conn.execute(select(private_texts.c.text)).scalars().all()
    assert kept == ["Soita aamulla"]
    assert [r.event_type for r in log.read_all()] == ["coaching.session_booked"]
    texts.forget(SESSION_NOTE, booked, project_id="another")
    assert texts.read(SESSION_NOTE, booked, project_id=PROJECT) == "Soita aamulla"
    texts.forget(SESSION_NOTE, booked, project_id=PROJECT)
    assert texts.entry(SESSION_NOTE, booked, project_id=PROJECT) is None
