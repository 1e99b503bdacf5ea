"""Consent to being presented to employers in the read model, on SQLite and PostgreSQL: a
replay from the start, or an older decision delivered again after a newer one, changes
nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from services.matching.adapters.projections import intake_dispatcher, matching_dispatcher
from services.matching.adapters.read_model import SqlContactPersons, SqlReadModel
from shared.eventlog.port import ANY
from shared.eventlog.sql import Database, SqlEventLog, open_database
from shared.eventlog.subscription import ConsumerStore, LogSubscription
from shared.events.envelope import NewEvent
from shared.ids import uuid7_str
from tests.integration.matching.coach import coach_on

DAY = date(2026, 12, 1)


def _event(name: str, client_id: str, **payload: object) -> NewEvent:
    return NewEvent(
        event_type=name,
        schema_version=1,
        payload={"client_id": client_id, "project_id": "A", **payload},
        project_id="A",
        actor="intake",
        correlation_id=uuid7_str(),
    )


def _presentation(given: bool, client_id: str) -> NewEvent:
    name, day = (
        ("intake.consent_given", "given_on")
        if given
        else ("intake.consent_withdrawn", "withdrawn_on")
    )
    fields = {"purpose": "employer_presentation", "version": "2026-02", "channel": "paper"}
    return _event(name, client_id, **fields, **{day: DAY.isoformat()})


def test_a_replayed_or_redelivered_consent_changes_nothing(
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
    enrolment = {"coach_id": "c", "entered_on": "2026-11-01", "consent_version": "2026-01"}
    intake_log.append(
        f"client-{client_id}", [_event("intake.client_enrolled", client_id, **enrolment)], ANY
    )
    clients.catch_up()
    coach.update_profile(client_id, target_occupations=("5120",))
    assert [p.client_id for p in read.candidates("A")] == [client_id]

    consents = f"consent-{client_id}"
    intake_log.append(consents, [_presentation(True, client_id)], ANY)
    intake_log.append(consents, [_presentation(False, client_id)], ANY)
    clients.catch_up()
    assert read.candidates("A") == []
    standing = read.client("A", client_id)
    assert standing is not None and standing.employer_presentation is False

    with database.engine.begin() as conn:  # the older consent, delivered once more
        given = next(e for e in intake_log.read_all() if e.event_type == "intake.consent_given")
        intake_dispatcher()(given, conn)
    assert read.candidates("A") == []

    with database.engine.begin() as conn:
        store.save_checkpoint(conn, clients.name, clients.source.name, 0)
    assert clients.catch_up() == 3
    assert read.candidates("A") == []
    assert read.client("A", client_id) == standing

    intake_log.append(consents, [_presentation(True, client_id)], ANY)
    clients.catch_up()
    assert [p.client_id for p in read.candidates("A")] == [client_id]
    intake_db.dispose()
