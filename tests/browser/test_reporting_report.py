"""A project manager and an auditor read the report in a real browser; screenshots for review.

The history is written straight into the live site's upstream logs, as intake, coaching
and matching would have written it; the report page shows it once the reporting
subscriptions have caught up.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import LiveSite, screenshot, sign_in
from tests.integration.reporting.builders import Logs
from tests.unit.reporting.builders import (
    attendance,
    company,
    enrolled,
    exited,
    placement,
    relation,
    session,
)

pytestmark = pytest.mark.browser


def a_history(site: LiveSite, project: str) -> None:
    logs = Logs(site.data_dir)
    try:
        events = [
            enrolled("c1", "2024-02-01"), enrolled("c2", "2024-03-05", gender="male"),
            enrolled("c3", "2024-04-10", age_at_entry=58), enrolled("c4", "2024-05-20"),
            exited("c1", "2024-06-01", "employed"), exited("c2", "2024-07-01", "unemployed"),
            exited("c3", "2024-08-01", "education_or_training"),
            session("c1", "2024-02-02"), session("c2", "2024-03-06", 90),
            attendance("c3", "m1", "2024-04-12"), company("firm"),
            relation("firm", "supported", "2024-03-01"), placement("c1", "firm", "2024-05-15"),
        ]  # fmt: skip
        logs.record(*events, project=project)
    finally:
        logs.close()


def open_report(page: Page, site: LiveSite, project: str) -> None:
    url = site.url(f"/p/{project}/reports?start=2024-01-01&end=2024-12-31")
    for _ in range(50):
        page.goto(url)
        row = page.get_by_role("row", name=re.compile("^Osallistujat yhteensä"))
        if row.count() and row.get_by_role("cell").nth(1).inner_text().startswith("4"):
            return
        page.wait_for_timeout(200)
    raise AssertionError("the report did not show the history")


def test_a_project_manager_reads_the_report_drills_down_and_sets_a_target(
    site: LiveSite, page: Page
) -> None:
    project = site.new_project()
    manager = site.add_user(roles=["project_manager"], projects=[project])
    a_history(site, project)
    sign_in(page, site, manager)

    open_report(page, site, project)
    expect(page.get_by_role("heading", name="Raportit", exact=True)).to_be_visible()
    expect(page.get_by_role("img", name="Jaksolla päättäneiden sijoittuminen")).to_be_visible()
    screenshot(page, "reporting-01-report")

    page.get_by_role("row", name=re.compile("^Miehet")).get_by_role("link").click()
    expect(page.get_by_role("heading", name="Miehet")).to_be_visible()
    expect(page.get_by_role("link", name="c2")).to_be_visible()
    screenshot(page, "reporting-02-drill-down")

    page.get_by_role("link", name="Takaisin raporttiin").click()
    page.get_by_label("Luku").select_option("participants.total")
    page.get_by_label("Suunniteltu").fill("480")
    page.get_by_role("button", name="Tallenna tavoite").click()
    expect(page.get_by_role("status")).to_contain_text("Tavoite tallennettiin")
    targets = page.get_by_role("table", name="Tavoitteet ja toteumat")
    expect(targets).to_contain_text("220")  # the project plan's companies
    # read-your-writes: the bus brought the live tables up to the target before the redirect
    expect(targets.get_by_role("row", name=re.compile("^Osallistujat yhteensä"))).to_contain_text(
        "480"
    )
    screenshot(page, "reporting-03-target")


def test_an_auditor_reads_in_english_without_any_form_to_change_targets(
    site: LiveSite, page: Page
) -> None:
    project = site.new_project()
    auditor = site.add_user(roles=["auditor"], projects=[project])
    a_history(site, project)
    sign_in(page, site, auditor)
    open_report(page, site, project)

    page.get_by_role("link", name="In English").click()

    expect(page.get_by_role("heading", name="Reports", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Save target")).to_have_count(0)
    page.get_by_label("As recorded by").fill("2019-07-31")
    page.get_by_role("button", name="Show figures").click()
    expect(page.get_by_role("row", name=re.compile("^Participants, total"))).to_contain_text("0")
    screenshot(page, "reporting-04-auditor-as-of")
