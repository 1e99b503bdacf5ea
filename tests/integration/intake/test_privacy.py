"""Privacy built in: who read whose data, sealed persons, erasure by key, a person's copy.

A read of a client page is in the access log, which the auditor sees (and her reading is
logged too); an edited entry breaks the log's hash chain. Persons are sealed, so the
store's files hold no name, identity code or e-mail; erasing a person deletes their key,
leaves the events and the verifications as they were, and the person is gone from the
pages. The person's own copy holds their data and the access-log entries about them.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text, update

from duuni.privacy_cli import opened_intake
from services.intake.adapters.access_log import access_log
from services.intake.adapters.personal_data import SqlPersonalData
from services.intake.adapters.sealing import KEY_FILE, MasterKeyMissing
from services.intake.domain.errors import DomainError
from services.intake.domain.privacy import SetRetentionRule
from services.intake.service_layer.privacy import retention_sweep
from shared.eventlog.sql import SqlEventLog, open_database
from shared.messagebus import CommandContext
from tests.integration.intake.account_clients import accounts
from tests.integration.intake.builders import a_user
from tests.integration.intake.clients import CODE, database_url, enrol, recorded, sign_in

SECRETS = (b"Virtanen", CODE.encode(), b"aino@example.fi", b"Aino")


def _store_bytes(data_dir: Path) -> bytes:
    """Every byte of intake's files in the data folder (database, WAL, journal)."""
    return b"".join(
        p.read_bytes() for p in data_dir.iterdir() if p.is_file() and p.name.startswith("intake")
    )


def _log_rows(data_dir: Path) -> list[tuple[str, str | None, str]]:
    db = open_database(database_url(data_dir))
    try:
        with db.engine.connect() as conn:
            rows = conn.execute(
                text("SELECT user_id, client_id, action FROM access_log ORDER BY seq")
            )
            return [tuple(r) for r in rows]  # type: ignore[misc]
    finally:
        db.dispose()


def _verify(data_dir: Path) -> bool:
    with opened_intake(data_dir) as intake:
        return intake.privacy.access.verify().ok


def test_a_client_page_read_is_logged_and_the_auditor_sees_it(
    app: TestClient, data_dir: Path
) -> None:
    client_id = enrol(app, sign_in(app, "coach-a")).json()["id"]
    sign_in(app, "coach-a2")
    assert app.get(f"/p/A/clients/{client_id}").status_code == 200
    coach_sees_log = app.get("/p/A/privacy/access-log").status_code

    sign_in(app, "auditor-a")
    page = app.get(f"/p/A/privacy/access-log?client={client_id}")

    assert coach_sees_log == 403
    assert page.status_code == 200
    assert "Opened the record" in page.text or "Avasi" in page.text
    actions = [(action, client) for _user, client, action in _log_rows(data_dir)]
    assert ("write", client_id) in actions  # the enrolment
    assert ("view", client_id) in actions  # coach-a2's read
    assert actions[-1] == ("audit", client_id)  # reading the log is logged
    assert _verify(data_dir)


def test_the_client_page_shows_who_has_opened_it(app: TestClient) -> None:
    client_id = enrol(app, sign_in(app, "coach-a")).json()["id"]
    sign_in(app, "manager-a")
    app.get(f"/p/A/clients/{client_id}")

    sign_in(app, "coach-a")
    page = app.get(f"/p/A/clients/{client_id}").text

    assert 'id="h-opened"' in page
    assert "manager-a" in page.lower() or "Manager" in page


def test_api_reads_and_lists_are_logged(app: TestClient, data_dir: Path) -> None:
    client_id = enrol(app, sign_in(app, "coach-a")).json()["id"]
    app.get("/api/intake/projects/A/clients")
    app.get(f"/api/intake/projects/A/clients/{client_id}")

    actions = [action for _user, client, action in _log_rows(data_dir) if client == client_id]

    assert actions == ["write", "search", "view"]


def test_tampering_with_the_access_log_is_detected(app: TestClient, data_dir: Path) -> None:
    client_id = enrol(app, sign_in(app, "coach-a")).json()["id"]
    app.get(f"/p/A/clients/{client_id}")
    assert _verify(data_dir)

    db = open_database(database_url(data_dir))
    with db.engine.begin() as conn:
        conn.execute(update(access_log).where(access_log.c.action == "view").values(user_id="x"))
    db.dispose()

    with opened_intake(data_dir) as intake:
        verdict = intake.privacy.access.verify()
    assert not verdict.ok and verdict.first_bad == 2


def test_persons_are_sealed_and_the_key_file_is_private(app: TestClient, data_dir: Path) -> None:
    client_id = enrol(app, sign_in(app, "coach-a")).json()["id"]

    page = app.get(f"/p/A/clients/{client_id}").text

    assert "Virtanen" in page  # readable through the service
    assert not any(secret in _store_bytes(data_dir) for secret in SECRETS[:3])
    assert (data_dir / KEY_FILE).stat().st_mode & 0o777 == 0o600


