"""Identity codes are masked on the pages for every role; the full code takes a reason.

The client page shows the birth-date part (``131052-****``). A user who gives a reason
in the small form (POST, with the session's CSRF token) sees the whole code in that
answer only, and the reveal is recorded: who, when, which client, why.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from fastapi.testclient import TestClient

from services.intake.adapters.personal_data import SqlPersonalData
from services.intake.domain.identity import masked
from shared.eventlog.sql import open_database
from tests.integration.intake.account_clients import accounts
from tests.integration.intake.clients import CODE, database_url, enrol, sign_in


def reveals(data_dir: Path, client_id: str) -> list[tuple[str, str, datetime]]:
    database = open_database(database_url(data_dir))
    try:
        found = SqlPersonalData(database).create().reveals_of("A", client_id)
    finally:
        database.dispose()
    return [(r.user_id, r.reason, r.revealed_at) for r in found]


def user_id(data_dir: Path, username: str) -> str:
    with accounts(data_dir) as store:
        stored = store.user_by_username(username)
    assert stored is not None
    return stored.user.id


def test_every_role_sees_the_birth_date_part_only(app: TestClient) -> None:
    client_id = enrol(app, sign_in(app, "coach-a")).json()["id"]

    for username in ("coach-a", "manager-a", "auditor-a"):
        sign_in(app, username)
        page = app.get(f"/p/A/clients/{client_id}").text
        assert "131052-****" in page, username
        assert CODE not in page, username


def test_an_auditor_sees_the_full_code_after_giving_a_reason_and_it_is_recorded(
    app: TestClient, data_dir: Path
) -> None:
    client_id = enrol(app, sign_in(app, "coach-a")).json()["id"]
    auditor = sign_in(app, "auditor-a")
    reason = {"csrf_token": auditor["X-CSRF-Token"], "reveal_reason": "Tarkastus, otos 12"}
    before = datetime.now(UTC)

    shown = app.post(f"/p/A/clients/{client_id}/identity-code", data=reason)
    again = app.get(f"/p/A/clients/{client_id}")

    assert shown.status_code == 200
    assert CODE in shown.text
    assert CODE not in again.text  # once, in that answer
    [(who, why, when)] = reveals(data_dir, client_id)
    assert (who, why) == (user_id(data_dir, "auditor-a"), "Tarkastus, otos 12")
    assert before - timedelta(seconds=1) <= when <= datetime.now(UTC)


def test_without_a_reason_or_the_forms_token_nothing_is_shown_or_recorded(
    app: TestClient, data_dir: Path
) -> None:
    client_id = enrol(app, sign_in(app, "coach-a")).json()["id"]
    coach = sign_in(app, "coach-a")
    url = f"/p/A/clients/{client_id}/identity-code"

    blank = app.post(url, data={"csrf_token": coach["X-CSRF-Token"], "reveal_reason": "  "})
    forged = app.post(url, data={"csrf_token": "forged", "reveal_reason": "Kela"})
    code_in_reason = app.post(
        url, data={"csrf_token": coach["X-CSRF-Token"], "reveal_reason": f"Kela {CODE}"}
    )

    assert (blank.status_code, forged.status_code, code_in_reason.status_code) == (422, 403, 422)
    assert "Kerro, miksi tarvitset koko henkilötunnuksen." in blank.text
    assert all(CODE not in answer.text for answer in (blank, forged, code_in_reason))
    assert reveals(data_dir, client_id) == []


def test_another_projects_client_is_not_found_and_nothing_is_recorded(
    app: TestClient, data_dir: Path
) -> None:
    client_id = enrol(app, sign_in(app, "coach-a")).json()["id"]
    other = sign_in(app, "coach-b")

    answer = app.post(
        f"/p/B/clients/{client_id}/identity-code",
        data={"csrf_token": other["X-CSRF-Token"], "reveal_reason": "Kela"},
    )

    assert answer.status_code == 404
    assert reveals(data_dir, client_id) == []


def test_the_mask_keeps_the_birth_date_and_century_sign() -> None:
    assert masked("131052-308T") == "131052-****"
    assert masked("010105A123B") == "010105A****"
