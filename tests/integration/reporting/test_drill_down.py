"""The drill-down names the clients behind a figure: asked of the real intake with the
reader's own session; leavers without an end status become a manager's to-do list."""

from __future__ import annotations

import dataclasses
import re
import time
from datetime import date, timedelta
from pathlib import Path

from fastapi.testclient import TestClient

from duuni.services import settings_for
from services.intake.adapters.accounts import SqlAccountStore
from services.intake.service_layer.accounts import create_user
from services.intake.service_layer.projects import register_project
from services.reporting.adapters.intake_people import IntakePeople
from services.reporting.service_layer.ports import Person, Reader
from shared.eventlog.sql import SqlEventLog, open_database
from tests.integration.intake.clients import a_form, a_plan
from tests.integration.reporting.web import BASE, PASSWORD, sign_in, value_of
from tests.unit.reporting.builders import PROJECT

PAGE = f"/p/{PROJECT}/reports/figures/quality.missing_end_status"
API = f"/api/intake/projects/{PROJECT}"


def a_coach_and_the_project_in_intake(data_dir: Path) -> None:
    database = open_database(settings_for("intake", data_dir).resolved_database_url())
    try:
        accounts = SqlAccountStore(database).create()
        create_user(accounts, username="kaisa", password=PASSWORD, roles=["coach"],
                    projects=[PROJECT], display_name="Kaisa Valmentaja")  # fmt: skip
        register_project(SqlEventLog(database, "intake"), PROJECT, a_plan(), actor="test")
    finally:
        database.dispose()


def a_leaver_without_an_end_status(client: TestClient, first: str, code: str, left: int) -> str:
    """Enrolled and exited through intake's API by Kaisa, ``left`` days ago, status unknown."""
    headers = sign_in(client, "kaisa")
    entry = date.today() - timedelta(days=left + 30)
    form = a_form(identity_code=code, first_name=first, last_name="Leinonen",
                  entry_date=entry.isoformat(), consented_at=f"{entry}T09:00:00+00:00")  # fmt: skip
    enrolled = client.post(f"{API}/clients", json=form, headers=headers)
    assert enrolled.status_code == 201, enrolled.text
    client_id = str(enrolled.json()["id"])
    exit_date = (date.today() - timedelta(days=left)).isoformat()
    exited = client.post(f"{API}/clients/{client_id}/exit", headers=headers,
                         json={"exit_date": exit_date, "exit_status": "unknown"})  # fmt: skip
    assert exited.status_code == 200, exited.text
    return client_id


def leavers_counted(client: TestClient, count: int) -> None:
    """Once the subscriptions have folded intake's events into today's report."""
    for _ in range(200):
        report = client.get(f"{BASE}/report").json()
        if value_of(report, "quality.missing_end_status") == count:
            return
        time.sleep(0.05)
    raise AssertionError("the projection did not catch up")


def intake_over(client: TestClient) -> None:
    """Reporting asks the app's own intake (in tests the app has no socket to call)."""
    state = client.app.state.reporting  # type: ignore[attr-defined]
    people = IntakePeople("http://testserver", http=client)
    client.app.state.reporting = dataclasses.replace(state, people=people)  # type: ignore[attr-defined]


def test_the_adapter_asks_intake_for_names_and_coaches_with_the_readers_session(
    client: TestClient, data_dir: Path
) -> None:
    a_coach_and_the_project_in_intake(data_dir)
    aino = a_leaver_without_an_end_status(client, "Aino", "131052-308T", 40)
    sign_in(client, "auditor")
    reader = Reader(client.cookies["duuni_session"], "http://testserver")

    found = IntakePeople(None, http=client).of(PROJECT, [aino, "c-unknown"], reader)
    strangers = IntakePeople(None, http=client).of(PROJECT, [aino], Reader("", "http://testserver"))

    assert found == {aino: Person("Aino Leinonen", "Kaisa Valmentaja")}
    assert strangers == {}  # no session, no names


def test_leavers_without_an_end_status_are_a_to_do_list_oldest_first(
    client: TestClient, data_dir: Path
) -> None:
    a_coach_and_the_project_in_intake(data_dir)
    newer = a_leaver_without_an_end_status(client, "Aino", "131052-308T", 40)
    older = a_leaver_without_an_end_status(client, "Eino", "010150-1130", 90)
    intake_over(client)
    sign_in(client, "manager")
    leavers_counted(client, 2)

    page = client.get(PAGE)

    assert page.status_code == 200
    assert "Tehtävälista" in page.text
    rows = re.findall(r'<th scope="row"><a href="([^"]+)">([^<]+)</a>', page.text)
    assert rows == [(f"/p/{PROJECT}/clients/{older}", "Eino Leinonen"),
                    (f"/p/{PROJECT}/clients/{newer}", "Aino Leinonen")]  # fmt: skip
    assert page.text.count("Kaisa Valmentaja") == 2
    assert f'href="/p/{PROJECT}/clients/{older}/leaving"' in page.text
    assert "Kirjaa lopetustiedot" in page.text
    left_on = (date.today() - timedelta(days=90)).strftime("%-d.%-m.%Y")
    assert f">{left_on}<" in page.text


def test_an_auditor_sees_the_names_but_no_link_to_write_and_a_lost_intake_leaves_the_ids(
    client: TestClient, data_dir: Path
) -> None:
    a_coach_and_the_project_in_intake(data_dir)
    aino = a_leaver_without_an_end_status(client, "Aino", "131052-308T", 40)
    sign_in(client, "auditor")
    leavers_counted(client, 1)

    unreachable = client.get(PAGE)  # the test app has no socket: intake cannot be asked
    intake_over(client)
    named = client.get(PAGE)

    assert "Aino Leinonen" not in unreachable.text and f">{aino}</a>" in unreachable.text
    assert "asiakasrekisteristä" in unreachable.text
    assert "Aino Leinonen" in named.text and "asiakasrekisteristä" not in named.text
    assert f"/clients/{aino}/leaving" not in named.text
