"""The client list reads the project's restricted clients once, and still masks them.

A restricted client's row shows "Restricted record" instead of the name to a coach, in
the page and the API list, and each masked row is logged as an attempt; a client whose
restriction was lifted, and everyone else, is listed as before. The auditor sees every
name.
"""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import text

from duuni.privacy_cli import opened_intake
from services.intake.adapters.directory import SqlDirectory
from shared.eventlog.sql import open_database
from tests.integration.intake.clients import database_url, enrol, sign_in

_CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY"


def _code(serial: int) -> str:
    digits = f"131052{serial:03d}"
    return f"131052-{serial:03d}{_CHECK[int(digits) % 31]}"


def _restrict(app: TestClient, client_id: str, *, lift: bool = False) -> None:
    auditor = sign_in(app, "auditor-a")
    answer = app.post(
        f"/p/A/clients/{client_id}/{'lift-restriction' if lift else 'restrict'}",
        data={"csrf_token": auditor["X-CSRF-Token"], "basis": "esf_retention"},
        follow_redirects=False,
    )
    assert answer.status_code == 303, answer.text


def _attempts(data_dir: Path) -> list[str | None]:
    db = open_database(database_url(data_dir))
    try:
        with db.engine.connect() as conn:
            query = text("SELECT client_id FROM access_log WHERE action = 'restricted'")
            return [row[0] for row in conn.execute(query)]
    finally:
        db.dispose()


def test_the_list_masks_the_restricted_clients_read_in_one_go(
    app: TestClient, data_dir: Path
) -> None:
    coach = sign_in(app, "coach-a")
    names = ("Korhonen", "Nieminen", "Mäkinen")
    restricted, lifted, other = (
        enrol(app, coach, identity_code=_code(200 + n), last_name=name).json()["id"]
        for n, name in enumerate(names)
    )
    _restrict(app, restricted)
    _restrict(app, lifted)
    _restrict(app, lifted, lift=True)

    sign_in(app, "coach-a")
    listed = app.get("/api/intake/projects/A/clients").json()["clients"]
    page = app.get("/p/A/clients?q=", headers={"Accept-Language": "en"})

    assert {c["client_id"]: c["last_name"] for c in listed} == {
        restricted: "restricted",
        lifted: "Nieminen",
        other: "Mäkinen",
    }
    assert page.status_code == 200 and "Restricted record" in page.text
    assert "Korhonen" not in page.text and "Nieminen" in page.text and "Mäkinen" in page.text
    assert _attempts(data_dir) == [restricted, restricted]  # one per list, that row only

    with opened_intake(data_dir) as intake:
        directory = intake.privacy.directory
        assert isinstance(directory, SqlDirectory)
        assert directory.restricted("A") == {restricted}
        assert directory.restricted("B") == set()

    sign_in(app, "auditor-a")
    seen = app.get("/api/intake/projects/A/clients").json()["clients"]
    assert {c["last_name"] for c in seen} == set(names)
