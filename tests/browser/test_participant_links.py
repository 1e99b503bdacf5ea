"""Forms by link, in a real browser: the participant fills in the start form at phone
width without an account, in Finnish, Swedish or English, and the coach confirms it.
Every page fits 390 px and has no WCAG 2.1 AA violations; screenshots go under
test-output/screenshots/ (``intake-link-…``)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import LiveSite, screenshot, sign_in
from tests.browser.test_accessibility import violations
from tests.browser.test_intake_pages_right import LANGUAGES, in_language, overflow
from tests.browser.test_intake_ui import a_coach, fill_enrolment

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def a_link(page: Page, site: LiveSite, project: str) -> tuple[str, str]:
    """A client enrolled on the pages and a start-form link made for them: the client's
    path and the link's address."""
    page.goto(site.url(f"/p/{project}/clients/new"))
    fill_enrolment(page, identity_code="131052-308T")
    page.get_by_role("button", name="Kirjaa asiakkaaksi").click()
    expect(page.get_by_role("status")).to_contain_text("Asiakas kirjattiin")
    client = page.url.split("?")[0].removeprefix(site.url(""))
    page.get_by_role("link", name="Lomakkeet linkillä").click()
    page.locator("#kind").select_option("participant_start_form")
    page.locator("#language").select_option("fi")
    page.get_by_role("button", name="Luo linkki").click()
    address = page.get_by_label("Linkin osoite").input_value()
    return client, address


def test_a_participant_fills_the_start_form_on_a_phone_and_the_coach_confirms_it(
    site: LiveSite, page: Page
) -> None:
    project = site.new_project()
    coach = a_coach(site, project)
    sign_in(page, site, coach)
    client, address = a_link(page, site, project)
    page.set_viewport_size(PHONE)
    screenshot(page, "intake-link-issued-fi-phone")
    page.context.clear_cookies()  # the participant has no account
    too_wide, failing = [], []

    for language in LANGUAGES:
        page.goto(f"{address}?lang={language}")
        expect(page.locator("html")).to_have_attribute("lang", language)
        if overflow(page) > 0:
            too_wide.append(f"start form in {language}: {overflow(page)} px")
        failing += [f"start form in {language}: {v}" for v in violations(page)]
        screenshot(page, f"intake-link-start-form-{language}-phone")
    page.goto(address)  # the link's own language: Finnish
    expect(page.get_by_label("Asuinkunta")).to_have_value("Lohja")  # pre-filled
    page.locator("#education-isced_5_8").check()
    page.get_by_role("button", name="Lähetä").click()  # the background questions unanswered
    failing += [f"start form with errors: {v}" for v in violations(page)]
    screenshot(page, "intake-link-start-form-errors-fi-phone")
    expect(page.locator(".error-summary")).to_contain_text("Valitse jokin vaihtoehdoista")
    for question in ("disability", "foreign_background", "third_country_national", "minority",
                     "homeless_or_housing_exclusion", "other_disadvantaged"):  # fmt: skip
        page.locator(
            f"#{question}-declined" if question == "minority" else f"#{question}-no"
        ).check()
    page.get_by_role("button", name="Lähetä").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kiitos, vastauksesi on lähetetty")
    screenshot(page, "intake-link-sent-fi-phone")
    page.goto(address)
    expect(page.get_by_role("heading", level=1)).to_have_text("Tämä lomake on jo lähetetty")
    failing += [f"used link: {v}" for v in violations(page)]
    screenshot(page, "intake-link-used-fi-phone")

    sign_in(page, site, coach)
    page.goto(site.url(client))
    page.get_by_role("link", name="1 vastaus osallistujalta odottaa vahvistusta.").click()
    for language in LANGUAGES:
        in_language(page, site, language, f"{client}/links")
        if overflow(page) > 0:
            too_wide.append(f"review in {language}: {overflow(page)} px")
        failing += [f"review in {language}: {v}" for v in violations(page)]
        screenshot(page, f"intake-link-review-{language}-phone")
    in_language(page, site, "fi", f"{client}/links")
    review = page.locator("table", has_text="Aloituslomake")
    expect(review.get_by_role("row", name="Koulutus")).to_contain_text("Korkea-aste")
    page.get_by_role("button", name="Vahvista ja tallenna").click()
    expect(page.get_by_role("status")).to_contain_text("Vastaukset vahvistettiin ja tallennettiin")
    page.goto(site.url(client))

    expect(page.locator("ol.timeline")).to_contain_text("Korkea-aste")
    assert too_wide == [] and failing == []
