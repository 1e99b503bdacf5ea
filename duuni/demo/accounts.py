"""The demo's users and its two projects, written directly into intake's database.

There is no API to create the first users and projects (``duuni users add`` and
``duuni projects add`` write them the same way), so this is the one part of the demo that
does not go through the services' HTTP APIs. It is also where the loader checks that the
folder is still empty, before anything is written.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from duuni.demo.errors import DemoError

if TYPE_CHECKING:
    from services.intake.domain.events import ProjectPlan
    from shared.eventlog.sql import Database

PASSWORD = "duuni-demo-2026"
PROJECT = "S21048"
OULU_PROJECT = "S20999"
MUNICIPALITIES = ("Lohja", "Vihti", "Raasepori", "Hanko", "Karkkila")
COACHES = ("kaisa", "mikko", "leena")
"""DuuniAgentti's coaches."""
COACH_OF = {
    "Lohja": "kaisa",
    "Karkkila": "kaisa",
    "Vihti": "mikko",
    "Raasepori": "leena",
    "Hanko": "leena",
}
"""Each coach has an area; a fifth of the clients go to whoever had room."""


@dataclasses.dataclass(frozen=True)
class DemoLogins:
    """Who can sign in to the demo; every account has the one ``password``."""

    project_id: str
    second_project_id: str
    password: str
    admin: str
    project_manager: str
    coaches: tuple[str, ...]
    auditor: str
    second_project_coach: str
    requests: int = 0
    """Requests sent to the APIs while loading."""
    seconds: float = 0.0

    def describe(self) -> str:
        """Who to sign in as, for the command line to print after loading."""
        rows = [
            (f"coaches ({self.project_id})", ", ".join(self.coaches)),
            ("project manager", self.project_manager),
            ("auditor", self.auditor),
            ("administrator", self.admin),
            (f"coach ({self.second_project_id})", self.second_project_coach),
        ]
        return "\n".join(
            [
                f"Demo projects: {self.project_id} (DuuniAgentti, Lohja area) and "
                f"{self.second_project_id} (DuuniPolku, Oulu). Password for every user: "
                f"{self.password}",
                *(f"  {label + ':':<20} {who}" for label, who in rows),
            ]
        )


def demo_logins(*, requests: int, seconds: float) -> DemoLogins:
    """The logins of the accounts below, with what loading them took."""
    return DemoLogins(
        project_id=PROJECT,
        second_project_id=OULU_PROJECT,
        password=PASSWORD,
        admin="admin",
        project_manager="paivi",
        coaches=COACHES,
        auditor="tarja",
        second_project_coach="olli",
        requests=requests,
        seconds=seconds,
    )


@dataclasses.dataclass(frozen=True)
class _Account:
    username: str
    display_name: str
    roles: tuple[str, ...]
    projects: tuple[str, ...]


_ACCOUNTS = (
    _Account("admin", "Antti Ylläpitäjä", ("admin",), ()),
    _Account("paivi", "Päivi Projektipäällikkö", ("project_manager",), (PROJECT,)),
    _Account("kaisa", "Kaisa Korhonen", ("coach",), (PROJECT,)),
    _Account("mikko", "Mikko Mäkelä", ("coach",), (PROJECT,)),
    _Account("leena", "Leena Lindholm", ("coach",), (PROJECT,)),
    _Account("tarja", "Tarja Tarkastaja", ("auditor",), (PROJECT,)),
    _Account("olli", "Olli Ojala", ("coach",), (OULU_PROJECT,)),
)


@contextmanager
def _intake_database(data_dir: Path) -> Iterator[Database]:
    from duuni.services import settings_for
    from shared.eventlog.sql import open_database

    settings = settings_for("intake", data_dir)
    database = open_database(settings.resolved_database_url(), schema=settings.resolved_schema())
    try:
        yield database
    finally:
        database.dispose()


def refuse_if_used(data_dir: Path) -> None:
    """Refuse a folder with users: a second load would mix two demos (and two admins)."""
    from services.intake.adapters.accounts import SqlAccountStore

    with _intake_database(data_dir) as database:
        users = SqlAccountStore(database).create().count_users()
    if users:
        raise DemoError(
            f"{data_dir} already has {users} user(s): the demo loads only into an empty "
            "data directory (remove it, or choose another, to load the demo again)"
        )


def _plans(today: date) -> dict[str, ProjectPlan]:
    """DuuniAgentti two years into its run, and a younger DuuniPolku in Oulu."""
    from services.intake.domain.events import FundingShare, ProjectPlan
    from services.intake.domain.target_group import TargetGroupRule

    agentti = ProjectPlan(
        name="DuuniAgentti – tehokkaan työllistymisen asiamies",
        municipalities=MUNICIPALITIES,
        starts_on=date(today.year - 3, 8, 1),
        ends_on=date(today.year + 1, 7, 31),
        target_group=TargetGroupRule(min_age=50),
        planned_participants=500,
        planned_companies=220,
        funding=(
            FundingShare(source="esf", percent=65.0),
            FundingShare(source="state", percent=15.0),
            FundingShare(source="municipalities", percent=20.0),
        ),
    )
    polku = ProjectPlan(
        name="DuuniPolku",
        municipalities=("Oulu",),
        starts_on=date(today.year - 1, 1, 1),
        ends_on=date(today.year + 1, 12, 31),
        target_group=TargetGroupRule(),
        planned_participants=120,
        planned_companies=40,
    )
    return {PROJECT: agentti, OULU_PROJECT: polku}


def create_users_and_projects(data_dir: Path, today: date) -> dict[str, str]:
    """Register both projects and create every account; the user ids by username."""
    from services.intake.adapters.accounts import SqlAccountStore
    from services.intake.service_layer.accounts import create_user
    from services.intake.service_layer.projects import register_project
    from shared.eventlog.sql import SqlEventLog

    with _intake_database(data_dir) as database:
        log = SqlEventLog(database, "intake").create()
        for code, plan in _plans(today).items():
            register_project(log, code, plan, actor="demo")
        store = SqlAccountStore(database).create()
        return {
            account.username: create_user(
                store,
                username=account.username,
                password=PASSWORD,
                roles=account.roles,
                projects=account.projects,
                display_name=account.display_name,
            ).id
            for account in _ACCOUNTS
        }
