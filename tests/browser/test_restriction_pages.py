"""Restricting a record in a browser: the auditor records the erasure request with the
button on the client's privacy page; the coach then meets the notice instead of the
record. Both pages have no WCAG 2.1 AA violation and fit a 390 px phone."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import LiveSite, screenshot, sign_in
from tests.browser.test_accessibility import violations
from tests.browser.test_intake_ui import enrol

pytestmark = pytest.mark.browser


def _overflow(page: Page) -> int:
    width: int = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    return width


def test_the_auditor_restricts_and_the_coach_sees_the_notice(site: LiveSite, page: Page) -> None:
    project = site.new_project()
    coach = site.add_user(roles=["coach"], projects=[project])
    auditor = site.add_user(roles=["auditor"], projects=[project])
    sign_in(page, site, coach)
    enrol(page, site, project, "131052-308T", first="Aino", last="Rajala")
    client_page = page.url.split("?")[0]
    page.context.clear_cookies()

    sign_in(page, site, auditor)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(client_page + "/privacy")
    page.get_by_role("button", name="Kirjaa poistopyyntö ja rajoita käsittelyä").click()
    expect(page.get_by_text("Näiden tietojen käsittelyä on rajoitettu").first).to_be_visible()
    expect(page.get_by_role("button", name="Pura rajoitus: pyyntö on peruttu")).to_be_visible()
    screenshot(page, "intake-restricted-privacy-phone")
    found = {"privacy": violations(page)}
    overflow = {"privacy": _overflow(page)}
    page.context.clear_cookies()

    sign_in(page, site, coach)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(client_page)
    expect(page.get_by_role("heading", name="Käsittelyä rajoitettu")).to_be_visible()
    expect(page.get_by_text("Rajala")).to_have_count(0)
    screenshot(page, "intake-restricted-notice-phone")
    found["notice"] = violations(page)
    overflow["notice"] = _overflow(page)

    assert found == {"privacy": [], "notice": []}
    assert overflow == {"privacy": 0, "notice": 0}
