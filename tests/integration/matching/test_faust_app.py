"""The faust agents keep matching's read model from the Kafka topics, with the same
handlers as the embedded engine: a read model fed only through Kafka equals the one fed
from the logs directly, and a malformed message lands in the dead-letter table."""

from __future__ import annotations

import asyncio
import time
import uuid
from datetime import date
from pathlib import Path

from aiokafka import AIOKafkaProducer

from services.matching.adapters.faust_app import faust_app
from services.matching.adapters.projections import intake_dispatcher, matching_dispatcher
from services.matching.adapters.read_model import SqlContactPersons, SqlReadModel
from services.matching.domain.vocabulary import LeadKind, WorkingTime, WorkingTimePreference
from services.matching.service_layer.ranking import clients_for_lead
from shared.eventlog.kafka import OutboxRelay
from shared.eventlog.kafka.topics import events_topic
from shared.eventlog.port import ANY
from shared.eventlog.sql import SqlEventLog, open_database
from shared.eventlog.subscription import ConsumerStore, LogSubscription
from shared.events.envelope import NewEvent
from shared.ids import uuid7_str
from tests.integration.matching.coach import coach_on
from tests.kafka_broker import KafkaBroker

DAY = date(2026, 11, 23)


def _source(folder: Path) -> tuple[SqlEventLog, SqlEventLog, SqlReadModel, str, str]:
    """Intake's and matching's logs with a client, a company, a lead and a profile."""
    intake = SqlEventLog(open_database(f"sqlite:///{folder / 'intake.sqlite3'}"), "intake")
    intake.create()
    db = open_database(f"sqlite:///{folder / 'matching.sqlite3'}")
    log = SqlEventLog(db, "matching").create()
    store = ConsumerStore(db).create()
    read = SqlReadModel(db).create()
    own = LogSubscription("matching.read_model", log, store, matching_dispatcher())
    clients = LogSubscription("matching.clients", intake, store, intake_dispatcher())
    coach = coach_on(log, read, SqlContactPersons(db).create(), own.catch_up, DAY)
    client_id = uuid7_str()
    payload = {
        "client_id": client_id,
        "project_id": "A",
        "coach_id": "c",
        "entered_on": "2026-11-01",
        "consent_version": "2026-01",
    }
    event = NewEvent(
        event_type="intake.client_enrolled",
        schema_version=1,
        payload=payload,
        project_id="A",
        actor="intake",
        correlation_id=uuid7_str(),
    )
    intake.append(f"client-{client_id}", [event], ANY)
    clients.catch_up()
    company = coach.register_company()
    lead = coach.record_lead(company, kind=LeadKind.GIG_JOB, working_time=WorkingTime.GIG)
    coach.update_profile(client_id, working_time=WorkingTimePreference.GIG)
    return intake, log, read, client_id, lead


async def _publish(broker: KafkaBroker, prefix: str, *logs: SqlEventLog) -> None:
    settings = broker.settings(topic_prefix=prefix)
    for log in logs:
        async with OutboxRelay(log, settings) as relay:
            await relay.run_once()
    producer = AIOKafkaProducer(bootstrap_servers=broker.bootstrap)
    await producer.start()
    try:
        await producer.send_and_wait(events_topic(settings, "intake"), b"not an event")
    finally:
        await producer.stop()


def test_the_faust_agents_keep_the_read_model(kafka_broker: KafkaBroker, tmp_path: Path) -> None:
    intake, log, source, client_id, lead = _source(tmp_path)
    prefix = f"t{uuid.uuid4().hex[:10]}"
    target_db = open_database(f"sqlite:///{tmp_path / 'target.sqlite3'}")
    target = SqlReadModel(target_db).create()

    async def run() -> None:
        await _publish(kafka_broker, prefix, intake, log)
        settings = kafka_broker.settings(topic_prefix=prefix)
        app = faust_app(settings, target_db, app_id=prefix, timeouts=kafka_broker.group_timeouts)
        await app.start()
        try:
            deadline = time.monotonic() + 60
            while not target.candidates("A") or not target.leads("A"):
                assert time.monotonic() < deadline, "the agents did not catch up"
                await asyncio.sleep(0.2)
            while not ConsumerStore(target_db).dead_letters("matching.clients"):
                assert time.monotonic() < deadline, "the malformed message was not dead-lettered"
                await asyncio.sleep(0.2)
        finally:
            await app.stop()

    asyncio.run(run())

    assert target.clients("A") == source.clients("A")
    assert target.leads("A") == source.leads("A")
    assert [m.client_id for m in clients_for_lead(target, "A", lead).matches] == [client_id]
    [dead] = ConsumerStore(target_db).dead_letters("matching.clients")
    assert "malformed" in dead["reason"]
    target_db.dispose()
