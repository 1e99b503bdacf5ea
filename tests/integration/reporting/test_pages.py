"""The report pages in the real app: tables, charts, drill-down, targets, languages."""

from __future__ import annotations

import re

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
    assert (saved.status_code, saved.headers["location"]) == (
        303, f"{PAGE}?saved=participants.total",
    )  # fmt: skip
    kept = client.post(f"{PAGE}/targets", data=form | {"planned": "9", "end": "2019-12-31"},
                       follow_redirects=False)  # fmt: skip
    assert kept.headers["location"] == f"{PAGE}?end=2019-12-31&saved=participants.total"


def test_the_page_after_saving_a_target_shows_the_new_value_even_from_an_earlier_day(
    client: TestClient,
) -> None:
    headers = sign_in(client, "manager")
    wait_for_projection(client)
    form = {"figure": "participants.total", "csrf_token": headers["X-CSRF-Token"],
            "start": "2019-01-01", "end": "2019-12-31"}  # fmt: skip

    first = client.post(f"{PAGE}/targets", data=form | {"planned": "9"})
    # read as recorded by a day long past, when no target had been set: the figures of that
    # day cannot hold the new target, so the page after saving shows the live figures
    second = client.post(f"{PAGE}/targets", data=form | {"planned": "12", "as_of": "2019-07-31"})

    assert target_row(first.text) == ("Osallistujat yhteensä", "9", "2")
    assert target_row(second.text) == ("Osallistujat yhteensä", "12", "2")
    assert "Tavoite tallennettiin: Osallistujat yhteensä, suunniteltu 12." in second.text
    assert 'aria-describedby="target-chart-desc"' in second.text
    assert ">2 / 12 (16,7\xa0%)</text>" in second.text
    assert "Tilanne kirjausten mukaan" not in second.text
    assert 'name="as_of" value=""' in second.text


def target_row(html: str) -> tuple[str, ...]:
    """The first row of the targets table: figure, planned, actual."""
    table = html[html.index("<caption>Tavoitteet ja toteumat</caption>") :]
    found = re.search(r'<tr><th scope="row">([^<]+)</th><td class="num"[^>]*>([^<]+)</td>'
                      r'<td class="num"[^>]*>([^<]+)</td>', table)  # fmt: skip
    assert found is not None
    return found.groups()


def test_a_coach_posting_a_target_gets_the_forbidden_page(client: TestClient) -> None:
    headers = sign_in(client, "coach")
    form = {"figure": "participants.total", "planned": "9", "csrf_token": headers["X-CSRF-Token"]}

    answer = client.post(f"{PAGE}/targets", data=form, follow_redirects=False)

    assert answer.status_code == 403
    assert "Aseta tavoite" not in client.get(PAGE).text


def test_the_page_speaks_swedish_and_refuses_strangers(client: TestClient) -> None:
    sign_in(client, "auditor")
    client.cookies.set("duuni_lang", "sv")

    page = client.get(PAGE, params={"end": "2019-12-31", "as_of": "2026-12-31"}).text

    assert "Deltagare totalt" in page
    assert "Avslutade deltagares placering under perioden" in page
    assert "Status enligt registreringarna vid utgången av" in page
    assert "De avslutades" not in page and "Läge" not in page
    sign_in(client, "stranger")
    assert client.get(PAGE).status_code == 404


def test_a_bad_date_is_shown_at_its_field(client: TestClient) -> None:
    sign_in(client, "auditor")

    page = client.get(PAGE, params={"as_of": "31.7.2019"})

    assert page.status_code == 422
    assert "Anna päivämäärä" in page.text


def test_the_charts_show_the_period_by_month_with_every_value_as_text(client: TestClient) -> None:
    sign_in(client, "auditor")
    wait_for_projection(client)

    page = client.get(PAGE, params={"start": "2019-03-01", "end": "2019-06-30"}).text

    entries = svg_of(page, "entries")
    assert texts_of(entries) == ["maalis 2019", "1", "huhti 2019", "0", "touko 2019", "0",
                                 "kesä 2019", "0"]  # fmt: skip
    assert "2019-03" not in entries
    assert "Jaksolla 1.3.2019 – 30.6.2019 aloitti 1 osallistuja" in page
    assert "Jakson loppuun mennessä hankkeessa oli yhteensä 2 osallistujaa." in page
    destinations = texts_of(svg_of(page, "destinations"))
    # c1 left in May: one leaver in the period, under one destination
    assert destinations[:2] == ["Työllistynyt avoimille markkinoille, kokoaikainen", "1"]
    later = client.get(PAGE, params={"start": "2019-06-01", "end": "2019-12-31"}).text
    assert texts_of(svg_of(later, "destinations"))[1] == "0"  # nobody left in that period
    assert "Jaksolla 1.6.2019 – 31.12.2019 päätti 0 osallistujaa" in later


def test_the_months_are_named_in_swedish_and_english_too(client: TestClient) -> None:
    sign_in(client, "auditor")
    wait_for_projection(client)
    months = {}
    for language in ("sv", "en"):
        client.cookies.set("duuni_lang", language)
        page = client.get(PAGE, params={"start": "2019-02-01", "end": "2019-03-31"}).text
        months[language] = texts_of(svg_of(page, "entries"))[::2]

    assert months == {"sv": ["feb. 2019", "mars 2019"], "en": ["Feb 2019", "Mar 2019"]}


def svg_of(html: str, chart: str) -> str:
    start = html.index(f'aria-labelledby="{chart}-title"')
    return html[start : html.index("</svg>", start)]


def texts_of(svg: str) -> list[str]:
    return re.findall(r"<text[^>]*>([^<]*)</text>", svg)
