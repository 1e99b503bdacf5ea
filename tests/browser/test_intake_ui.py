"""A coach's day in intake, in a real browser: sign in, enrol, find, correct, exit, languages.

Each test saves screenshots under test-output/screenshots/ for a reviewer to look at.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import LiveSite, SiteUser, screenshot, sign_in

pytestmark = pytest.mark.browser


def a_coach(site: LiveSite, project: str) -> SiteUser:
    return site.add_user(roles=["coach"], projects=[project], display_name="Kaisa Valmentaja")


def fill_enrolment(
    page: Page, *, identity_code: str, first: str = "Aino", last: str = "Virtanen"
) -> None:
    page.get_by_label("Etunimi").fill(first)
    page.get_by_label("Sukunimi").fill(last)
    page.get_by_label("Henkilötunnus").fill(identity_code)
    page.get_by_label("Asiakas on antanut suostumuksen").check()
    page.get_by_label("Tuli itse").check()
    page.get_by_label("Nainen").check()
    page.get_by_label("Asuinkunta").fill("Lohja")
    page.get_by_label("Korkein koulutus").select_option("isced_3_4")
    page.locator("#labour_market_status-unemployed").check()
    page.get_by_label("Työtön alkaen").fill("2025-01-15")


def enrol(page: Page, site: LiveSite, project: str, identity_code: str, **names: str) -> None:
    page.goto(site.url(f"/p/{project}/clients/new"))
    fill_enrolment(page, identity_code=identity_code, **names)
    page.get_by_role("button", name="Kirjaa asiakkaaksi").click()
    expect(page.get_by_role("status")).to_contain_text("Asiakas kirjattiin")


def test_signing_in_with_a_wrong_password_fails_and_then_succeeds(
    site: LiveSite, page: Page
) -> None:
    project = site.new_project()
    coach = a_coach(site, project)
    page.goto(site.url("/login"))
    page.get_by_label("Käyttäjätunnus").fill(coach.username)
    page.get_by_label("Salasana").fill("not the password")
    page.get_by_role("button", name="Kirjaudu sisään").click()

    expect(page.get_by_role("alert")).to_contain_text("Käyttäjätunnus tai salasana on väärä")
    screenshot(page, "intake-01-login-failed")

    sign_in(page, site, coach)

    expect(page).to_have_url(re.compile(rf"/p/{project}/coaching/today$"))  # a coach's day
    page.get_by_role("link", name="Asiakkaat", exact=True).click()
    expect(page.get_by_role("heading", name="Asiakkaat")).to_be_visible()
    screenshot(page, "intake-02-client-list-empty")


def test_enrolment_shows_errors_at_the_fields_then_succeeds_once(
    site: LiveSite, page: Page
) -> None:
    project = site.new_project()
    sign_in(page, site, a_coach(site, project))
    page.goto(site.url(f"/p/{project}/clients"))
    page.get_by_role("link", name="Kirjaa uusi asiakas").click()
    fill_enrolment(page, identity_code="131052-308A")
    page.get_by_label("Asuinkunta").fill("")
    page.get_by_role("button", name="Kirjaa asiakkaaksi").click()

    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Henkilötunnuksen tarkistusmerkki ei täsmää")
    expect(summary).to_contain_text("Anna asuinkunta")
    expect(page.locator("#identity_code")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label("Etunimi")).to_have_value("Aino")
    screenshot(page, "intake-03-enrolment-errors")

    page.get_by_label("Henkilötunnus").fill("131052-308T")
    page.get_by_label("Asuinkunta").fill("Lohja")
    page.get_by_role("button", name="Kirjaa asiakkaaksi").dblclick()  # an impatient coach

    expect(page.get_by_role("status")).to_contain_text("Asiakas kirjattiin")
    expect(page.get_by_role("heading", name="Aino Virtanen")).to_be_visible()
    expect(page.locator("ol.timeline")).to_contain_text("Aloittanut")
    screenshot(page, "intake-04-client-page")

    page.goto(site.url(f"/p/{project}/clients"))
    expect(page.get_by_role("status")).to_contain_text("1 asiakas löytyi")


def test_a_coach_finds_a_client_corrects_the_start_data_and_records_the_exit(
    site: LiveSite, page: Page
) -> None:
    project = site.new_project()
    sign_in(page, site, a_coach(site, project))
    enrol(page, site, project, "131052-308T")
    enrol(page, site, project, "010160-123W", first="Pekka", last="Mäkinen")

    page.goto(site.url(f"/p/{project}/clients"))
    page.get_by_label("Nimi").fill("mäki")
    page.get_by_role("button", name="Hae").click()
    expect(page.get_by_role("status")).to_contain_text("1 asiakas löytyi")
    screenshot(page, "intake-05-search")
    page.get_by_role("link", name="Mäkinen, Pekka", exact=True).click()  # not "Book a session"

    page.get_by_role("link", name="Korjaa aloitustietoja").click()
    page.get_by_label("Korkein koulutus").select_option("isced_5_8")
    page.get_by_role("button", name="Tallenna korjaus").click()
    expect(page.get_by_role("alert")).to_contain_text("Valitse syy luettelosta")
    page.get_by_label("Miksi tietoja korjataan").select_option("document_checked")
    page.get_by_label("Korjauksen syy").fill("Tutkintotodistus nähty")
    page.get_by_role("button", name="Tallenna korjaus").click()
    expect(page.get_by_role("status")).to_contain_text("Korjaus tallennettiin")
    expect(page.locator("ol.timeline")).to_contain_text("Tarkistettu asiakirjasta")

    page.get_by_role("link", name="Kirjaa päättyminen").click()
    page.get_by_label("Työllistynyt").check()
    page.get_by_role("button", name="Kirjaa päättyminen").click()
    expect(page.get_by_role("alert")).to_contain_text("Valitse työsuhteen tyyppi")
    page.get_by_label("Työsuhteen tyyppi").select_option("wage_subsidised")
    page.get_by_role("button", name="Kirjaa päättyminen").click()
    expect(page.get_by_role("status")).to_contain_text("Päättyminen kirjattiin")
    expect(page.locator("dl.facts").last).to_contain_text("Palkkatuettu")
    screenshot(page, "intake-06-exited")

    page.goto(site.url(f"/p/{project}/clients?status=exited"))
    expect(page.get_by_role("status")).to_contain_text("1 asiakas löytyi")


def test_the_language_switch_changes_every_text_and_is_remembered(
    site: LiveSite, page: Page
) -> None:
    project = site.new_project()
    sign_in(page, site, a_coach(site, project))
    page.goto(site.url(f"/p/{project}/clients/new"))

    page.get_by_role("link", name="På svenska").click()
    expect(page.get_by_role("heading", name="Skriv in en ny klient")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    screenshot(page, "intake-07-enrolment-sv")

    page.get_by_role("link", name="In English").click()
    expect(page.get_by_role("heading", name="Enrol a client")).to_be_visible()
    page.goto(site.url(f"/p/{project}/clients"))
    expect(page.get_by_role("heading", name="Clients")).to_be_visible()
    screenshot(page, "intake-08-clients-en")

    page.get_by_role("link", name="Suomeksi").click()
    expect(page.get_by_role("heading", name="Asiakkaat")).to_be_visible()


def test_the_keyboard_reaches_the_content_and_the_forms(site: LiveSite, page: Page) -> None:
    project = site.new_project()
    sign_in(page, site, a_coach(site, project))
    page.goto(site.url(f"/p/{project}/clients"))

    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Siirry sisältöön")).to_be_focused()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Kirjaa uusi asiakas")).to_be_focused()


def test_a_coach_of_another_project_gets_not_found(site: LiveSite, page: Page) -> None:
    project, other = site.new_project(), site.new_project()
    sign_in(page, site, a_coach(site, project))
    enrol(page, site, project, "131052-308T")
    client_url = page.url.split("?")[0]
    page.context.clear_cookies()
    sign_in(page, site, a_coach(site, other))

    response = page.goto(client_url)
    assert response is not None and response.status == 404
    response = page.goto(client_url.replace(f"/p/{project}/", f"/p/{other}/"))
    assert response is not None and response.status == 404


def test_the_enrolment_form_fits_a_phone_screen(site: LiveSite, page: Page) -> None:
    project = site.new_project()
    sign_in(page, site, a_coach(site, project))
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site.url(f"/p/{project}/clients/new"))

    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    expect(page.get_by_label("Etunimi")).to_be_visible()
    screenshot(page, "intake-09-enrolment-phone")


def test_an_admin_registers_a_project_in_the_browser(site: LiveSite, page: Page) -> None:
    admin = site.add_user(roles=["admin"], projects=[], display_name="Ylläpitäjä")
    code = site.new_project().replace("T", "R", 1)  # an unregistered code
    sign_in(page, site, admin)
    page.get_by_role("link", name="Hallinnoi hankkeita").click()
    page.get_by_label("Tunnus").fill(code)
    page.get_by_label("Nimi").fill("DuuniPolku")
    page.get_by_label("Kunnat").fill("Oulu")
    page.get_by_label("Alkamispäivä").fill("2020-01-01")
    page.get_by_label("Päättymispäivä").fill("2019-12-31")
    page.get_by_label("Rahoitusosuudet").fill("esf=75, state=25")
    page.get_by_role("button", name="Rekisteröi").click()
    expect(page.get_by_role("alert")).to_contain_text("Hanke ei voi päättyä ennen alkamistaan")

    page.get_by_label("Päättymispäivä").fill("2022-12-31")
    page.get_by_role("button", name="Rekisteröi").click()

    expect(page.get_by_role("status")).to_contain_text("Hanke rekisteröitiin")
    expect(page.get_by_role("row", name=code)).to_contain_text("DuuniPolku")
    screenshot(page, "intake-10-projects-admin")