def test_erasure_leaves_nothing_readable_and_the_log_and_events_intact(
    app: TestClient, data_dir: Path
) -> None:
    client_id = enrol(app, sign_in(app, "coach-a")).json()["id"]
    events_before = [(e.event_id, e.event_type) for e in recorded(data_dir)]
    coach_tries = app.post(
        f"/p/A/clients/{client_id}/erase",
        data={"csrf_token": sign_in(app, "coach-a")["X-CSRF-Token"], "confirm": "yes"},
    )
    auditor = sign_in(app, "auditor-a")
    unconfirmed = app.post(
        f"/p/A/clients/{client_id}/erase", data={"csrf_token": auditor["X-CSRF-Token"]}
    )

    erased = app.post(
        f"/p/A/clients/{client_id}/erase",
        data={"csrf_token": auditor["X-CSRF-Token"], "confirm": "yes"},
        follow_redirects=False,
    )

    assert (coach_tries.status_code, unconfirmed.status_code, erased.status_code) == (403, 422, 303)
    assert app.get(f"/p/A/clients/{client_id}").status_code == 404
    assert client_id not in [
        c["client_id"] for c in app.get("/api/intake/projects/A/clients").json()["clients"]
    ]
    assert [(e.event_id, e.event_type) for e in recorded(data_dir)] == events_before
    db = open_database(database_url(data_dir))
    try:
        assert SqlEventLog(db, "intake").verify().ok
        erasures = SqlEventLog(db, "intake").read_stream(f"erasure-{client_id}")
        with db.engine.connect() as conn:
            keys = conn.execute(text("SELECT count(*) FROM person_keys")).scalar_one()
    finally:
        db.dispose()
    assert keys == 0
    assert [(e.event_type, e.payload["basis"]) for e in erasures] == [
        ("intake.person_erased", "request")
    ]
    assert not any(secret in _store_bytes(data_dir) for secret in SECRETS)
    assert ("erase" in [a for _u, c, a in _log_rows(data_dir) if c == client_id]) and _verify(
        data_dir
    )


def test_the_own_copy_holds_the_person_and_who_accessed_them(
    app: TestClient, data_dir: Path
) -> None:
    client_id = enrol(app, sign_in(app, "coach-a")).json()["id"]
    app.get(f"/p/A/clients/{client_id}")
    sign_in(app, "auditor-a")

    copy = app.get(f"/p/A/clients/{client_id}/own-copy.json")
    html = app.get(f"/p/A/clients/{client_id}/own-copy.html")

    assert copy.status_code == 200 and html.status_code == 200
    held = json.loads(copy.content)
    assert (held["person"]["last_name"], held["person"]["identity_code"]) == ("Virtanen", CODE)
    assert [a["action"] for a in held["access_log"]][:2] == ["write", "view"]
    assert held["access_log"][-1]["action"] == "export"
    assert '<html lang="fi">' in html.text and "Virtanen" in html.text
    assert "Henkilötietosi" in html.text


def test_retention_and_the_sweep(app: TestClient, data_dir: Path) -> None:
    client_id = enrol(app, sign_in(app, "coach-a")).json()["id"]
    with opened_intake(data_dir) as intake:
        people = intake.privacy.people
        assert intake.privacy.kept_until("A") == date(2034, 12, 31)  # ends 2029 + five years
        assert retention_sweep(intake.bus, intake.privacy, date(2034, 12, 31), dry_run=False) == []
        listed = retention_sweep(intake.bus, intake.privacy, date(2035, 1, 1), dry_run=True)
        assert {d.client_id for d in listed} == {client_id}
        assert people.project_of(client_id) == "A"  # a dry run erases nobody

        retention_sweep(intake.bus, intake.privacy, date(2035, 1, 1), dry_run=False)

        assert people.project_of(client_id) is None
    # The sweep erased through intake's bus, as the retention: logged like any erasure.
    assert ("system:retention", client_id, "erase") in _log_rows(data_dir)
    assert app.get(f"/p/A/clients/{client_id}").status_code == 404


