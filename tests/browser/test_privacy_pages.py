"""The data-protection pages in a browser: a coach's reading of a client shows on the
client's page and in the access log the auditor reads; both pages, and the client's
privacy page, have no WCAG 2.1 AA violation and fit a 390 px phone."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import LiveSite, screenshot, sign_in
from tests.browser.test_accessibility import violations
from tests.browser.test_intake_ui import enrol

pytestmark = pytest.mark.browser


def test_the_auditor_sees_who_opened_a_client(site: LiveSite, page: Page) -> None:
    project = site.new_project()
    coach = site.add_user(roles=["coach"], projects=[project], display_name="Kaisa Valmentaja")
    auditor = site.add_user(roles=["auditor"], projects=[project], display_name="Tarja Tarkastaja")
    sign_in(page, site, coach)
    enrol(page, site, project, "131052-308T", first="Aino", last="Lehtonen")
    client_page = page.url.split("?")[0]  # the enrolment lands on the client's page
    page.goto(client_page)
    expect(page.get_by_role("heading", name="Kuka on avannut nämä tiedot")).to_be_visible()
    page.context.clear_cookies()

    sign_in(page, site, auditor)
    page.goto(client_page + "/privacy")
    expect(page.get_by_text("Kaisa Valmentaja").first).to_be_visible()
    found = {"privacy": violations(page)}
    page.get_by_role("link", name="Kaikki tätä asiakasta koskevat lokimerkinnät").click()
    expect(page.get_by_role("cell", name="Avasi asiakkaan tiedot").first).to_be_visible()
    found["access log"] = violations(page)
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "intake-privacy-access-log-phone")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    page.goto(client_page + "/privacy")
    screenshot(page, "intake-privacy-client-phone")
    overflow_privacy = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")

    assert found == {"privacy": [], "access log": []}
    assert (overflow, overflow_privacy) == (0, 0)


def test_a_coach_records_a_withdrawn_consent(site: LiveSite, page: Page) -> None:
    project = site.new_project()
    coach = site.add_user(roles=["coach"], projects=[project])
    sign_in(page, site, coach)
    enrol(page, site, project, "131052-308T", first="Aino", last="Mäkelä")
    page.goto(page.url.split("?")[0] + "/consents")
    page.set_viewport_size({"width": 390, "height": 844})

    page.get_by_label("Mitä suostumus koskee").select_option("employer_presentation")
    page.get_by_label("Peruttu").check()
    page.get_by_label("Miten annettiin").select_option("phone")
    page.get_by_role("button", name="Kirjaa").click()

    row = page.get_by_role("row", name="Esittely työnantajille")
    expect(row).to_contain_text("Peruttu")
    screenshot(page, "intake-consents-phone")
    assert violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0


def test_an_administrator_changes_how_long_personal_data_is_kept(
    site: LiveSite, page: Page
) -> None:
    project = site.new_project()
    admin = site.add_user(roles=["admin"], projects=[], display_name="Ylläpitäjä")
    sign_in(page, site, admin)
    name = re.compile(rf"Muuta\s*: Henkilötietojen säilytys, {project}")
    change = page.get_by_role("link", name=name)
    for _ in range(20):  # the list shows the project once intake's directory has read it
        page.goto(site.url("/admin/projects"))
        if change.count():
            break
        page.wait_for_timeout(250)
    change.click()
    page.get_by_label("Vuosia hankkeen viimeisen vuoden päättymisestä").fill("101")
    page.get_by_role("button", name="Tallenna").click()

    expect(page.get_by_role("alert")).to_contain_text("0–100")
    expect(page.locator("#years")).to_have_attribute("aria-invalid", "true")
    screenshot(page, "intake-retention-refused-fi")

    page.get_by_label("Vuosia hankkeen viimeisen vuoden päättymisestä").fill("7")
    page.get_by_role("button", name="Tallenna").click()

    expect(page.get_by_role("status")).to_contain_text("säilytysaikaa muutettiin")
    found = {}
    for language in ("fi", "sv", "en"):
        page.goto(site.url(f"/lang/{language}?next=/admin/projects/{project}/retention"))
        for device, width in (("desktop", 1280), ("phone", 390)):
            page.set_viewport_size({"width": width, "height": 900})
            page.reload()
            screenshot(page, f"intake-retention-{language}-{device}")
            assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
            found[f"{language} {device}"] = violations(page)
    assert page.locator("#years").input_value() == "7"
    assert all(not here for here in found.values()), found
