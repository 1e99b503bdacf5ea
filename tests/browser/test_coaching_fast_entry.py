"""Fast entry in a browser at phone width: the booking form's client picker (search, then
choose) works without script and has no WCAG 2.1 AA violation."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import LiveSite, screenshot, sign_in
from tests.browser.test_accessibility import violations
from tests.browser.test_coaching_attendance import coaching_caught_up, enrol_through_intake

pytestmark = pytest.mark.browser


def test_a_coach_finds_the_client_then_books_on_a_phone(site: LiveSite, page: Page) -> None:
    project = site.new_project()
    coach = site.add_user(roles=["coach"], projects=[project])
    sign_in(page, site, coach)
    for first, born in (("Aino", "1968-04-02"), ("Bertil", "1965-09-15"), ("Aila", "1960-01-20")):
        enrol_through_intake(page, site, project, first, born)
    coaching_caught_up(page, site)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site.url(f"/p/{project}/coaching/sessions/new"))

    page.get_by_role("searchbox", name="Etsi asiakas").fill("bertil")
    page.get_by_role("button", name="Etsi", exact=True).click()

    expect(page.get_by_role("status")).to_contain_text("1 asiakas löytyi")
    expect(page.locator("#client_id option:checked")).to_contain_text("Bertil")
    screenshot(page, "coaching-client-picker-phone")
    found = violations(page)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    page.get_by_role("button", name="Varaa").click()
    expect(page.get_by_role("status")).to_be_visible()

    assert found == [] and overflow <= 0
    assert "/sessions/new" not in page.url