def test_only_an_administrator_sets_a_retention_rule_and_a_refused_one_changes_nothing(
    data_dir: Path,
) -> None:
    coach = CommandContext(actor="coach-a", project_id="A", roles=frozenset({"coach"}),
                           projects=frozenset({"A"}))  # fmt: skip
    with opened_intake(data_dir) as intake:
        kept_until = intake.privacy.kept_until
        refused = []
        for command, context in [
            (SetRetentionRule(years=7), coach),
            (SetRetentionRule(years=101), CommandContext.operator("admin", "A")),
            (SetRetentionRule(years=-1), CommandContext.operator("admin", "A")),
            (SetRetentionRule(years=7), CommandContext.operator("admin", "NOPE")),
        ]:
            with pytest.raises(DomainError) as error:
                intake.bus.handle(command, context)
            refused.append((error.value.code, error.value.field))
        unchanged = kept_until("A")

        intake.bus.handle(SetRetentionRule(years=7), CommandContext.operator("admin", "A"))
        by_years = kept_until("A")
        intake.bus.handle(
            SetRetentionRule(years=7, until=date(2031, 3, 31)),
            CommandContext.operator("admin", "A"),
        )
        by_day = kept_until("A")

    assert refused == [
        ("admin_required", None),
        ("invalid_retention_years", "years"),
        ("invalid_retention_years", "years"),
        ("project_not_found", None),
    ]
    assert unchanged == date(2034, 12, 31)  # the project ends in 2029: five years by default
    assert by_years == date(2036, 12, 31)
    assert by_day == date(2031, 3, 31)  # the funding decision's day wins


def test_the_projects_page_shows_how_long_personal_data_is_kept(
    app: TestClient, data_dir: Path
) -> None:
    with accounts(data_dir) as store:
        a_user(store, "admin", roles=("admin",), projects=())
    sign_in(app, "admin")

    page = app.get("/admin/projects")

    assert page.status_code == 200
    assert "31.12.2034" in page.text  # the project ends in 2029: five more years


def test_an_administrator_changes_the_retention_on_its_page(
    app: TestClient, data_dir: Path
) -> None:
    with accounts(data_dir) as store:
        a_user(store, "admin", roles=("admin",), projects=())
    token = sign_in(app, "admin")["X-CSRF-Token"]
    page = "/admin/projects/A/retention"

    shown = app.get(page)
    not_a_number = app.post(page, data={"csrf_token": token, "years": "seven", "until": ""})
    too_long = app.post(page, data={"csrf_token": token, "years": "101", "until": ""})
    without_token = app.post(page, data={"years": "7", "until": ""})
    unchanged = app.get("/admin/projects").text
    saved = app.post(
        page, data={"csrf_token": token, "years": "7", "until": ""}, follow_redirects=False
    )
    listed = app.get(saved.headers["location"]).text
    by_day = app.post(
        page,
        data={"csrf_token": token, "years": "7", "until": "2031-03-31"},
        follow_redirects=False,
    )
    again = app.get(page).text
    unknown = app.get("/admin/projects/NOPE/retention")
    sign_in(app, "coach-a")
    coach = app.get(page)

    assert shown.status_code == 200 and 'value="5"' in shown.text and "31.12.2034" in shown.text
    assert not_a_number.status_code == 422 and 'href="#years"' in not_a_number.text
    assert too_long.status_code == 422 and "0–100" in too_long.text  # Finnish by default
    assert without_token.status_code == 403
    assert "31.12.2034" in unchanged  # nothing refused was saved
    assert saved.status_code == 303 and "saved=retention_set" in saved.headers["location"]
    assert "31.12.2036" in listed and "säilytysaikaa muutettiin" in listed
    assert by_day.status_code == 303 and 'value="2031-03-31"' in again and "31.3.2031" in again
    assert unknown.status_code == 404
    assert coach.status_code == 403


def test_stored_persons_without_their_master_key_refuse_to_start(
    app: TestClient, data_dir: Path
) -> None:
    enrol(app, sign_in(app, "coach-a"))
    key = (data_dir / KEY_FILE).read_bytes()
    (data_dir / KEY_FILE).unlink()
    db = open_database(database_url(data_dir))
    try:
        with pytest.raises(MasterKeyMissing, match=KEY_FILE):
            SqlPersonalData(db).create()
        (data_dir / KEY_FILE).write_bytes(key)
        assert SqlPersonalData(db).create().client_ids("A")
    finally:
        db.dispose()


def test_the_auditor_exports_the_filtered_log_as_csv(app: TestClient, data_dir: Path) -> None:
    client_id = enrol(app, sign_in(app, "coach-a")).json()["id"]
    sign_in(app, "auditor-a")

    exported = app.get(f"/p/A/privacy/access-log?client={client_id}&action=write&format=csv")

    assert exported.status_code == 200 and exported.headers["content-type"].startswith("text/csv")
    header, *rows = exported.text.strip().splitlines()
    assert header.startswith("seq,at_utc,user_id,client_id,action")
    assert [row.split(",")[3:5] for row in rows] == [[client_id, "write"]]
    assert _holds_no_person(exported.text)
    assert _log_rows(data_dir)[-1][1:] == (client_id, "audit")


def _holds_no_person(text: str) -> bool:
    """The export names users and clients by id only."""
    return "Virtanen" not in text and CODE not in text
