"""An employer assesses a work demonstration through a link, on a phone, without an
account; the coach confirms it into the in-work coaching record.

Screenshots go to test-output/screenshots/coaching-employer-link-*-{fi,sv,en}-*.png.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import LiveSite, screenshot, sign_in, site_today
from tests.browser.test_accessibility import violations
from tests.browser.test_coaching_attendance import coaching_caught_up
from tests.browser.test_coaching_pages_right import LANGUAGES, enrol, fits, in_language
from tests.integration.coaching.builders import company

pytestmark = pytest.mark.browser


def test_an_employer_assesses_a_work_demonstration_by_link_and_the_coach_confirms_it(
    site: LiveSite, page: Page, browser: Browser
) -> None:
    project = site.new_project()
    sign_in(page, site, site.add_user(roles=["coach"], projects=[project]))
    client = enrol(page, site, project, "Aino", "Aalto", "Lohja")
    company(site.data_dir, project, trade_name="Lohjan Konepaja Oy")
    coaching_caught_up(page, site)
    page.goto(site.url(f"/p/{project}/coaching/clients/{client}"))
    page.locator("summary", has_text="Aloita työssävalmennus").click()
    page.get_by_label("Työnantaja").select_option(label="Lohjan Konepaja Oy (1234567-8, Lohja)")
    page.locator("#started_on").fill((site_today() - timedelta(days=30)).isoformat())
    page.get_by_role("button", name="Aloita työssävalmennus").click()
    plan = page.url.split("?")[0].removeprefix(site.base_url)

    page.get_by_role("link", name="Työnantajan lomakkeet linkillä").click()
    page.get_by_label("Työnantajan yhteyshenkilö").fill("Anna Berg")
    page.get_by_label("Työnäytön arviointi").check()
    page.get_by_role("button", name="Luo linkki").click()
    address = page.get_by_label("Linkin osoite").input_value()
    assert "/e/" in address
    assert violations(page) == []
    for language in LANGUAGES:
        in_language(page, site, language, f"{plan}/links")
        fits(page, 390)
        screenshot(page, f"coaching-employer-link-links-{language}-phone")
    page.set_viewport_size({"width": 1280, "height": 900})

    employer = browser.new_context(viewport={"width": 390, "height": 844}, locale="fi-FI")
    phone = employer.new_page()
    for language in LANGUAGES:
        phone.goto(f"{address}?lang={language}")
        fits(phone, 390)
        screenshot(phone, f"coaching-employer-link-form-{language}-phone")
    phone.goto(address)
    expect(phone.get_by_role("heading", level=1)).to_have_text("Työnäytön arviointi")
    assert violations(phone) == []
    phone.get_by_role("button", name="Lähetä valmentajalle").click()
    expect(phone.get_by_role("alert")).to_contain_text("Kirjoita, mitä tehtäviä näytettiin.")
    expect(phone.locator("#result")).to_contain_text(
        "Valitse jokin vaihtoehto kohdassa ”Kokonaistulos”."
    )
    assert violations(phone) == []
    phone.get_by_label("Näytetyt tehtävät").fill("Kassatyöt ja hyllytys iltavuorossa")
    phone.locator("#score_work_tasks-4").check()
    phone.locator("#score_cooperation-5").check()
    phone.get_by_label("Hyväksytty", exact=True).check()
    phone.get_by_role("button", name="Lähetä valmentajalle").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Kiitos")
    screenshot(phone, "coaching-employer-link-sent-fi-phone")
    phone.goto(address)
    expect(phone.get_by_role("heading", level=1)).to_have_text("Lomake on jo lähetetty")
    employer.close()

    in_language(page, site, "fi", plan)
    page.get_by_role("link", name="Tarkista ja vahvista").click()
    expect(page.locator("main")).to_contain_text("Kassatyöt ja hyllytys iltavuorossa")
    assert violations(page) == []
    for language in LANGUAGES:
        in_language(page, site, language, page.url.split("?")[0].removeprefix(site.base_url))
        fits(page, 390)
        screenshot(page, f"coaching-employer-link-proposal-{language}-phone")
    in_language(page, site, "fi", page.url.split("?")[0].removeprefix(site.base_url))
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("button", name="Vahvista ja kirjaa").click()
    expect(page.get_by_role("status")).to_contain_text("vahvistettiin ja kirjattiin")
    expect(page.locator("dl.facts")).to_contain_text("Hyväksytty")
    screenshot(page, "coaching-employer-link-confirmed-fi-desktop")
