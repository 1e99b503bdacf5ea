"""The project manager edits the templates (each save a new version that the next
message uses); a coach may not; a template naming an unknown blank is refused at its
field; the outbox and a client's recent messages are listed without text or address."""

from __future__ import annotations

from datetime import timedelta

from services.intake.adapters.messages import message_outbox
from services.intake.domain.messages import SaveTemplate
from shared.business_dates import helsinki_today
from shared.messagebus import CommandContext
from shared.refusal import Refusal
from tests.integration.coaching.builders import sign_in
from tests.integration.messages.conftest import World
from tests.integration.messages.loopback import SmtpServer

TEMPLATES = "/p/A/messages/templates"


def _form(world: World, user: str, **fields: str) -> dict[str, str]:
    token = sign_in(world.http, user)["X-CSRF-Token"]
    return {
        "csrf_token": token,
        "kind": "invitation",
        "channel": "email",
        "language": "fi",
    } | fields


def test_the_manager_saves_a_new_version_and_the_next_invitation_uses_it(
    world: World, smtp_server: SmtpServer
) -> None:
    form = _form(
        world, "manager-a", subject="Tervetuloa {date}", body="Nähdään {date} klo {time}, {coach}."
    )
    saved = world.http.post(TEMPLATES, data=form, follow_redirects=False)
    assert saved.status_code == 303, saved.text
    page = world.http.get(saved.headers["location"])
    assert page.status_code == 200
    assert "Tervetuloa {date}" in page.text and "Käytössä versio 1" in page.text

    client = world.enrol(email="aino@example.fi")
    world.book(client, helsinki_today() + timedelta(days=3), "10:00")
    world.sender(smtp=smtp_server).send_due()
    [mail] = smtp_server.messages
    assert mail["Subject"].startswith("Tervetuloa ")
    assert "klo 10.00, coach-a." in mail.get_payload(decode=True).decode()
    [event] = world.events()
    assert event.payload["template_version"] == 1

    again = _form(world, "manager-a", subject="Tervetuloa taas {date}", body="Nähdään {date}.")
    world.http.post(TEMPLATES, data=again, follow_redirects=False)
    assert world.outbox().template("A", "invitation", "email", "fi").version == 2


def test_a_coach_may_not_edit_templates_on_the_page_nor_through_the_bus(world: World) -> None:
    sign_in(world.http, "coach-a")
    assert world.http.get(TEMPLATES).status_code == 403
    form = _form(world, "coach-a", subject="X {date}", body="Y")
    assert world.http.post(TEMPLATES, data=form, follow_redirects=False).status_code == 403
    command = SaveTemplate(kind="invitation", channel="email", language="fi", subject="X", body="Y")
    context = CommandContext(actor="coach-a", project_id="A", roles=frozenset({"coach"}))
    try:
        world.state.bus.handle(command, context)
    except Refusal as refusal:
        assert refusal.code == "forbidden"
    else:  # pragma: no cover
        raise AssertionError("a coach saved a template")
    assert world.outbox().template("A", "invitation", "email", "fi").version == 0


def test_an_unknown_blank_is_refused_at_its_field_in_the_users_language(world: World) -> None:
    form = _form(world, "manager-a", subject="Hei {date}", body="Tunnuksesi {identity_code}")
    answer = world.http.post(TEMPLATES, data=form)
    assert answer.status_code == 422
    assert "Tekstissä on kohta, jota tähän viestiin ei voi täyttää" in answer.text
    assert 'aria-invalid="true"' in answer.text
    assert world.outbox().template("A", "invitation", "email", "fi").version == 0


def test_reminder_hours_are_set_by_the_manager_and_bad_ones_refused(world: World) -> None:
    token = sign_in(world.http, "manager-a")["X-CSRF-Token"]
    bad = world.http.post("/p/A/messages/reminders", data={"csrf_token": token, "hours": "24, abc"})
    assert bad.status_code == 422 and "kokonaisia tunteja" in bad.text
    good = world.http.post(
        "/p/A/messages/reminders", data={"csrf_token": token, "hours": "24"}, follow_redirects=False
    )
    assert good.status_code == 303
    assert world.outbox().reminder_hours("A") == (24,)
    client = world.enrol(email="aino@example.fi")
    world.book(client, helsinki_today() + timedelta(days=3))
    kinds = sorted((r.kind, r.channel) for r in world.outbox().of_client("A", client))
    assert kinds == [
        ("invitation", "email"),
        ("invitation", "sms"),
        ("reminder", "email"),
        ("reminder", "sms"),
    ]


def test_the_outbox_and_the_clients_page_list_messages_without_text_or_address(
    world: World, smtp_server: SmtpServer
) -> None:
    client = world.enrol(email="aino@example.fi")
    world.book(client, helsinki_today() + timedelta(days=3))
    world.sender(smtp=smtp_server).send_due()
    sign_in(world.http, "coach-a")
    outbox = world.http.get("/p/A/messages")
    assert outbox.status_code == 200
    assert "Kutsu tapaamiseen" in outbox.text and "Lähetetty" in outbox.text
    assert "aino@example.fi" not in outbox.text
    page = world.http.get(f"/p/A/clients/{client}")
    assert page.status_code == 200
    assert 'id="h-messages"' in page.text and "Muistutus tapaamisesta" in page.text
    sign_in(world.http, "coach-b")
    assert world.http.get("/p/A/messages").status_code == 404  # another project's


def test_a_coach_sends_a_form_link_by_e_mail_and_the_address_is_not_kept(
    world: World, smtp_server: SmtpServer
) -> None:
    client = world.enrol(email="aino@example.fi", language="sv")
    url = "https://duuni.example/l/a-token-of-the-participants-own"
    token = sign_in(world.http, "auditor-a")["X-CSRF-Token"]
    refused = world.http.post(
        f"/p/A/clients/{client}/messages/link",
        data={"csrf_token": token, "url": url, "channel": "email"},
    )
    assert refused.status_code == 403
    token = sign_in(world.http, "coach-a")["X-CSRF-Token"]
    bad = world.http.post(
        f"/p/A/clients/{client}/messages/link",
        data={"csrf_token": token, "url": "javascript:alert(1)", "channel": "email"},
    )
    assert bad.status_code == 422
    sent = world.http.post(
        f"/p/A/clients/{client}/messages/link",
        data={"csrf_token": token, "url": url, "channel": "email"},
        follow_redirects=False,
    )
    assert sent.status_code == 303
    world.sender(smtp=smtp_server).send_due()
    [mail] = smtp_server.messages
    assert mail["Subject"] == "Ett formulär att fylla i"
    assert url in mail.get_payload(decode=True).decode()
    [event] = world.events()
    assert event.payload["kind"] == "link" and url not in str(event.payload)
    with world.intake.runtime.log.db.read() as conn:
        stored = conn.execute(message_outbox.select()).mappings().all()
    assert [row["link_url"] for row in stored] == [None]  # cleared once sent
