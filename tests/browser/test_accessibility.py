"""axe-core finds no WCAG 2.1 A or AA violation on the coaches' pages.

axe checks what a machine can: labels, names, contrast, landmarks, ARIA use, language of
the page. The keyboard and error-summary behaviour is tested by the scenario tests.
"""

from __future__ import annotations

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from tests.browser.conftest import LiveSite, sign_in

pytestmark = pytest.mark.browser

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def violations(page: Page) -> list[str]:
    results: Any = Axe().run(page, options=WCAG_21_AA)
    found = results.response["violations"]
    return [
        f"{v['id']}: {v['help']} ({', '.join(n['target'][0] for n in v['nodes'][:3])})"
        for v in found
    ]


def test_the_sign_in_page_has_no_violations(site: LiveSite, page: Page) -> None:
    page.goto(site.url("/login"))

    assert violations(page) == []


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_intake_pages_have_no_violations_in_any_language(
    site: LiveSite, page: Page, language: str
) -> None:
    project = site.new_project()
    sign_in(page, site, site.add_user(roles=["coach"], projects=[project]))
    page.goto(site.url(f"/lang/{language}?next=/p/{project}/clients"))
    found = {"list": violations(page)}
    page.goto(site.url(f"/p/{project}/clients/new"))
    found["form"] = violations(page)
    page.locator("form button.primary").click()  # empty: errors at every required field
    found["form with errors"] = violations(page)

    assert found == {"list": [], "form": [], "form with errors": []}


@pytest.mark.parametrize(
    ("section", "roles"),
    [
        ("coaching", ["coach"]),
        ("coaching/programmes", ["coach"]),
        ("matching", ["coach"]),
        ("matching/companies/new", ["coach"]),
        ("reports", ["project_manager"]),
    ],
)
def test_the_other_services_pages_have_no_violations(
    site: LiveSite, page: Page, section: str, roles: list[str]
) -> None:
    project = site.new_project()
    sign_in(page, site, site.add_user(roles=roles, projects=[project]))
    answer = page.goto(site.url(f"/p/{project}/{section}"))

    assert answer is not None and answer.status == 200
    assert violations(page) == []
