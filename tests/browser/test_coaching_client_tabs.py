"""The client's one page with tabs, in a browser: a coach opens a client and moves between
intake's and coaching's tabs with the keyboard, at phone and desktop width, in Finnish,
Swedish and English; the bar never runs off the screen and axe finds nothing."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import LiveSite, screenshot, sign_in
from tests.browser.test_accessibility import violations
from tests.browser.test_coaching_attendance import coaching_caught_up, enrol_through_intake

pytestmark = pytest.mark.browser

TABS = {
    "fi": ("Perustiedot", "Suunnitelma ja tapaamiset", "Kirjaukset ja tehtävät", "Asiakirjat"),
    "sv": ("Grunduppgifter", "Plan och möten", "Anteckningar och uppgifter", "Dokument"),
    "en": ("Basic details", "Plan and sessions", "Notes and tasks", "Documents"),
}
WIDTHS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}


def test_a_coach_moves_between_the_clients_tabs(site: LiveSite, page: Page) -> None:
    project = site.new_project()
    coach = site.add_user(roles=["coach"], projects=[project])
    sign_in(page, site, coach)
    client = enrol_through_intake(page, site, project, "Aino", "1968-04-02")
    coaching_caught_up(page, site)

    found: dict[str, list[object]] = {}
    overflow: dict[str, int] = {}
    for language, labels in TABS.items():
        page.context.add_cookies([{"name": "duuni_lang", "value": language, "url": site.base_url}])
        for device, size in WIDTHS.items():
            page.set_viewport_size(size)
            page.goto(site.url(f"/p/{project}/clients/{client}"))
            bar = page.locator("nav.client-tabs")
            for number, label in enumerate(labels):
                if number:  # the next tab, reached and opened with the keyboard
                    bar.get_by_role("link", name=label, exact=True).focus()
                    page.keyboard.press("Enter")
                current = bar.locator('[aria-current="page"]')
                expect(current).to_have_text(label)
                expect(page.get_by_role("heading", level=1)).to_contain_text("Aino")
                key = f"{language}-{device}-{number + 1}"
                found[key] = violations(page)
                overflow[key] = page.evaluate(
                    "document.documentElement.scrollWidth - window.innerWidth"
                )
                screenshot(page, f"coaching-client-tabs-{language}-{device}-{number + 1}")

    assert {k: v for k, v in found.items() if v} == {}
    assert {k: v for k, v in overflow.items() if v > 0} == {}
