"""The matching pages as a coach reads them in three languages: companies a page at a time,
found by name, industry and open leads; facts before forms; occupations and languages by
name; explanations as sentences; reasons that follow the answer; what a contact was about."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from services.matching.domain.business_id import check_digit
from tests.integration.matching.builders import (
    TODAY,
    company_form,
    created,
    lead_form,
    matching_events,
    sign_in,
)

PAGES = "/p/A/matching"
API = "/api/matching/projects/A"


def business_id(number: int) -> str:
    """A valid Business ID, different for every ``number``."""
    digits = f"{2_500_000 + number * 7:07d}"
    while check_digit(digits) is None:
        digits = f"{int(digits) + 1:07d}"
    return f"{digits}-{check_digit(digits)}"


def companies(app: TestClient, headers: dict[str, str], count: int, **changes: Any) -> list[str]:
    return [
        created(
            app.post(
                f"{API}/companies",
                json=company_form(
                    business_id=business_id(n), trade_name=f"Yritys {n:02d} Oy", **changes
                ),
                headers=headers,
            )
        )
        for n in range(count)
    ]


def rows(html: str) -> list[str]:
    return re.findall(r'<th scope="row"><a href="[^"]*/companies/[^"]+">([^<]+)</a>', html)


def test_the_companies_come_a_page_at_a_time(app: TestClient) -> None:
    headers = sign_in(app, "coach-a")
    companies(app, headers, 23)

    first = app.get(PAGES).text
    second = app.get(PAGES, params={"page": "2"}).text

    assert len(rows(first)) == 20 and len(rows(second)) == 3
    assert "23 yritystä" in first and "Sivu 1/2" in first and "Seuraava sivu" in first
    assert "Näytetään 21–23, yhteensä 23." in second and "Edellinen sivu" in second
    assert set(rows(first)).isdisjoint(rows(second))
    assert len(rows(app.get(PAGES, params={"page": "99"}).text)) == 3


def test_companies_are_found_by_name_industry_and_open_leads(app: TestClient) -> None:
    headers = sign_in(app, "coach-a")
    bakery, *_ = companies(app, headers, 3, industry="10710")
    cafe = created(
        app.post(
            f"{API}/companies",
            json=company_form(business_id=business_id(50), trade_name="Kahvila Äänekoski Oy",
                              industry="56101"),
            headers=headers,
        )
    )  # fmt: skip
    created(app.post(f"{API}/leads", json=lead_form(bakery), headers=headers))

    assert rows(app.get(PAGES, params={"q": "äänekoski"}).text) == ["Kahvila Äänekoski Oy"]
    assert rows(app.get(PAGES, params={"industry": "I"}).text) == ["Kahvila Äänekoski Oy"]
    assert rows(app.get(PAGES, params={"open": "yes"}).text) == ["Yritys 00 Oy"]
    html = app.get(PAGES, params={"q": "ei ole"}).text
    assert rows(html) == [] and "Hakua vastaavia yrityksiä ei löytynyt." in html
    options = app.get(PAGES).text
    assert "C Teollisuus" in options and "I Majoitus- ja ravitsemistoiminta" in options
    assert cafe


def test_the_company_page_shows_its_facts_first_and_its_forms_behind_buttons(
    app: TestClient,
) -> None:
    headers = sign_in(app, "coach-a")
    [company_id] = companies(app, headers, 1, industry="82200")

    html = app.get(f"{PAGES}/companies/{company_id}").text

    assert "82200 Puhelinpalvelukeskusten toiminta" in html
    main = html[html.index("<main") :]
    assert main.index('<dl class="facts">') < main.index("<form")
    forms = re.findall(r"<details class=\"disclosure\"( open)?>\s*<summary[^>]*>([^<]+)<", html)
    assert [label for _, label in forms] == [
        "Kirjaa uusi yhteydenotto",
        "Lisää uusi yhteyshenkilö",
        "Kirjaa uusi tarve",
        "Kirjaa tai muuta suhdetta",
        "Muuta työnantajasektoria",
    ]
    assert all(not opened for opened, _ in forms)
    app.cookies.set("duuni_lang", "sv")
    assert "82200 Callcenterverksamhet" in app.get(f"{PAGES}/companies/{company_id}").text


def test_a_refused_form_opens_behind_its_button(app: TestClient) -> None:
    headers = sign_in(app, "coach-a")
    [company_id] = companies(app, headers, 1)
    response = app.post(
        f"{PAGES}/companies/{company_id}/contacts",
        data={"csrf_token": headers["X-CSRF-Token"], "full_name": " "},
    )
    assert response.status_code == 422
    assert re.search(
        r'<details class="disclosure" open>\s*<summary[^>]*>Lisää uusi yhteyshenkilö', response.text
    )


def test_the_contact_log_keeps_what_was_discussed_and_who_made_the_contact(
    app: TestClient, data_dir: Path
) -> None:
    headers = sign_in(app, "coach-a")
    [company_id] = companies(app, headers, 1)
    note = "Sovittiin kahden kokin työkokeilusta elokuussa."
    recorded = app.post(
        f"{PAGES}/companies/{company_id}/contact-log",
        follow_redirects=False,
        data={
            "csrf_token": headers["X-CSRF-Token"],
            "kind": "call",
            "contacted_on": TODAY.isoformat(),
            "note": note,
        },
    )
    assert recorded.status_code == 303

    html = app.get(recorded.headers["location"]).text
    assert note in html and "Yhteyden otti coach-a" in html
    events = [e for e in matching_events(data_dir) if e.event_type == "matching.company_contacted"]
    assert len(events) == 1 and note not in str(events[0].payload)
    assert "coach-a" not in str(events[0].payload)


def test_a_contact_made_by_a_stranger_is_refused(app: TestClient) -> None:
    headers = sign_in(app, "coach-a")
    [company_id] = companies(app, headers, 1)
    response = app.post(
        f"{PAGES}/companies/{company_id}/contact-log",
        data={
            "csrf_token": headers["X-CSRF-Token"],
            "kind": "call",
            "contacted_on": TODAY.isoformat(),
            "made_by": "someone-else",
        },
    )
    assert response.status_code == 422
    assert app.get(f"{API}/companies/{company_id}").json()["contact_log"] == []


def test_a_company_is_marked_a_unit_of_the_projects_own_organisation(app: TestClient) -> None:
    headers = sign_in(app, "coach-a")
    [company_id] = companies(app, headers, 1)
    form = {"csrf_token": headers["X-CSRF-Token"], "sector": "own_organisation"}

    saved = app.post(f"{PAGES}/companies/{company_id}/sector", data=form, follow_redirects=False)
    refused = app.post(f"{PAGES}/companies/{company_id}/sector", data=form | {"sector": "x"})

    assert saved.status_code == 303
    assert saved.headers["location"].endswith("?saved=sector")
    page = app.get(saved.headers["location"]).text
    assert "Hankkeen oman organisaation yksikkö" in page.split('id="h-sector"')[1]
    assert refused.status_code == 422
