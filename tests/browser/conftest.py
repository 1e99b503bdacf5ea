"""A live coaches' site and a real headless Chromium driven by Playwright.

The site is the single-process app of ``duuni up`` (all four services on the embedded
logs) served by uvicorn on a free local port, once per test session. Each test makes
its own project and users through ``site``, so tests never see each other's clients.

Chromium is Debian's (``/usr/bin/chromium``), because browser downloads are not possible
everywhere; ``.ci/run`` installs it. Screenshots go to ``test-output/screenshots/``.

Usage::

    def test_something(site: LiveSite, page: Page) -> None:
        project = site.new_project()
        coach = site.add_user(roles=["coach"], projects=[project])
        sign_in(page, site, coach)
        page.goto(site.url(f"/p/{project}/coaching"))
        ...
        screenshot(page, "coaching-agenda")
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from duuni.app import create_app
from shared.business_dates import helsinki_today
from tests.kafka_broker import in_ci
from tests.live_server import served

# Today where the site's pages are: Helsinki. From 22:00 or 21:00 UTC it is already
# tomorrow there, and a test that took the machine's (UTC) date saw yesterday.
site_today = helsinki_today


CHROMIUM = os.environ.get("DUUNI_CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"
PASSWORD = "correct horse battery staple"

pytestmark = pytest.mark.browser


@dataclasses.dataclass(frozen=True)
class SiteUser:
    id: str
    username: str
    password: str
    display_name: str


@dataclasses.dataclass
class LiveSite:
    base_url: str
    data_dir: Path

    def url(self, path: str) -> str:
        return self.base_url + path

    def new_project(self, prefix: str = "T", *, min_age: int | None = 50) -> str:
        """A fresh project, registered in intake (DuuniAgentti-like: Lohja area, 50+)."""
        from datetime import date

        from services.intake.domain.events import ProjectPlan
        from services.intake.domain.target_group import TargetGroupRule
        from services.intake.service_layer.projects import register_project
        from shared.eventlog.sql import SqlEventLog, open_database

        code = f"{prefix}{uuid.uuid4().hex[:8].upper()}"
        plan = ProjectPlan(
            name=f"DuuniAgentti {code}",
            municipalities=("Lohja", "Vihti", "Raasepori", "Hanko", "Karkkila"),
            starts_on=date(2017, 8, 1),
            ends_on=date(2030, 7, 31),
            target_group=TargetGroupRule(min_age=min_age),
            planned_participants=500,
            planned_companies=220,
        )
        database = open_database(f"sqlite:///{self.data_dir / 'intake.sqlite3'}")
        try:
            register_project(SqlEventLog(database, "intake"), code, plan, actor="test")
        finally:
            database.dispose()
        return code

    def add_user(
        self,
        *,
        roles: list[str],
        projects: list[str],
        display_name: str = "Testi Valmentaja",
        username: str | None = None,
    ) -> SiteUser:
        from services.intake.adapters.accounts import SqlAccountStore
        from services.intake.service_layer.accounts import create_user
        from shared.eventlog.sql import open_database

        name = username or f"user{uuid.uuid4().hex[:10]}"
        database = open_database(f"sqlite:///{self.data_dir / 'intake.sqlite3'}")
        try:
            user = create_user(
                SqlAccountStore(database).create(),
                username=name,
                password=PASSWORD,
                roles=roles,
                projects=projects,
                display_name=display_name,
            )
        finally:
            database.dispose()
        return SiteUser(user.id, name, PASSWORD, display_name)


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveSite]:
    data_dir = tmp_path_factory.mktemp("site-data")
    with served(create_app(data_dir), "live-site") as base_url:
        ready = httpx.get(base_url + "/health/ready", timeout=5)
        assert ready.status_code == 200, ready.text
        yield LiveSite(base_url, data_dir)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """One Chromium per test module: Playwright's sync API keeps an event loop running in
    this thread while it is open, which later tests' ``asyncio.run`` must not meet."""
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        reason = (
            f"no Chromium at {CHROMIUM}: install Debian's chromium (as .ci/run does) "
            "or set DUUNI_CHROMIUM"
        )
        if in_ci():
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=["--no-sandbox"]
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    """A fresh browser context per test (no cookies shared), phone-friendly viewport off."""
    from playwright.sync_api import Browser

    assert isinstance(browser, Browser)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fi-FI")
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


def screenshot(page: object, name: str) -> Path:
    """Save a full-page PNG under test-output/screenshots/ and return its path."""
    from playwright.sync_api import Page

    assert isinstance(page, Page)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def sign_in(page: object, site: LiveSite, user: SiteUser) -> None:
    """Through the login form, as a coach would; lands on the user's first project."""
    from playwright.sync_api import Page

    assert isinstance(page, Page)
    page.goto(site.url("/login"))
    page.get_by_label("Käyttäjätunnus").fill(user.username)
    page.get_by_label("Salasana").fill(user.password)
    page.get_by_role("button", name="Kirjaudu sisään").click()
    page.wait_for_load_state()
