"""The state every scenario shares: the API, the seeded generator, the calendar and the plans.

Scenario modules are plain functions of a ``Scenario``: each phase plans its steps
(drawing only on the generator and on earlier plans, never on ids the services hand out,
so one seed always gives the same project) and returns them for the loader to send.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from datetime import date, timedelta

from duuni.demo.accounts import PROJECT
from duuni.demo.api import DemoApi
from duuni.demo.records import Company, Lead, Participant

Step = Callable[[], object]
"""One step of a phase: a request or a few."""
Phase = Callable[["Scenario"], Sequence[Step]]
"""Plans a phase's steps and returns them."""


class Scenario:
    """The demo project as planned so far, and the means to record it."""

    def __init__(self, api: DemoApi, rng: random.Random, today: date, seed: int, size: int) -> None:
        self.api = api
        self.rng = rng
        self.today = today
        self.size = size
        """Clients of DuuniAgentti."""
        self.tag = f"demo{seed}"
        self.first_day = today - timedelta(days=730)
        self.clients: list[Participant] = []
        self.companies: list[Company] = []
        self.leads: list[Lead] = []
        self.used_codes: set[str] = set()
        """Identity codes handed out: each person is enrolled once."""

    def real_today(self) -> date:
        """The services' today: bookings must come after it, goals are set on it."""
        return max(self.today, date.today())

    def sid(self, *parts: object) -> str:
        """A submission id that names the step, so a repeated request is a duplicate."""
        return "-".join([self.tag, *map(str, parts)])

    def url(self, service: str, path: str, project: str = PROJECT) -> str:
        """The path of a project's resource in one service's JSON API."""
        return f"/api/{service}/projects/{project}{path}"
