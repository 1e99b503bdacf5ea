"""The account pages in a real browser: changing one's password, and the administrator's users.

Each test saves screenshots under test-output/screenshots/ for a reviewer to look at; the
pages are checked with axe in every language, on a desktop and on a 390 px phone.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import LiveSite, screenshot, sign_in
from tests.browser.test_accessibility import violations

pytestmark = pytest.mark.browser

NEW = "otava kahvikuppi purjevene"
WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_both_pages_read_well_in_every_language_on_a_desktop_and_a_phone(
    site: LiveSite, page: Page, language: str
) -> None:
    project = site.new_project()
    site.add_user(roles=["coach"], projects=[project], display_name="Kaisa Valmentaja")
    admin = site.add_user(roles=["admin"], projects=[], display_name="Ylläpitäjä")
    sign_in(page, site, admin)
    page.goto(site.url(f"/lang/{language}?next=/account/password"))
    found = {}
    for device, size in WIDTHS.items():
        page.set_viewport_size(size)
        for name in ("account/password", "admin/users"):
            answer = page.goto(site.url(f"/{name}"))
            assert answer is not None and answer.status == 200
            screenshot(page, f"account-{name.split('/')[1]}-{language}-{device}")
            assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
            found[f"{name} {device}"] = violations(page)

    assert all(not found_here for found_here in found.values()), found


def test_a_coach_changes_their_password_after_a_mistyped_repeat(site: LiveSite, page: Page) -> None:
    project = site.new_project()
    coach = site.add_user(roles=["coach"], projects=[project], display_name="Kaisa Valmentaja")
    sign_in(page, site, coach)
    page.get_by_role("link", name="Vaihda salasana").click()
    page.get_by_label("Nykyinen salasana").fill(coach.password)
    page.locator("#new_password").fill(NEW)
    page.get_by_label("Uusi salasana uudelleen").fill(NEW + "x")
    page.get_by_role("button", name="Vaihda salasana").click()

    expect(page.get_by_role("alert")).to_contain_text("Salasanat eivät täsmää")
    expect(page.locator("#new_password_again")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label("Nykyinen salasana")).to_have_value("")
    screenshot(page, "account-password-mismatch-fi")

    page.get_by_label("Nykyinen salasana").fill(coach.password)
    page.locator("#new_password").fill(NEW)
    page.get_by_label("Uusi salasana uudelleen").fill(NEW)
    page.get_by_role("button", name="Vaihda salasana").click()

    expect(page.get_by_role("status")).to_contain_text("Salasanasi vaihdettiin")
    expect(page).to_have_url(re.compile(r"/account/password\?saved=password_changed$"))
    screenshot(page, "account-password-changed-fi")


def test_an_admin_deactivates_a_coach_and_sets_a_password_on_the_users_page(
    site: LiveSite, page: Page
) -> None:
    project = site.new_project()
    coach = site.add_user(roles=["coach"], projects=[project], display_name="Kaisa Valmentaja")
    admin = site.add_user(roles=["admin"], projects=[], display_name="Ylläpitäjä")
    sign_in(page, site, admin)
    screenshot(page, "account-admin-home-fi")
    page.get_by_role("link", name="Hallinnoi käyttäjiä").click()
    row = page.get_by_role("row", name=coach.username)

    row.get_by_role("button", name="Poista käytöstä").click()
    expect(page.get_by_role("status")).to_contain_text(
        f"Kaisa Valmentaja ({coach.username}) ei voi enää kirjautua"
    )
    expect(page.get_by_role("row", name=coach.username)).to_contain_text("Ei käytössä")

    row = page.get_by_role("row", name=coach.username)
    row.get_by_text("Aseta uusi salasana").click()
    row.locator("input[name=password]").fill("lyhyt")
    row.get_by_label("Uusi salasana uudelleen").fill("lyhyt")
    row.get_by_role("button", name="Aseta salasana").click()
    expect(page.get_by_role("alert")).to_contain_text("vähintään 12 merkkiä")
    screenshot(page, "account-users-password-refused-fi")
    page.set_viewport_size(WIDTHS["phone"])
    screenshot(page, "account-users-password-refused-fi-phone")
    page.set_viewport_size(WIDTHS["desktop"])

    row = page.get_by_role("row", name=coach.username)
    row.locator("input[name=password]").fill(NEW)
    row.get_by_label("Uusi salasana uudelleen").fill(NEW)
    row.get_by_role("button", name="Aseta salasana").click()
    expect(page.get_by_role("status")).to_contain_text("on uusi salasana")
    row = page.get_by_role("row", name=coach.username)
    row.get_by_role("button", name="Ota käyttöön").click()
    expect(page.get_by_role("status")).to_contain_text("voi taas kirjautua")
    screenshot(page, "account-users-after-actions-fi")
