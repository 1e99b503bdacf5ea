"""What the demo's plans remember about each participant, company and job lead.

Plans fill these from the seeded generator before any request is sent; the ids the
services hand out are written back as the steps run, so later steps can refer to them.
"""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta
from typing import Any


@dataclasses.dataclass(frozen=True)
class Trade:
    """A line of business: its names, industry code, typical occupations and skills."""

    name_fi: str
    name_sv: str
    industry: str
    occupations: tuple[str, ...]
    skills: tuple[str, ...]


@dataclasses.dataclass
class Company:
    """A local employer the coaches work with."""

    index: int
    name: str
    municipality: str
    kind: Trade
    first_contact: date
    company_id: str = ""
    contact_id: str | None = None


@dataclasses.dataclass
class Participant:
    """One participation, planned from entry to exit before it is recorded."""

    index: int
    project_id: str
    form: dict[str, Any]
    """The enrolment form as intake's API takes it."""
    coach: str
    entered_on: date
    ends_on: date
    """The last day of participation: the exit date, or today when still active."""
    exit_status: str | None = None
    employment_type: str | None = None
    new_coach: tuple[str, date] | None = None
    re_entered_on: date | None = None
    placement_on: date | None = None
    in_work: bool = False
    client_id: str = ""
    hired_through: str | None = None
    """The referral that led to the placement."""
    employer: Company | None = None

    @property
    def exits(self) -> bool:
        return self.exit_status is not None

    def coach_on(self, day: date) -> str:
        """The coach responsible that day (after a reassignment, the new one)."""
        if self.new_coach is not None and day >= self.new_coach[1]:
            return self.new_coach[0]
        return self.coach

    def active_on(self, day: date) -> bool:
        return self.entered_on <= day <= self.ends_on


@dataclasses.dataclass
class Lead:
    """A job lead at a company, open for ``lasts`` days from when it was found."""

    index: int
    company: Company
    kind: str
    occupation: str
    found_on: date
    lasts: int
    lead_id: str = ""
    status: str = "found"
    taken: bool = False
    filled_on: date | None = None

    def available_on(self, day: date) -> bool:
        return self.found_on <= day <= self.found_on + timedelta(days=self.lasts)
