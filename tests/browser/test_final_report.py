"""The final report in a real browser, in Finnish, Swedish and English, on a desktop and a
390 px phone; and a project manager booking and correcting a cost that the report then
shows. Screenshots go to test-output/screenshots/ for review."""

from __future__ import annotations

import re
import uuid
from datetime import date

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import SCREENSHOTS, LiveSite, screenshot, sign_in
from tests.browser.test_accessibility import violations
from tests.integration.reporting.builders import Logs
from tests.unit.reporting.final_builders import employers_events, money_events, services_events

pytestmark = pytest.mark.browser

WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
RUN = "start=2018-01-01&end=2020-01-31"
HEADINGS = {
    "fi": ("Loppuraportti", "Palvelut", "Budjetti ja toteutuneet kustannukset"),
    "sv": ("Slutrapport", "Tjänster", "Budget och förverkligade kostnader"),
    "en": ("Final report", "Services", "Budget and realised cost"),
}


def a_project_with_a_budget(site: LiveSite) -> str:
    """DuuniPolku-like: 242 550 € approved, ESF 70 %, the city 30 %."""
    from services.intake.domain.events import FundingShare, ProjectPlan
    from services.intake.domain.target_group import TargetGroupRule
    from services.intake.service_layer.projects import register_project
    from shared.eventlog.sql import SqlEventLog, open_database

    code = f"F{uuid.uuid4().hex[:8].upper()}"
    plan = ProjectPlan(
        name=f"DuuniPolku {code}", municipalities=("Oulu",), starts_on=date(2018, 1, 1),
        ends_on=date(2020, 1, 31), target_group=TargetGroupRule(), planned_participants=70,
        planned_companies=0,
        funding=(FundingShare(source="ESR", percent=70), FundingShare(source="Oulu", percent=30)),
        budget_cents=242_550_00,
    )  # fmt: skip
    database = open_database(f"sqlite:///{site.data_dir / 'intake.sqlite3'}")
    try:
        register_project(SqlEventLog(database, "intake"), code, plan, actor="test")
    finally:
        database.dispose()
    return code


def its_history(site: LiveSite, project: str) -> None:
    """Services, employers and costs as coaching, matching and intake wrote them."""
    money = [e for e in money_events() if e[0] != "intake.project_registered"]
    logs = Logs(site.data_dir)
    try:
        logs.record(*services_events(), *employers_events(), *money, project=project)
    finally:
        logs.close()


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_final_report_reads_well_in_every_language_on_a_desktop_and_a_phone(
    site: LiveSite, page: Page, language: str
) -> None:
    project = a_project_with_a_budget(site)
    manager = site.add_user(roles=["project_manager"], projects=[project])
    its_history(site, project)
    sign_in(page, site, manager)
    page.goto(site.url(f"/lang/{language}?next=/p/{project}/reports"))
    title, services, money = HEADINGS[language]
    found = {}
    for device, size in WIDTHS.items():
        page.set_viewport_size(size)
        answer = page.goto(site.url(f"/p/{project}/reports/final?{RUN}"))
        assert answer is not None and answer.status == 200
        expect(page.get_by_role("heading", name=title, exact=True)).to_be_visible()
        expect(page.get_by_role("heading", name=services, exact=True)).to_be_visible()
        expect(page.get_by_role("heading", name=money, exact=True)).to_be_visible()
        screenshot(page, f"reporting-final-report-{language}-{device}")
        for section in ("services", "money"):  # close-ups for review, the page is long
            close_up = SCREENSHOTS / f"reporting-final-report-{section}-{language}-{device}.png"
            page.locator(f"section#{section}").screenshot(path=str(close_up))
        assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
        found[device] = violations(page)

    assert all(not here for here in found.values()), found


def test_a_count_opens_its_clients_and_the_export_downloads(site: LiveSite, page: Page) -> None:
    project = a_project_with_a_budget(site)
    manager = site.add_user(roles=["project_manager"], projects=[project])
    its_history(site, project)
    sign_in(page, site, manager)
    page.goto(site.url(f"/p/{project}/reports/final?{RUN}"))

    money = page.locator("section#money")
    expect(money.get_by_role("row", name=re.compile("^Toteutuneet kustannukset"))).to_contain_text(
        "225\u00a0303,00\u00a0€"
    )
    expect(money.get_by_role("row", name=re.compile("^ESR"))).to_contain_text("169\u00a0785")
    with page.expect_download() as download:
        page.get_by_role("link", name="Lataa tulostettavaksi (HTML)").click()
    assert download.value.suggested_filename.startswith(f"final-report-{project}-")

    page.get_by_role("row", name=re.compile("^DuuniKaverit")).get_by_role("link").click()
    expect(page.get_by_role("heading", name="DuuniKaverit")).to_be_visible()
    screenshot(page, "reporting-final-report-drill-down-fi")


def test_a_project_manager_books_and_corrects_a_cost_the_final_report_counts(
    site: LiveSite, page: Page
) -> None:
    project = a_project_with_a_budget(site)
    manager = site.add_user(roles=["project_manager"], projects=[project])
    sign_in(page, site, manager)
    page.goto(site.url(f"/p/{project}/costs"))

    page.get_by_label("Tunniste").fill("TOSITE-7")
    page.get_by_label("Laji").select_option("staff")
    page.get_by_label("Kausi alkaa").fill("2018-01-01")
    page.get_by_label("Kausi päättyy").fill("2018-12-31")
    page.get_by_label("Summa euroina").fill("12 000,5")
    page.get_by_role("button", name="Kirjaa kustannus").click()
    expect(page.get_by_role("status")).to_contain_text("Kustannus kirjattiin")

    page.get_by_role("link", name=re.compile("^TOSITE-7")).click()
    page.get_by_label("Summa euroina").fill("abc")
    page.get_by_role("button", name="Tallenna korjaus").click()
    expect(page.get_by_role("alert")).to_contain_text("Anna summa euroina ja sentteinä")
    screenshot(page, "intake-cost-correction-refused-fi")
    page.get_by_label("Summa euroina").fill("11 500,50")
    page.get_by_role("button", name="Tallenna korjaus").click()
    expect(page.get_by_role("status")).to_contain_text("Kirjaus korjattiin")
    expect(page.get_by_role("row", name=re.compile("^TOSITE-7"))).to_contain_text(
        "11\u00a0500,50\u00a0€"
    )
    screenshot(page, "intake-cost-bookings-fi")

    page.get_by_role("link", name="Loppuraportti").click()
    money = page.locator("section#money")
    expect(money.get_by_role("row", name=re.compile("^Toteutuneet kustannukset"))).to_contain_text(
        "11\u00a0500,50\u00a0€"
    )
