"""A client who withdrew consent to partner sharing gets no further event in a partner feed.

The relay of intake's feed reads the consent events from the log it relays: after the
withdrawal nothing about the client passes its filter, other clients' events still do,
and a consent given again lets the client's events through once more.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from services.intake.domain.esf import ExitStatus
from services.intake.domain.events import ClientExited, ConsentGiven, ConsentWithdrawn
from shared.eventlog.port import ANY
from shared.eventlog.sql import SqlEventLog, open_database
from shared.events.envelope import Context, NewEvent
from shared.partners import Partner, partner_relays
from shared.settings import KafkaSettings
from tests.unit.intake.builders import enrolled

CONTEXT = Context(project_id="S1", actor="coach")


def a_contract(folder: Path) -> Path:
    path = folder / "contract.json"
    events = {name: {"version": 1, "service": "intake"} for name in
              ("intake.client_enrolled", "intake.client_exited")}  # fmt: skip
    path.write_text(json.dumps({"events": events}), encoding="utf-8")
    return path


def consent(client: str, *, given: bool) -> NewEvent:
    fields = {"client_id": client, "project_id": "S1", "purpose": "partner_sharing",
              "version": "2026-01", "channel": "in_person"}  # fmt: skip
    if given:
        return NewEvent.of(ConsentGiven(**fields, given_on=date(2026, 11, 3)), CONTEXT)
    return NewEvent.of(ConsentWithdrawn(**fields, withdrawn_on=date(2026, 11, 3)), CONTEXT)


def exited(client: str, on: date) -> NewEvent:
    event = ClientExited(client_id=client, exited_on=on, exit_status=ExitStatus.UNKNOWN)
    return NewEvent.of(event, CONTEXT)


def test_a_withdrawn_sharing_consent_stops_the_clients_events_in_the_partner_feed(
    tmp_path: Path,
) -> None:
    log = SqlEventLog(open_database(f"sqlite:///{tmp_path}/intake.db"), "intake").create()
    (relay,) = partner_relays(log, KafkaSettings(), [Partner("oulu", frozenset({"S1"}))],
                              a_contract(tmp_path))  # fmt: skip
    assert relay.accept is not None
    published: list[tuple[str, str]] = []

    def relay_new() -> None:
        done = {e.event_id for e in log.read_all()} - relayed
        for event in log.read_all():
            if event.event_id in done and relay.accept(event):  # type: ignore[misc]
                published.append((event.event_type, event.payload["client_id"]))
            relayed.add(event.event_id)

    relayed: set[str] = set()
    for client in ("c1", "c2"):
        log.append(
            f"client-{client}",
            [NewEvent.of(enrolled(client_id=client, project_id="S1"), CONTEXT)],
            ANY,
        )
    relay_new()
    log.append("consent-c1", [consent("c1", given=False)], ANY)
    log.append("client-c1", [exited("c1", date(2026, 11, 20))], ANY)
    log.append("client-c2", [exited("c2", date(2026, 11, 20))], ANY)
    relay_new()
    held_back = list(published)
    log.append("consent-c1", [consent("c1", given=True)], ANY)
    log.append("client-c1", [exited("c1", date(2026, 11, 21))], ANY)
    relay_new()

    assert held_back == [
        ("intake.client_enrolled", "c1"),
        ("intake.client_enrolled", "c2"),
        ("intake.client_exited", "c2"),
    ]
    assert published[-1] == ("intake.client_exited", "c1")  # consent given again
