"""Invitations and reminders of sessions booked in coaching reach a real SMTP server on
loopback over STARTTLS; an outage loses and doubles nothing; no consent, no address and a
cancelled session send nothing; the SMS gateway gets the same through HTTP."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import trustme

from services.intake.adapters.senders import SmtpMailSender, message_id_header
from services.intake.config import SmtpSettings
from shared.business_dates import helsinki_today
from tests.integration.messages.conftest import World
from tests.integration.messages.loopback import SmsReceiver, SmtpServer

IN_THREE_DAYS = helsinki_today() + timedelta(days=3)
HELSINKI = ZoneInfo("Europe/Helsinki")


def _before(day: date, starts_at: str) -> datetime:
    """An hour before a meeting at ``starts_at`` on ``day``, Helsinki time."""
    meeting = datetime.combine(day, time.fromisoformat(starts_at), tzinfo=HELSINKI)
    return meeting - timedelta(hours=1)


def _ids(server: SmtpServer) -> Counter[str]:
    return Counter(str(m["Message-ID"]) for m in server.messages)


def test_an_invitation_and_then_each_reminder_reach_the_smtp_server(
    world: World, smtp_server: SmtpServer
) -> None:
    client = world.enrol(email="aino@example.fi", language="fi")
    world.book(client, IN_THREE_DAYS, "10:00")
    sender = world.sender(smtp=smtp_server)

    assert sender.send_due() == 1  # the invitation: the SMS channel has no gateway
    [invitation] = smtp_server.messages
    assert invitation["To"] == "aino@example.fi"
    assert invitation["Subject"].startswith("Tapaamisesi ")
    body = invitation.get_payload(decode=True).decode()
    assert "klo 10.00" in body and "paikan päällä" in body and "DuuniAgentti" in body
    assert "131052" not in body  # never the identity code

    world.clock.offset = timedelta(days=2)  # past the reminder two days before
    assert sender.send_due() == 1
    reminder = smtp_server.messages[-1]
    assert reminder["Subject"].startswith("Muistutus: tapaaminen ")

    world.clock.move_to(_before(IN_THREE_DAYS, "10:00"))  # past the one two hours before
    assert sender.send_due() == 1
    assert len(smtp_server.messages) == 3
    assert all(n == 1 for n in _ids(smtp_server).values())

    events = world.events()
    assert [e.payload["kind"] for e in events] == ["invitation", "reminder", "reminder"]
    assert {e.payload["result"] for e in events} == {"sent"}
    assert {e.payload["channel"] for e in events} == {"email"}
    assert all(e.payload["template_version"] == 0 for e in events)
    for event in events:  # never the address or the text
        assert "aino" not in str(event.payload) and "Tapaamis" not in str(event.payload)
    assert {message_id_header(e.payload["message_id"]) for e in events} == set(_ids(smtp_server))


def test_an_smtp_outage_delays_the_messages_and_each_arrives_exactly_once(
    world: World, smtp_server: SmtpServer
) -> None:
    clients = [world.enrol(email=f"asiakas{n}@example.fi") for n in range(3)]
    for client in clients:
        world.book(client, IN_THREE_DAYS, "13:00")
    sender = world.sender(smtp=smtp_server)
    smtp_server.stop()

    sender.send_due()
    sender.send_due()  # nothing is due again before its retry time
    assert smtp_server.messages == []
    # The invitations wait for their next attempt, the reminders for their time (the SMS
    # ones for a gateway): three clients, two channels, an invitation and two reminders.
    assert world.outbox().counts("A") == {"queued": 18}
    assert world.events() == []
    assert sender.last_error is not None and "example" not in sender.last_error

    for minutes in (1, 3, 7):  # still down through a few retries
        world.clock.offset = timedelta(minutes=minutes)
        sender.send_due()
    assert smtp_server.messages == []

    smtp_server.start()
    world.clock.offset = timedelta(minutes=30)
    sender.send_due()
    sender.send_due()
    ids = _ids(smtp_server)
    assert len(ids) == 3 and set(ids.values()) == {1}
    assert [e.payload["result"] for e in world.events()] == ["sent"] * 3
    assert all(e.payload["attempts"] > 1 for e in world.events())


def test_a_crash_between_sending_and_recording_resends_with_the_same_message_id(
    world: World, smtp_server: SmtpServer
) -> None:
    """The documented at-least-once window: the copy is recognisable by its Message-ID,
    and the event is recorded once."""
    client = world.enrol(email="aino@example.fi")
    world.book(client, IN_THREE_DAYS)
    outbox = world.outbox()
    sender = world.sender(smtp=smtp_server)
    [claim] = outbox.claim_due(["email"], 10, sender.lease)
    assert sender.mail is not None
    sender.mail.send(claim.message_id, "aino@example.fi", "Tapaamisesi", "…")
    sender.mail.close()  # … and the process dies before recording anything

    assert sender.send_due() == 0  # the row is still leased
    world.clock.offset = sender.lease + timedelta(seconds=1)
    assert sender.send_due() == 1
    assert _ids(smtp_server) == Counter({message_id_header(claim.message_id): 2})
    assert len(world.events()) == 1


def test_without_consent_nothing_is_sent_and_the_event_says_skipped(
    world: World, smtp_server: SmtpServer
) -> None:
    client = world.enrol(email="aino@example.fi", consent=False)
    world.book(client, IN_THREE_DAYS)
    sms = SmsReceiver()
    try:
        sender = world.sender(smtp=smtp_server, sms=sms)
        assert sender.send_due() == 2
        assert smtp_server.messages == [] and sms.received == []
    finally:
        sms.close()
    results = {(e.payload["channel"], e.payload["result"]) for e in world.events()}
    assert results == {("email", "skipped_no_consent"), ("sms", "skipped_no_consent")}
    assert all(e.payload["template_version"] is None for e in world.events())


def test_a_consent_withdrawn_stops_the_reminders_already_queued(
    world: World, smtp_server: SmtpServer
) -> None:
    client = world.enrol(email="aino@example.fi")
    world.book(client, IN_THREE_DAYS)
    sender = world.sender(smtp=smtp_server)
    assert sender.send_due() == 1
    world.consent(client, given=False)
    world.clock.move_to(_before(IN_THREE_DAYS, "10:00"))
    sender.send_due()
    assert len(smtp_server.messages) == 1
    assert [e.payload["result"] for e in world.events()] == [
        "sent", "skipped_no_consent", "skipped_no_consent",
    ]  # fmt: skip


def test_a_cancelled_session_sends_no_reminder_and_a_no_show_a_neutral_message(
    world: World, smtp_server: SmtpServer
) -> None:
    client = world.enrol(email="aino@example.fi", language="sv")
    cancelled = world.book(client, IN_THREE_DAYS, "09:00")
    missed = world.book(client, IN_THREE_DAYS + timedelta(days=1), "09:00")
    sender = world.sender(smtp=smtp_server)
    assert sender.send_due() == 2  # the two invitations
    world.cancel(cancelled)
    world.clock.offset = timedelta(days=5)
    world.cancel(missed, reason="no_show")
    sender.send_due()

    subjects = [str(m["Subject"]) for m in smtp_server.messages]
    assert len(subjects) == 3
    assert all(s.startswith("Din tid ") for s in subjects)
    assert "kl." not in subjects[-1]  # the neutral no-show message names the day only
    assert "Vi träffades inte" in smtp_server.messages[-1].get_payload(decode=True).decode()
    kinds = Counter(e.payload["kind"] for e in world.events())
    assert kinds == Counter({"invitation": 2, "no_show": 1})
    cancelled_rows = [r for r in world.outbox().of_project("A") if r.state == "cancelled"]
    # Both sessions' reminders in both channels, and the invitations still waiting for an
    # SMS gateway; never what was already sent.
    assert Counter((r.kind, r.channel) for r in cancelled_rows) == Counter(
        {("reminder", "email"): 4, ("reminder", "sms"): 4, ("invitation", "sms"): 2}
    )


def test_a_client_without_an_e_mail_address_is_skipped_for_no_address(
    world: World, smtp_server: SmtpServer
) -> None:
    client = world.enrol(email="")
    world.book(client, IN_THREE_DAYS)
    world.sender(smtp=smtp_server).send_due()
    assert smtp_server.messages == []
    assert [e.payload["result"] for e in world.events()] == ["skipped_no_address"]


def test_text_messages_go_to_the_gateway_with_the_bearer_token(world: World) -> None:
    client = world.enrol(phone="+358 40 765 4321", language="en")
    world.book(client, IN_THREE_DAYS, "14:30")
    sms = SmsReceiver()
    try:
        sender = world.sender(sms=sms)
        assert sender.send_due() == 1
        [(body, headers)] = sms.received
        assert headers["authorization"] == "Bearer gateway-secret"
        assert headers["idempotency-key"] == body["id"]
        assert body["to"] == "+358 40 765 4321"
        assert body["text"].startswith("You have an appointment on ") and "14:30" in body["text"]
        sms.status = 503  # the gateway down: the reminder waits and is tried again
        world.clock.offset = timedelta(days=2)
        sender.send_due()
        assert len(world.events()) == 1
        sms.status = 200
        world.clock.offset = timedelta(days=2, minutes=5)
        sender.send_due()
        assert len(sms.received) == 3
        assert [e.payload["result"] for e in world.events()] == ["sent", "sent"]
    finally:
        sms.close()


def test_an_smtp_server_whose_certificate_is_not_trusted_gets_nothing(
    world: World, smtp_server: SmtpServer, tmp_path: Path
) -> None:
    """STARTTLS checks the server's certificate: against another CA the message waits."""
    client = world.enrol(email="aino@example.fi")
    world.book(client, IN_THREE_DAYS)
    stranger = tmp_path / "other-ca.pem"
    trustme.CA().cert_pem.write_to_path(str(stranger))
    sender = world.sender(smtp=smtp_server)
    assert sender.mail is not None
    sender.mail = SmtpMailSender(
        SmtpSettings(host="127.0.0.1", port=smtp_server.port, ca_file=stranger)
    )
    sender.send_due()
    assert smtp_server.messages == [] and world.events() == []
    assert sender.last_error == "smtp_SSLCertVerificationError"
