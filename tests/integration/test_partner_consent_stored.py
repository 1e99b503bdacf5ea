"""Coaching's and matching's partner feeds hold back a client who withdrew partner sharing.

Neither service reads intake's log: each follows intake's consent events with its own
subscription (as wired by its bootstrap) into its own table, and the relay of its
partner feed reads that table. After the withdrawal nothing naming the client passes the
relay's filter, not even an event recorded before it but not yet published; other
clients' events still do, and a consent given again lets the client's events through.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

from services.coaching.bootstrap import bootstrap as coaching
from services.coaching.config import CoachingSettings
from services.intake.domain.events import ConsentGiven, ConsentWithdrawn
from services.matching.bootstrap import bootstrap as matching
from services.matching.config import MatchingSettings
from shared.eventlog.port import ANY
from shared.eventlog.subscription import LogSubscription
from shared.events.envelope import Context, NewEvent
from shared.partner_consent import StoredWithdrawals
from shared.partners import Partner, partner_relays
from shared.runtime import ServiceRuntime
from shared.settings import KafkaSettings
from shared.web.service import WebService

CONTEXT = Context(project_id="S1", actor="coach")
EVENT_OF = {"coaching": "coaching.session_held", "matching": "matching.client_referred"}
"""An event of each service that names a client (its payload here is only what the
relay looks at: the service's own read models are not run in this test)."""


def a_contract(folder: Path, event_type: str) -> Path:
    path = folder / "contract.json"
    events = {event_type: {"version": 1, "service": event_type.split(".")[0]}}
    path.write_text(json.dumps({"events": events}), encoding="utf-8")
    return path


def consent(client: str, *, given: bool) -> NewEvent:
    fields = {"client_id": client, "project_id": "S1", "purpose": "partner_sharing",
              "version": "2026-01", "channel": "in_person"}  # fmt: skip
    if given:
        return NewEvent.of(ConsentGiven(**fields, given_on=date(2026, 11, 3)), CONTEXT)
    return NewEvent.of(ConsentWithdrawn(**fields, withdrawn_on=date(2026, 11, 3)), CONTEXT)


@pytest.fixture(params=["coaching", "matching"])
def service(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[WebService]:
    data_dir = tmp_path / "data"
    build: Callable[[], WebService]
    if request.param == "coaching":
        build = lambda: coaching(CoachingSettings(data_dir=data_dir))  # noqa: E731
    else:
        build = lambda: matching(MatchingSettings(data_dir=data_dir))  # noqa: E731
    built = build()
    yield built
    built.runtime.close()


def _sharing(runtime: ServiceRuntime) -> LogSubscription:
    (subscription,) = [
        s
        for s in runtime.subscriptions
        if s.name == f"{runtime.name}.intake_sharing" and isinstance(s, LogSubscription)
    ]
    return subscription


def test_a_withdrawn_sharing_consent_stops_the_clients_events_in_the_services_feed(
    service: WebService, tmp_path: Path
) -> None:
    runtime = service.runtime
    name = runtime.name
    event_type = EVENT_OF[name]
    log, intake = runtime.log, runtime.upstream_log("intake")
    sharing = _sharing(runtime)
    (relay,) = partner_relays(log, KafkaSettings(), [Partner("oulu", frozenset({"S1"}))],
                              a_contract(tmp_path, event_type))  # fmt: skip
    assert relay.accept is not None
    published: list[str] = []
    relayed: set[str] = set()

    def record(client: str) -> None:
        payload = {"client_id": client, "project_id": "S1", "number": len(relayed)}
        event = NewEvent(event_type=event_type, schema_version=1, payload=payload,
                         project_id="S1", actor="coach", correlation_id="c")  # fmt: skip
        log.append(f"thing-{event.event_id}", [event], ANY)

    def relay_new() -> None:
        for event in log.read_all():
            if event.event_id not in relayed and relay.accept(event):  # type: ignore[misc]
                published.append(event.payload["client_id"])
            relayed.add(event.event_id)

    record("c1")
    record("c2")
    relay_new()
    record("c1")  # recorded before the withdrawal, published after it: held back
    intake.append("consent-c1", [consent("c1", given=False)], ANY)
    assert sharing.catch_up() >= 1
    record("c1")
    record("c2")
    relay_new()
    held_back = list(published)
    intake.append("consent-c1", [consent("c1", given=True)], ANY)
    sharing.catch_up()
    record("c1")
    relay_new()

    assert held_back == ["c1", "c2", "c2"]
    assert published[-1] == "c1"  # consent given again


def test_a_redelivered_older_decision_does_not_undo_a_newer_one(service: WebService) -> None:
    """The table keeps the newest decision of the client's consent stream, however often
    the events come again (a replay from the start of intake's log changes nothing)."""
    runtime = service.runtime
    intake = runtime.upstream_log("intake")
    intake.append("consent-c1", [consent("c1", given=False)], ANY)
    intake.append("consent-c1", [consent("c1", given=True)], ANY)
    intake.append("consent-c2", [consent("c2", given=False)], ANY)
    sharing = _sharing(runtime)
    sharing.catch_up()
    for event in intake.read_all():  # every decision delivered once more, oldest first
        with runtime.log.db.engine.begin() as conn:
            sharing.handler(event, conn)

    assert StoredWithdrawals(runtime.log).withdrawn() == {"c2"}
