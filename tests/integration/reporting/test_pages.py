"""The report pages in the real app: tables, charts, drill-down, targets, languages."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.integration.reporting.web import sign_in, wait_for_projection
from tests.unit.reporting.builders import PROJECT

PAGE = f"/p/{PROJECT}/reports"


def test_an_auditor_sees_the_figures_and_charts_but_no_target_form(client: TestClient) -> None:
    sign_in(client, "auditor")
    wait_for_projection(client)

    page = client.get(PAGE, params={"start": "2019-01-01", "end": "2019-12-31"})

    assert page.status_code == 200
    assert "Osallistujat yhteensä" in page.text
    assert page.text.count("<svg") == 2
    assert f'href="{PAGE}/figures/participants.total?' in page.text
    assert "Aseta tavoite" not in page.text


def test_a_figure_opens_the_clients_and_events_behind_it(client: TestClient) -> None:
    sign_in(client, "manager")
    wait_for_projection(client)

    page = client.get(f"{PAGE}/figures/participants.gender.male", params={"end": "2019-12-31"})

    assert page.status_code == 200
    assert f'href="/p/{PROJECT}/clients/c2"' in page.text
    assert f'/p/{PROJECT}/clients/c1"' not in page.text


def test_a_project_manager_sets_a_target_through_the_form(client: TestClient) -> None:
    headers = sign_in(client, "manager")
    wait_for_projection(client)

    form = {"figure": "participants.total", "csrf_token": headers["X-CSRF-Token"]}

    refused = client.post(f"{PAGE}/targets", data=form | {"planned": "x"})
    saved = client.post(f"{PAGE}/targets", data=form | {"planned": "9"}, follow_redirects=False)

    assert refused.status_code == 422
    assert "Anna kokonaisluku" in refused.text
    assert (saved.status_code, saved.headers["location"]) == (303, f"{PAGE}?saved=target")
    kept = client.post(f"{PAGE}/targets", data=form | {"planned": "9", "end": "2019-12-31"},
                       follow_redirects=False)  # fmt: skip
    assert kept.headers["location"] == f"{PAGE}?end=2019-12-31&saved=target"


def test_a_coach_posting_a_target_gets_the_forbidden_page(client: TestClient) -> None:
    headers = sign_in(client, "coach")
    form = {"figure": "participants.total", "planned": "9", "csrf_token": headers["X-CSRF-Token"]}

    answer = client.post(f"{PAGE}/targets", data=form, follow_redirects=False)

    assert answer.status_code == 403
    assert "Aseta tavoite" not in client.get(PAGE).text


def test_the_page_speaks_swedish_and_refuses_strangers(client: TestClient) -> None:
    sign_in(client, "auditor")
    client.cookies.set("duuni_lang", "sv")

    assert "Deltagare totalt" in client.get(PAGE).text
    sign_in(client, "stranger")
    assert client.get(PAGE).status_code == 404


def test_a_bad_date_is_shown_at_its_field(client: TestClient) -> None:
    sign_in(client, "auditor")

    page = client.get(PAGE, params={"as_of": "31.7.2019"})

    assert page.status_code == 422
    assert "Anna päivämäärä" in page.text
