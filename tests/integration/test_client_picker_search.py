"""The booking form's client picker, with intake in the same process: a coach finds a
client by name, identity code or phone; a client enrolled a moment ago is found at once."""

from __future__ import annotations

import re
import time
from pathlib import Path

from fastapi.testclient import TestClient

from duuni.app import create_app
from services.intake.adapters.accounts import SqlAccountStore
from services.intake.config import IntakeSettings
from services.intake.service_layer.projects import register_project
from shared.eventlog.sql import SqlEventLog, open_database
from tests.integration.intake.builders import a_user
from tests.integration.intake.clients import CODE, a_form, a_plan, sign_in

OTHER_CODE = "010160-234F"
"""Born 1960: within the target group, as the form's own person."""
PICKER = "/p/P1/coaching/sessions/new"


def _site(data_dir: Path) -> None:
    db = open_database(IntakeSettings(data_dir=data_dir).resolved_database_url())
    store = SqlAccountStore(db).create()
    a_user(store, "coach-p1", projects=("P1",))
    register_project(SqlEventLog(db, "intake").create(), "P1", a_plan(), actor="admin")
    db.dispose()


def _offered(client: TestClient, q: str) -> list[str]:
    page = client.get(PICKER, params={"q": q}).text
    form = page.split('<select id="client_id"', 1)[1].split("</select>", 1)[0]
    return re.findall(r'<option value="([^"]+)"', form)


def _known_to_coaching(client: TestClient, client_id: str) -> None:
    for _ in range(300):
        if client_id in _offered(client, ""):
            return
        time.sleep(0.05)
    raise AssertionError("coaching never learnt of the enrolment")


def test_the_picker_finds_a_client_by_name_identity_code_or_phone(tmp_path: Path) -> None:
    data_dir = tmp_path / "site"
    _site(data_dir)
    with TestClient(create_app(data_dir, ["intake", "coaching"])) as client:
        coach = sign_in(client, "coach-p1")
        url = "/api/intake/projects/P1/clients"
        aino = client.post(url, json=a_form(), headers=coach).json()["id"]
        _known_to_coaching(client, aino)

        assert _offered(client, "virtanen") == [aino]
        assert _offered(client, CODE) == [aino]
        assert _offered(client, "040 123 4567") == [aino]

        other = dict(a_form(), identity_code=OTHER_CODE, first_name="Aino", last_name="Mäkelä",
                     phone="+358 50 765 4321")  # fmt: skip
        makela = client.post(url, json=other, headers=coach).json()["id"]
        _known_to_coaching(client, makela)

        assert sorted(_offered(client, "aino")) == sorted([aino, makela])
        assert _offered(client, "mäkelä aino") == [makela]
        assert _offered(client, "050 765") == [makela]
        assert _offered(client, "Nieminen") == []
