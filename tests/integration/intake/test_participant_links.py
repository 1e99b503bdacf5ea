"""Forms by link: a coach issues a link, the participant opens it without an account and
sends answers that wait as a proposal, the coach confirms them through the bus; opening
and sending are in the access log; refused links, unknown tokens and the rate limit."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from fastapi.testclient import TestClient
from sqlalchemy import text

from services.intake.adapters.access_log import SqlAccessLog
from services.intake.adapters.links import SqlLinks
from services.intake.service_layer.access_log import AccessQuery
from shared.eventlog.sql import SqlEventLog, open_database
from shared.events.envelope import RecordedEvent
from tests.integration.intake.clients import database_url, enrol, recorded, sign_in

START_ANSWERS = {
    "gender": "female",
    "education": "isced_5_8",
    "labour_market_status": "unemployed",
    "unemployed_since": "2025-01-15",
    "municipality": "Lohja",
    "disability": "declined",
    "foreign_background": "no",
    "third_country_national": "no",
    "minority": "declined",
    "homeless_or_housing_exclusion": "no",
    "other_disadvantaged": "no",
}


def _issue(app: TestClient, headers: dict[str, str], client_id: str, **fields: str) -> str:
    form = {"csrf_token": headers["X-CSRF-Token"], "kind": "participant_start_form",
            "language": "sv", "valid_days": "14"} | fields  # fmt: skip
    page = app.post(f"/p/A/clients/{client_id}/links", data=form)
    assert page.status_code == 200, page.text
    found = re.search(r'id="new-link" type="text" readonly value="([^"]+)"', page.text)
    assert found is not None
    return found.group(1).removeprefix("http://testserver")


def _stream(data_dir: Path, stream_id: str) -> list[RecordedEvent]:
    db = open_database(database_url(data_dir))
    try:
        return list(SqlEventLog(db, "intake").read_stream(stream_id))
    finally:
        db.dispose()


def _link_entries(data_dir: Path, client_id: str) -> list[tuple[str, str, str | None]]:
    db = open_database(database_url(data_dir))
    try:
        entries, _ = SqlAccessLog(db).entries(AccessQuery(project_id="A", client_id=client_id))
    finally:
        db.dispose()
    return [(e.user_id, e.action, e.purpose) for e in reversed(entries)
            if e.user_id.startswith("link:")]  # fmt: skip


def _proposal_id(html: str) -> str:
    found = re.search(r'/proposals/([0-9a-f-]{36})"', html)
    assert found is not None
    return found.group(1)


def _decide(app: TestClient, headers: dict[str, str], client_id: str, html: str,
            decision: str) -> httpx.Response:  # fmt: skip
    path = f"/p/A/clients/{client_id}/proposals/{_proposal_id(html)}"
    return app.post(path, data={"csrf_token": headers["X-CSRF-Token"], "decision": decision},
                    follow_redirects=False)  # fmt: skip


def test_a_participant_sends_the_start_form_and_the_coach_confirms_it(
    app: TestClient, data_dir: Path
) -> None:
    coach = sign_in(app, "coach-a")
    client_id = enrol(app, coach).json()["id"]
    path = _issue(app, coach, client_id)
    app.cookies.clear()  # the participant has no account

    opened = app.get(path)
    sent = app.post(path, data=START_ANSWERS, follow_redirects=False)
    thanks = app.get(sent.headers["location"])
    reused = app.get(path)

    assert opened.status_code == 200 and opened.headers["content-language"] == "sv"
    assert 'value="Lohja"' in opened.text  # pre-filled from what the project holds
    assert "Jag vill inte svara" in opened.text
    assert sent.status_code == 303 and thanks.status_code == 200
    assert reused.status_code == 410 and "redan skickats" in reused.text
    assert [e.event_type for e in recorded(data_dir)] == ["intake.client_enrolled"]

    manager = sign_in(app, "manager-a")
    client_page = app.get(f"/p/A/clients/{client_id}").text
    review = app.get(f"/p/A/clients/{client_id}/links")
    confirmed = _decide(app, manager, client_id, review.text, "confirm")
    after = app.get(f"/p/A/clients/{client_id}/links").text

    assert "waiting for confirmation" in client_page or "odottaa" in client_page
    assert "isced_5_8" not in review.text and review.status_code == 200
    assert confirmed.status_code == 303
    enrolled, corrected = _stream(data_dir, f"client-{client_id}")
    assert corrected.event_type == "intake.start_data_corrected"
    assert corrected.payload["entered_by"] == "participant"
    assert corrected.actor != enrolled.actor  # the manager who confirmed, not the coach
    assert corrected.payload["start_data"]["education"] == "isced_5_8"
    assert "/proposals/" not in after
    link = _link_user(data_dir, client_id)  # opened once, sent once, under the link's name
    assert _link_entries(data_dir, client_id) == [
        (link, "view", "participant_start_form"),
        (link, "write", "participant_start_form"),
    ]


def _link_user(data_dir: Path, client_id: str) -> str:
    db = open_database(database_url(data_dir))
    try:
        return f"link:{SqlLinks(db).for_subject('A', client_id)[0].link_id}"
    finally:
        db.dispose()


def test_bad_answers_are_refused_at_their_fields_in_the_links_language_and_nothing_is_kept(
    app: TestClient,
) -> None:
    coach = sign_in(app, "coach-a")
    client_id = enrol(app, coach).json()["id"]
    path = _issue(app, coach, client_id, language="fi")
    app.cookies.clear()

    refused = app.post(path, data=START_ANSWERS | {"education": "", "municipality": " "})
    english = app.post(path + "?lang=en", data=START_ANSWERS | {"education": "phd"})

    assert refused.status_code == 422
    summary = refused.text.split('class="error-summary"', 1)[1].split("</div>", 1)[0]
    assert re.findall(r'href="#([^"]+)"', summary) == ["education", "municipality"]
    assert "Kirjoita asuinkuntasi." in refused.text
    assert english.status_code == 422 and "Choose one of the options" in english.text
    sign_in(app, "coach-a")
    assert "/proposals/" not in app.get(f"/p/A/clients/{client_id}/links").text


def test_consent_by_link_is_given_online_and_confirmed_by_the_coach(
    app: TestClient, data_dir: Path
) -> None:
    coach = sign_in(app, "coach-a")
    client_id = enrol(app, coach).json()["id"]
    path = _issue(app, coach, client_id, kind="participant_consent", language="en")
    app.cookies.clear()

    page = app.get(path)
    app.post(path, data={"project_processing": "yes", "contact_by_email_sms": "yes",
                         "partner_sharing": "no", "employer_presentation": "yes"})  # fmt: skip
    coach = sign_in(app, "coach-a")
    review = app.get(f"/p/A/clients/{client_id}/links").text
    confirmed = _decide(app, coach, client_id, review, "confirm")

    assert "Your data is used to arrange your coaching" in page.text
    assert confirmed.status_code == 303
    events = _stream(data_dir, f"consent-{client_id}")
    assert [(e.event_type, e.payload["purpose"]) for e in events] == [
        ("intake.consent_given", "project_processing"),
        ("intake.consent_given", "contact_by_email_sms"),
        ("intake.consent_withdrawn", "partner_sharing"),  # a "no" is recorded as such
        ("intake.consent_given", "employer_presentation"),
    ]
    assert {(e.payload["channel"], e.payload["entered_by"]) for e in events} == {
        ("e_service", "participant")
    }
    enrolled = _stream(data_dir, f"client-{client_id}")[0]
    assert {e.actor for e in events} == {enrolled.actor}  # the coach who confirmed


def test_a_rejected_proposal_changes_nothing_and_cannot_be_decided_again(
    app: TestClient, data_dir: Path
) -> None:
    coach = sign_in(app, "coach-a")
    client_id = enrol(app, coach).json()["id"]
    path = _issue(app, coach, client_id)
    app.cookies.clear()
    app.post(path, data=START_ANSWERS)
    coach = sign_in(app, "coach-a")
    review = app.get(f"/p/A/clients/{client_id}/links").text

    rejected = _decide(app, coach, client_id, review, "reject")
    again = _decide(app, coach, client_id, review, "confirm")

    assert rejected.status_code == 303 and again.status_code == 422
    assert [e.event_type for e in recorded(data_dir)] == ["intake.client_enrolled"]


def test_only_the_projects_coaches_and_managers_issue_and_decide(app: TestClient) -> None:
    coach = sign_in(app, "coach-a")
    client_id = enrol(app, coach).json()["id"]
    _issue(app, coach, client_id)

    auditor = sign_in(app, "auditor-a")
    form = {"kind": "participant_consent", "language": "fi", "valid_days": "14"}
    by_auditor = app.post(
        f"/p/A/clients/{client_id}/links", data=form | {"csrf_token": auditor["X-CSRF-Token"]}
    )
    other = sign_in(app, "coach-b")
    seen_by_other = app.get(f"/p/A/clients/{client_id}/links")
    coach = sign_in(app, "coach-a")
    too_long = app.post(
        f"/p/A/clients/{client_id}/links",
        data=form | {"csrf_token": coach["X-CSRF-Token"], "valid_days": "365"},
    )

    assert by_auditor.status_code == 403
    assert seen_by_other.status_code == 404 and other
    assert too_long.status_code == 422 and 'href="#valid_days"' in too_long.text


def test_expired_and_revoked_links_say_so_in_the_links_language(
    app: TestClient, data_dir: Path
) -> None:
    coach = sign_in(app, "coach-a")
    client_id = enrol(app, coach).json()["id"]
    revoked_path = _issue(app, coach, client_id, language="fi")
    link_id = _link_user(data_dir, client_id).removeprefix("link:")
    revoked = app.post(
        f"/p/A/clients/{client_id}/links/{link_id}/revoke",
        data={"csrf_token": coach["X-CSRF-Token"]},
        follow_redirects=False,
    )
    db = open_database(database_url(data_dir))
    try:
        _grant, token = SqlLinks(db).issue(
            project_id="A", purpose="participant_start_form", subject_id=client_id,
            language="sv", created_by="coach-a", now=datetime.now(UTC) - timedelta(days=3),
            valid_for=timedelta(days=2),
        )  # fmt: skip
    finally:
        db.dispose()
    app.cookies.clear()

    expired = app.get(f"/l/{token}")
    cancelled = app.get(revoked_path)
    in_english = app.get(f"/l/{token}?lang=en")

    assert revoked.status_code == 303
    assert expired.status_code == 410 and "Länken har gått ut" in expired.text
    assert cancelled.status_code == 410 and "Linkki ei ole enää käytössä" in cancelled.text
    assert "This link has expired" in in_english.text


def _same(response: httpx.Response) -> tuple[int, str]:
    return response.status_code, response.text


def test_an_unknown_token_and_a_wrong_one_get_the_same_answer(app: TestClient) -> None:
    coach = sign_in(app, "coach-a")
    client_id = enrol(app, coach).json()["id"]
    path = _issue(app, coach, client_id)
    wrong = path[:-2] + ("AA" if not path.endswith("AA") else "BB")
    app.cookies.clear()

    unknown = app.get("/l/" + "x" * 43)
    mistyped = app.get(wrong)
    posted = app.post(wrong, data=START_ANSWERS)

    assert unknown.status_code == 404
    assert _same(unknown) == _same(mistyped) == _same(posted)


def test_link_pages_are_rate_limited_per_address_with_a_page_in_the_readers_language(
    app: TestClient,
) -> None:
    answers: list[Any] = [app.get("/l/nothing?lang=fi") for _ in range(31)]

    assert {a.status_code for a in answers[:30]} == {404}
    assert answers[30].status_code == 429
    assert "Liian monta pyyntöä" in answers[30].text
    assert int(answers[30].headers["retry-after"]) >= 1


def test_the_six_month_follow_up_by_link_is_recorded_as_told_by_the_client(
    app: TestClient, data_dir: Path
) -> None:
    coach = sign_in(app, "coach-a")
    client_id = str(enrol(app, coach).json()["id"])
    exited = app.post(f"/api/intake/projects/A/clients/{client_id}/exit", headers=coach,
                      json={"exit_date": "2026-11-20", "exit_status": "unknown"})  # fmt: skip
    assert exited.status_code == 200, exited.text
    path = _issue(app, coach, client_id, kind="participant_follow_up", language="fi")
    app.cookies.clear()

    missing = app.post(path, data={"exit_status": "employed"})
    sent = app.post(path, data={"exit_status": "employed", "employment_type": "fixed_term"},
                    follow_redirects=False)  # fmt: skip
    coach = sign_in(app, "coach-a")
    review = app.get(f"/p/A/clients/{client_id}/links").text
    confirmed = _decide(app, coach, client_id, review, "confirm")

    assert missing.status_code == 422 and 'href="#employment_type"' in missing.text
    assert sent.status_code == 303 and confirmed.status_code == 303
    follow_up = _stream(data_dir, f"client-{client_id}")[-1]
    assert follow_up.event_type == "intake.follow_up_recorded"
    assert {k: follow_up.payload[k] for k in ("exit_status", "employment_type", "source",
                                              "reached", "entered_by")} == {
        "exit_status": "employed", "employment_type": "fixed_term", "source": "client",
        "reached": True, "entered_by": "participant",
    }  # fmt: skip


def test_erasing_the_person_erases_their_links_and_waiting_answers(
    app: TestClient, data_dir: Path
) -> None:
    coach = sign_in(app, "coach-a")
    client_id = enrol(app, coach).json()["id"]
    sent_path = _issue(app, coach, client_id)
    open_path = _issue(app, coach, client_id, kind="participant_consent")
    app.cookies.clear()
    app.post(sent_path, data=START_ANSWERS)
    auditor = sign_in(app, "auditor-a")

    erased = app.post(
        f"/p/A/clients/{client_id}/erase",
        data={"csrf_token": auditor["X-CSRF-Token"], "confirm": "yes"},
        follow_redirects=False,
    )
    app.cookies.clear()

    assert erased.status_code == 303
    assert app.get(open_path).status_code == 404  # as unknown as any other token
    db = open_database(database_url(data_dir))
    try:
        with db.engine.connect() as conn:
            left = [
                conn.execute(
                    text(f"SELECT count(*) FROM {table} WHERE project_id = 'A'")
                ).scalar_one()
                for table in ("links", "link_proposals")
            ]
    finally:
        db.dispose()
    assert left == [0, 0]
