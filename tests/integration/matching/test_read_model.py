"""The read model on SQLite and PostgreSQL: it follows the events, and a replay from the
start changes nothing (the projection handlers are idempotent)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from services.matching.adapters.projections import intake_dispatcher, matching_dispatcher
from services.matching.adapters.read_model import SqlContactPersons, SqlReadModel
from services.matching.domain.vocabulary import AnswerReason, PlacementType, ReferralAnswer
from services.matching.service_layer.ranking import CandidatePool, clients_for_lead
from shared.eventlog.port import ANY
from shared.eventlog.sql import Database, SqlEventLog, open_database
from shared.eventlog.subscription import ConsumerStore, LogSubscription
from shared.events.envelope import NewEvent
from shared.ids import uuid7_str
from tests.integration.matching.coach import coach_on

DAY = date(2026, 11, 23)


def _intake(log: SqlEventLog, client_id: str, name: str, **payload: Any) -> None:
    event = NewEvent(
        event_type=name,
        schema_version=1,
        payload={"client_id": client_id, **payload},
        project_id="A",
        actor="intake",
        correlation_id=uuid7_str(),
    )
    log.append(f"client-{client_id}", [event], ANY)


def _snapshot(read: SqlReadModel) -> tuple[object, ...]:
    return (
        read.companies("A"),
        read.leads("A"),
        read.clients("A"),
        read.referrals("A"),
        read.placements("A"),
        sorted(p.client_id for p in read.candidates("A")),
    )


def test_the_read_model_follows_the_events_and_a_replay_changes_nothing(
    database: Database, tmp_path: Path
) -> None:
    intake_db = open_database(f"sqlite:///{tmp_path / 'intake.sqlite3'}")
    intake_log = SqlEventLog(intake_db, "intake").create()
    log = SqlEventLog(database, "matching").create()
    store = ConsumerStore(database).create()
    read = SqlReadModel(database).create()
    clients = LogSubscription("matching.clients", intake_log, store, intake_dispatcher())
    own = LogSubscription("matching.read_model", log, store, matching_dispatcher())
    coach = coach_on(log, read, SqlContactPersons(database).create(), own.catch_up, DAY)
    enrolment = {
        "project_id": "A",
        "coach_id": "c",
        "entered_on": "2026-11-01",
        "consent_version": "2026-01",
        "start_data": {"gender": "female"},
    }
    stays, leaves = uuid7_str(), uuid7_str()
    for client_id in (stays, leaves):
        _intake(intake_log, client_id, "intake.client_enrolled", **enrolment)
    _intake(intake_log, leaves, "intake.start_data_corrected", reason="typo")
    clients.catch_up()

    company = coach.register_company()
    lead = coach.record_lead(company, required_skills=("dough making",))
    for client_id in (stays, leaves):
        coach.update_profile(client_id, skills=("dough making",), driving_licence=True)
    _intake(intake_log, leaves, "intake.client_exited", exited_on="2026-11-20")
    clients.catch_up()
    referral = coach.refer(stays, lead)
    coach.answer(referral, ReferralAnswer.ACCEPTED, AnswerReason.HIRED)
    coach.place(stays, company, referral_id=referral, placement_type=PlacementType.APPRENTICESHIP)

    ranking = clients_for_lead(read, "A", lead)
    assert [match.client_id for match in ranking.matches] == [stays]
    assert read.placements("A")[0].lead_id == lead
    assert clients.stats.skipped_unknown == 1  # the start-data correction is not matching's
    before = _snapshot(read)

    with database.engine.begin() as conn:
        for subscription in (clients, own):
            store.save_checkpoint(conn, subscription.name, subscription.source.name, 0)
    assert clients.catch_up() == 4 and own.catch_up() == len(list(log.read_all()))

    assert _snapshot(read) == before
    intake_db.dispose()


def test_the_candidate_pool_is_reused_until_the_read_model_moves(
    database: Database, tmp_path: Path
) -> None:
    intake_db = open_database(f"sqlite:///{tmp_path / 'intake.sqlite3'}")
    intake_log = SqlEventLog(intake_db, "intake").create()
    log = SqlEventLog(database, "matching").create()
    store = ConsumerStore(database).create()
    read = SqlReadModel(database).create()
    clients = LogSubscription("matching.clients", intake_log, store, intake_dispatcher())
    own = LogSubscription("matching.read_model", log, store, matching_dispatcher())
    coach = coach_on(log, read, SqlContactPersons(database).create(), own.catch_up, DAY)
    client_id = uuid7_str()
    _intake(
        intake_log,
        client_id,
        "intake.client_enrolled",
        project_id="A",
        coach_id="c",
        entered_on="2026-11-01",
        consent_version="2026-01",
    )
    clients.catch_up()
    pool = CandidatePool(read)

    def profile(consent: bool) -> None:
        coach.update_profile(client_id, target_occupations=("5120",), matching_consent=consent)

    profile(consent=True)
    first = pool.candidates("A")
    assert [c.client_id for c in first] == [client_id]
    assert pool.candidates("A") is first
    profile(consent=False)
    assert pool.candidates("A") == []
    intake_db.dispose()
