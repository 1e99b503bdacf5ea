"""A coach's day in matching, in a real browser: a visit becomes a company, a hidden job
becomes a lead, the ranked and explained candidates appear, one is proposed and placed.

Screenshots go under test-output/screenshots/ for a reviewer to look at.
"""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import LiveSite, screenshot, sign_in, site_today

pytestmark = pytest.mark.browser


IDENTITY_CHECKS = "0123456789ABCDEFHJKLMNPRSTUVWXY"


def identity_code(number: int) -> str:
    """A valid personal identity code of someone born on 13.10.1952 (over 50, as the
    project's target group wants), different for every ``number``."""
    individual = 100 + number
    return f"131052-{individual}{IDENTITY_CHECKS[int(f'131052{individual}') % 31]}"


def enrolled_by_intake(page: Page, site: LiveSite, project: str, number: int) -> str:
    """Enrol a client through intake's JSON API, signed in as the page's coach."""
    csrf = page.request.get(site.url("/api/intake/session")).json()["csrf_token"]
    response = page.request.post(
        site.url(f"/api/intake/projects/{project}/clients"),
        headers={"X-CSRF-Token": csrf},
        data={
            "identity_code": identity_code(number),
            "first_name": "Aino",
            "last_name": f"Virtanen {number}",
            "language": "fi",
            "consent_version": "2026-01",
            "consented_at": f"{site_today().isoformat()}T09:00:00+00:00",
            "entry_date": site_today().isoformat(),
            "entry_route": "self_referral",
            "gender": "female",
            "education": "isced_3_4",
            "labour_market_status": "unemployed",
            "unemployed_since": "2025-06-01",
            "municipality": "Lohja",
        },
    )
    assert response.status == 201, response.text()
    return str(response.json()["id"])  # intake answers AcceptedOut: the client is its id


def open_when_followed(page: Page, url: str, timeout: float = 15.0) -> None:
    """Matching follows intake's log in the background: wait until it knows the client."""
    deadline = time.monotonic() + timeout
    while True:
        response = page.goto(url)
        if response is not None and response.status == 200:
            return
        assert time.monotonic() < deadline, f"{url} still answers {response and response.status}"
        time.sleep(0.3)


