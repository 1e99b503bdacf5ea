"""The to-do lists after leaving: a leaver without an end status links to intake's page
for the status upon leaving; once it is recorded there, the leaver leaves the list and
counts in the results. A leaver whose six-month follow-up is due links to its page."""

from __future__ import annotations

import re
import time
from pathlib import Path

from fastapi.testclient import TestClient

from tests.integration.reporting.test_drill_down import (
    a_coach_and_the_project_in_intake,
    a_leaver_without_an_end_status,
    intake_over,
    leavers_counted,
)
from tests.integration.reporting.web import BASE, sign_in, value_of
from tests.unit.reporting.builders import PROJECT

FIGURES = f"/p/{PROJECT}/reports/figures"


def figure_counted(client: TestClient, key: str, count: int) -> None:
    for _ in range(200):
        if value_of(client.get(f"{BASE}/report").json(), key) == count:
            return
        time.sleep(0.05)
    raise AssertionError(f"{key} did not reach {count}")


def test_a_status_recorded_from_the_to_do_list_takes_the_leaver_off_it_and_counts(
    client: TestClient, data_dir: Path
) -> None:
    a_coach_and_the_project_in_intake(data_dir)
    aino = a_leaver_without_an_end_status(client, "Aino", "131052-308T", 40)
    intake_over(client)
    headers = sign_in(client, "manager")
    leavers_counted(client, 1)
    to_do = client.get(f"{FIGURES}/quality.missing_end_status")
    link = f"/p/{PROJECT}/clients/{aino}/leaving"

    form = client.get(link)
    saved = client.post(link, follow_redirects=False, data={
        "csrf_token": headers["X-CSRF-Token"], "exit_status": "education_or_training",
        "source": "client",
    })  # fmt: skip
    leavers_counted(client, 0)
    figure_counted(client, "results.education_or_training", 1)
    done = client.get(f"{FIGURES}/quality.missing_end_status")
    counted = client.get(f"{FIGURES}/results.education_or_training")

    assert f'href="{link}"' in to_do.text
    assert f"/clients/{aino}/exit" not in to_do.text
    assert form.status_code == 200 and 'name="exit_status"' in form.text
    assert saved.status_code == 303
    assert "Ei tehtävää" in done.text and "Aino Leinonen" not in done.text
    assert re.search(rf'href="/p/{PROJECT}/clients/{aino}">Aino Leinonen</a>', counted.text)


def test_a_leaver_whose_six_month_follow_up_is_due_is_on_its_to_do_list(
    client: TestClient, data_dir: Path
) -> None:
    a_coach_and_the_project_in_intake(data_dir)
    eino = a_leaver_without_an_end_status(client, "Eino", "010150-1130", 200)
    intake_over(client)
    sign_in(client, "manager")
    figure_counted(client, "followups.missing", 2)  # and c1 of the history, left in 2019

    page = client.get(f"{FIGURES}/followups.missing")

    assert page.status_code == 200
    assert "Tehtävälista: seuranta puoli vuotta päättymisen jälkeen" in page.text
    assert f'href="/p/{PROJECT}/clients/{eino}/follow-up"' in page.text
    assert "Kirjaa seuranta" in page.text
    assert "Seurannan ajankohta" in page.text
    rows = re.findall(r'<th scope="row"><a href="[^"]+/clients/([^"/]+)">', page.text)
    assert rows == ["c1", eino]  # the longest waiting first
