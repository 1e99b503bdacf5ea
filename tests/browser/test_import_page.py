"""The import page in a real browser at phone width: a project manager uploads a sheet
with a problem and one without, reads the dry run in Finnish, Swedish and English, and
confirms; the page fits 390 px and has no WCAG 2.1 AA violations. Screenshots under
test-output/screenshots/intake-import-*.png."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import LiveSite, screenshot, sign_in, site_today
from tests.browser.test_accessibility import violations

pytestmark = pytest.mark.browser

DAY = (site_today() - timedelta(days=90)).isoformat()
HEADER = (
    "participant_id,start_date,gender,age_at_start,employment_status_at_start,"
    "unemployed_since,highest_education_before_start,end_date,status_upon_leaving,"
    "employment_type\n"
)
GOOD = (
    HEADER
    + f"EURA-0001,{DAY},female,55,unemployed,2021-03-01,isced_3_4,,,\n"
    + f"EURA-0002,{DAY},male,61,employed,,isced_5_8,{site_today()},employed,fixed_term\n"
)
BAD = GOOD + "EURA-0003,31.2.2026,robot,,unemployed,,isced_3_4,,,\n"


def overflow(page: Page) -> int:
    found: int = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    return found


def test_the_dry_run_page_in_three_languages_at_phone_width(
    site: LiveSite, page: Page, tmp_path: Path
) -> None:
    project = site.new_project()
    manager = site.add_user(roles=["project_manager"], projects=[project],
                            display_name="Päivi Projektipäällikkö")  # fmt: skip
    sign_in(page, site, manager)
    page.set_viewport_size({"width": 390, "height": 844})
    bad, good = tmp_path / "bad.csv", tmp_path / "good.csv"
    bad.write_text(BAD, encoding="utf-8")
    good.write_text(GOOD, encoding="utf-8")
    button = {"fi": "Tarkista tiedosto", "sv": "Kontrollera filen", "en": "Check the file"}

    for language in ("fi", "sv", "en"):
        page.goto(site.url(f"/lang/{language}?next=/p/{project}/import"))
        page.locator("#file").set_input_files(str(bad))
        page.get_by_role("button", name=button[language]).click()
        expect(page.locator("table.stack tbody tr")).to_have_count(3)
        assert overflow(page) <= 0, language
        assert violations(page) == [], language
        screenshot(page, f"intake-import-dry-run-{language}-phone")

    page.locator("#file").set_input_files(str(good))
    page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_role("status")).to_contain_text("2 would be created")
    page.get_by_role("button", name="Import these participants").click()
    expect(page.get_by_role("heading", name="Import done")).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("2 created")
    screenshot(page, "intake-import-done-en-phone")