def test_from_a_visit_to_a_placement(site: LiveSite, page: Page) -> None:
    project = site.new_project()
    coach = site.add_user(roles=["coach"], projects=[project], display_name="Kaisa Valmentaja")
    sign_in(page, site, coach)
    baker = enrolled_by_intake(page, site, project, 1)
    other = enrolled_by_intake(page, site, project, 2)
    base = f"/p/{project}/matching"

    # The coach fills in the job profiles of two clients, picking occupations by name.
    for client_id, search, occupation, skills in (
        (baker, "leipur", "Leipurit ja kondiittorit (7512)", "dough making, hygiene passport"),
        (other, "keittiö", "Avustavat keittiötyöntekijät (9412)", "hygiene passport"),
    ):
        open_when_followed(page, site.url(f"{base}/clients/{client_id}"))
        page.get_by_label("Hae ammattia").fill(search)
        page.get_by_role("button", name="Hae", exact=True).click()
        page.get_by_label(occupation).check()
        page.get_by_label("Osaaminen").fill(skills)
        page.get_by_label("Suomi", exact=True).check()
        page.get_by_label("Kunnat, joihin asiakas voi kulkea töihin").fill("Lohja, Vihti")
        page.get_by_label("Työaika").select_option("full_time")
        page.get_by_label("Asiakas suostuu siihen, että hänet esitellään työnantajille").check()
        page.get_by_role("button", name="Tallenna työnhakuprofiili").click()
        expect(page.get_by_role("status").first).to_contain_text("Työnhakuprofiili tallennettiin")
        expect(page.get_by_label(occupation)).to_be_checked()
    screenshot(page, "matching-01-job-profile")

    # A visit to a bakery: the company is registered with the visit in its contact log.
    page.goto(site.url(base))
    page.get_by_role("link", name="Kirjaa yritys").first.click()
    page.get_by_label("Y-tunnus").fill("0112038-8")
    page.get_by_label("Yrityksen nimi").fill("Lohjan Leipomo Oy")
    page.get_by_label("Toimiala (TOL 2008)").fill("10710")
    page.get_by_label("Kunta").fill("Lohja")
    page.get_by_label("Kokoluokka").select_option("small")
    page.get_by_label("Miten yritys kohdattiin").select_option("visit")
    page.get_by_role("button", name="Kirjaa yritys").click()
    expect(page.get_by_role("alert")).to_contain_text("Y-tunnus ei kelpaa")
    expect(page.locator("#business_id")).to_have_attribute("aria-invalid", "true")
    screenshot(page, "matching-02-business-id-error")
    page.get_by_label("Y-tunnus").fill("0112038-9")
    page.get_by_role("button", name="Kirjaa yritys").click()
    expect(page.get_by_role("status").first).to_contain_text("Yritys kirjattiin")
    expect(page.locator("ol.timeline")).to_contain_text("Käynti")
    screenshot(page, "matching-03-company")

    # The hidden job the visit revealed.
    page.get_by_role("link", name="Kirjaa työmahdollisuus").first.click()
    page.get_by_label("Laji").select_option("hidden_job")
    page.get_by_label("Ammatti").select_option("7512")
    page.get_by_label("Työaika").select_option("full_time")
    page.get_by_label("Vaadittu osaaminen").fill("dough making, hygiene passport")
    page.get_by_role("button", name="Kirjaa työmahdollisuus").click()
    expect(page.get_by_role("status").first).to_contain_text("Työmahdollisuus kirjattiin")

    # Ranked, explained candidates: only the baker scores at least 50 of 100, with every
    # part of the score as a sentence; the kitchen helper waits behind "show all".
    rows = page.locator("table tbody tr")
    expect(rows).to_have_count(1)
    first = rows.nth(0)
    # a name of its own: no reference beside it (namesakes get theirs)
    expect(first).to_contain_text("Asiakas Aino Virtanen 1")
    expect(first).not_to_contain_text(f"({baker[-6:].upper()})")
    expect(first).to_contain_text("100/100")
    for part in ("Ammatti 40/40", "Osaaminen 25/25", "Työmatka 15/15", "Työaika 10/10"):
        expect(first).to_contain_text(part)
    expect(first).to_contain_text("on yksi asiakkaan tavoiteammateista.")
    page.get_by_role("link", name="Näytä kaikki verratut asiakkaat (2)").click()
    expect(rows).to_have_count(2)
    expect(rows.nth(1)).to_contain_text("mutta häneltä puuttuu dough making.")
    screenshot(page, "matching-04-ranked-candidates")

    # Propose the baker, record the company's answer and the placement.
    page.get_by_role("button", name="Esittele asiakas Aino Virtanen 1").click()
    expect(page.get_by_role("status").first).to_contain_text("Asiakas esiteltiin työhön")
    page.get_by_role("link", name=re.compile(r"Asiakas Aino Virtanen 1,")).click()
    page.locator("#outcome").get_by_role("group", name="Hyväksytty").get_by_label(
        "Palkattu"
    ).check()
    page.get_by_role("button", name="Kirjaa vastaus").click()
    expect(page.get_by_role("status").first).to_contain_text("Yrityksen vastaus kirjattiin")
    page.get_by_label("Sijoittumisen laji").select_option("wage_subsidised")
    page.get_by_role("button", name="Kirjaa sijoittuminen").click()
    expect(page.get_by_role("status").first).to_contain_text("Sijoittuminen kirjattiin")
    expect(page.locator("main")).to_contain_text("Palkkatuettu työ")
    screenshot(page, "matching-05-placement")


def test_the_matching_pages_speak_swedish(site: LiveSite, page: Page) -> None:
    project = site.new_project()
    coach = site.add_user(roles=["coach"], projects=[project])
    sign_in(page, site, coach)
    page.goto(site.url(f"/p/{project}/matching"))
    page.get_by_role("link", name="På svenska").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Företag och jobb")
    expect(page.get_by_role("link", name="Registrera ett företag")).to_be_visible()
    screenshot(page, "matching-06-swedish")
