"""A message queued before a person's processing was restricted, or before they were
erased, is not sent: the sender checks when the message is due, records the result
(``withheld_restricted`` / ``withheld_erased``, no address or text) and does not retry.
A lifted restriction lets the next messages go again."""

from __future__ import annotations

from datetime import timedelta

from services.intake.domain.privacy import ErasePerson
from services.intake.domain.restriction import LiftRestriction, RestrictProcessing
from shared.business_dates import helsinki_today
from shared.messagebus import CommandContext
from tests.integration.messages.conftest import World
from tests.integration.messages.loopback import SmtpServer

IN_THREE_DAYS = helsinki_today() + timedelta(days=3)
PROTECTOR = CommandContext(actor="auditor-a", project_id="A", roles=frozenset({"auditor"}))


def _results(world: World) -> dict[tuple[str, str], list[str]]:
    found: dict[tuple[str, str], list[str]] = {}
    for event in world.events():
        key = (event.payload["client_id"], event.payload["kind"])
        found.setdefault(key, []).append(event.payload["result"])
    return found


def test_a_restricted_or_erased_person_gets_no_queued_message(
    world: World, smtp_server: SmtpServer
) -> None:
    restricted = world.enrol(email="rajattu@example.fi")
    erased = world.enrol(email="poistettu@example.fi")
    other = world.enrol(email="muu@example.fi")
    for client in (restricted, erased, other):
        world.book(client, IN_THREE_DAYS, "10:00")  # invitations and reminders queued
    world.state.bus.handle(RestrictProcessing(client_id=restricted), PROTECTOR)
    world.state.bus.handle(ErasePerson(client_id=erased), PROTECTOR)
    sender = world.sender(smtp=smtp_server)

    assert sender.send_due() == 3
    assert [m["To"] for m in smtp_server.messages] == ["muu@example.fi"]
    assert _results(world) == {
        (restricted, "invitation"): ["withheld_restricted"],
        (erased, "invitation"): ["withheld_erased"],
        (other, "invitation"): ["sent"],
    }
    for event in world.events():  # never the address or the text
        assert "example.fi" not in str(event.payload) and "Tapaamis" not in str(event.payload)
    states = {(r.client_id, r.kind): r.state for r in world.outbox().of_project("A")}
    assert states[(restricted, "invitation")] == "withheld_restricted"  # done, not retried
    assert states[(erased, "invitation")] == "withheld_erased"
    world.clock.offset = timedelta(hours=1)
    assert sender.send_due() == 0  # nothing withheld comes back to be tried again

    world.state.bus.handle(LiftRestriction(client_id=restricted), PROTECTOR)
    world.clock.offset = timedelta(days=2)  # the reminders two days before are due
    assert sender.send_due() == 3
    assert sorted(m["To"] for m in smtp_server.messages[1:]) == [
        "muu@example.fi",
        "rajattu@example.fi",
    ]
    assert _results(world)[(erased, "reminder")] == ["withheld_erased"]
    assert world.outbox().counts("A")["queued"] == 12  # the SMS ones (no gateway), the last
