"""After the exit, in a real browser: the status upon leaving and the follow-up pages fit
the window at desktop and phone width in every language, have no WCAG 2.1 AA violations,
and record what the coach chose. Screenshots go under test-output/screenshots/."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import LiveSite, screenshot, sign_in
from tests.browser.test_accessibility import violations
from tests.browser.test_intake_pages_right import LANGUAGES, WIDTHS, in_language, overflow
from tests.browser.test_intake_ui import a_coach, fill_enrolment

pytestmark = pytest.mark.browser


def a_leaver_without_a_status(page: Page, site: LiveSite, project: str) -> str:
    """Enrolled and exited on the pages with the situation unknown; the client's path."""
    page.goto(site.url(f"/p/{project}/clients/new"))
    fill_enrolment(page, identity_code="131052-308T")
    page.get_by_role("button", name="Kirjaa asiakkaaksi").click()
    expect(page.get_by_role("status")).to_contain_text("Asiakas kirjattiin")
    client = page.url.split("?")[0].removeprefix(site.url(""))
    page.goto(site.url(f"{client}/exit"))
    # the exit date is today, as the form has it: the entry was today too
    page.locator("#exit_status-unknown").check()
    page.get_by_role("button", name="Kirjaa päättyminen").click()
    expect(page.get_by_role("status")).to_contain_text("Päättyminen kirjattiin")
    return client


def test_the_pages_after_leaving_fit_and_record_the_status_and_a_follow_up(
    site: LiveSite, page: Page
) -> None:
    project = site.new_project()
    sign_in(page, site, a_coach(site, project))
    client = a_leaver_without_a_status(page, site, project)
    too_wide, failing = [], []
    for language in LANGUAGES:
        in_language(page, site, language, "/")
        for name, width in WIDTHS.items():
            page.set_viewport_size({"width": width, "height": 900})
            for kind in ("leaving", "follow-up"):
                page.goto(site.url(f"{client}/{kind}"))
                if overflow(page) > 0:
                    too_wide.append(f"{kind} at {width} px in {language}: {overflow(page)} px")
                if name == "desktop":
                    failing += [f"{kind} in {language}: {v}" for v in violations(page)]
                screenshot(page, f"intake-{kind}-{language}-{name}")
    in_language(page, site, "fi", "/")
    page.set_viewport_size({"width": 1280, "height": 900})

    page.goto(site.url(client))
    page.get_by_role("link", name="Kirjaa tilanne päättyessä").click()
    page.locator("#exit_status-referred_to_other_services").check()
    page.get_by_label("Palvelu, johon ohjattiin").select_option("mental_health")
    page.locator("#source-client").check()
    page.get_by_role("button", name="Kirjaa tilanne").click()
    expect(page.get_by_role("status")).to_contain_text("Tilanne päättyessä kirjattiin")
    expect(page.locator("main")).to_contain_text("Mielenterveyspalvelut")
    page.get_by_role("link", name="Kirjaa seuranta").click()
    expect(page.get_by_label("Tarkistuspäivä")).not_to_be_empty()  # today
    page.locator("#reached-yes").check()
    page.locator("#source-register").check()
    page.locator("#exit_status-education_or_training").check()
    page.get_by_role("button", name="Kirjaa seuranta").click()
    expect(page.get_by_role("status")).to_contain_text("Seuranta kirjattiin")
    expect(page.locator("main")).to_contain_text("Seurannat päättymisen jälkeen")
    screenshot(page, "intake-client-after-leaving-fi-desktop")

    assert too_wide == []
    assert failing == []
