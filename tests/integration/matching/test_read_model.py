"""The read model on SQLite and PostgreSQL: it follows the events, and a replay from the
start changes nothing (the projection handlers are idempotent)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from services.matching.adapters.projections import intake_dispatcher, matching_dispatcher
from services.matching.adapters.read_model import SqlContactPersons, SqlReadModel
from services.matching.domain.vocabulary import (
    AnswerReason,
    LeadKind,
    PlacementType,
    ReferralAnswer,
    SizeClass,
    WorkingTime,
    WorkingTimePreference,
)
from services.matching.service_layer import handlers
from services.matching.service_layer.handlers import Matching
from services.matching.service_layer.ranking import CandidatePool, clients_for_lead
from services.matching.service_layer.streams import Streams
from shared.eventlog.port import ANY
from shared.eventlog.sql import Database, SqlEventLog, open_database
from shared.eventlog.subscription import ConsumerStore, LogSubscription
from shared.events.envelope import NewEvent
from shared.ids import uuid7_str

DAY = date(2026, 11, 23)


@pytest.fixture(params=["sqlite", "postgres"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    if request.param == "sqlite":
        db = open_database(f"sqlite:///{tmp_path / 'matching.sqlite3'}")
    else:
        url: str = request.getfixturevalue("postgres_url")
        db = open_database(url, schema=request.getfixturevalue("pg_schema"))
    yield db
    db.dispose()


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
    m = Matching(
        Streams(log), read, SqlContactPersons(database).create(), own.catch_up, today=lambda: DAY
    )
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

    company = handlers.register_company(
        m,
        project_id="A",
        business_id="0112038-9",
        trade_name="Leipomo",
        industry="10710",
        municipality="Lohja",
        size_class=SizeClass.SMALL,
        actor="u",
    ).id
    lead = handlers.record_lead(
        m,
        project_id="A",
        company_id=company,
        kind=LeadKind.HIDDEN_JOB,
        occupation_code="7512",
        municipality="Lohja",
        working_time=WorkingTime.FULL_TIME,
        found_on=DAY,
        actor="u",
        required_skills=["dough making"],
    ).id
    for client_id in (stays, leaves):
        handlers.update_job_profile(
            m,
            project_id="A",
            client_id=client_id,
            target_occupations=["7512"],
            skills=["dough making"],
            languages=["fi"],
            municipalities=["Lohja"],
            working_time=WorkingTimePreference.ANY,
            driving_licence=True,
            matching_consent=True,
            actor="u",
        )
    _intake(intake_log, leaves, "intake.client_exited", exited_on="2026-11-20")
    clients.catch_up()
    referral = handlers.refer_client(
        m, project_id="A", client_id=stays, lead_id=lead, referred_on=DAY, actor="u"
    ).id
    handlers.answer_referral(
        m,
        project_id="A",
        referral_id=referral,
        answer=ReferralAnswer.ACCEPTED,
        reason=AnswerReason.HIRED,
        answered_on=DAY,
        actor="u",
    )
    handlers.start_placement(
        m,
        project_id="A",
        client_id=stays,
        company_id=company,
        referral_id=referral,
        placement_type=PlacementType.APPRENTICESHIP,
        starts_on=DAY,
        ends_on=None,
        actor="u",
    )

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
    m = Matching(Streams(log), read, SqlContactPersons(database).create(), own.catch_up)
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
        handlers.update_job_profile(
            m,
            project_id="A",
            client_id=client_id,
            target_occupations=["5120"],
            skills=[],
            languages=["fi"],
            municipalities=["Lohja"],
            working_time=WorkingTimePreference.ANY,
            driving_licence=False,
            matching_consent=consent,
            actor="u",
        )

    profile(consent=True)
    first = pool.candidates("A")
    assert [c.client_id for c in first] == [client_id]
    assert pool.candidates("A") is first
    profile(consent=False)
    assert pool.candidates("A") == []
    intake_db.dispose()
