"""Builders of upstream events in their wire form, and a history that folds them.

Payloads are written as the upstream services publish them (intake's ``start_data``
with ``sensitive`` as an object, ISO dates), not built from reporting's own readers, so
that the tests hold the readers to the wire format.
"""

from __future__ import annotations

import itertools
from datetime import date
from typing import Any

from services.reporting.adapters.readers import payload_reader
from services.reporting.domain.figures import Period, Report, report
from services.reporting.domain.fold import Facts

PROJECT = "S21048"
Wire = tuple[str, dict[str, Any]]
_ids = itertools.count(1)


def an_id(prefix: str = "id") -> str:
    return f"{prefix}-{next(_ids):06d}"


def start_data(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "age_at_entry": 35,
        "gender": "female",
        "education": "isced_3_4",
        "labour_market_status": "unemployed",
        "unemployed_since": "2018-01-01",
        "municipality": "091",
        "sensitive": {"disability": "no", "foreign_background": "not_asked"},
    }
    return data | changes


def enrolled(client: str, on: str = "2019-02-01", **data: Any) -> Wire:
    return "intake.client_enrolled", {
        "client_id": client, "project_id": PROJECT, "coach_id": "coach-1", "entered_on": on,
        "entry_route": "self_referral", "start_data": start_data(**data),
        "consent_version": "2019-01", "consented_at": f"{on}T09:00:00Z",
    }  # fmt: skip


def corrected(client: str, **data: Any) -> Wire:
    return "intake.start_data_corrected", {
        "client_id": client, "start_data": start_data(**data), "changed_fields": sorted(data),
        "reason": "typing error",
    }  # fmt: skip


def re_entered(client: str, on: str) -> Wire:
    return "intake.client_re_entered", {
        "client_id": client, "project_id": PROJECT, "re_entered_on": on,
    }  # fmt: skip


def exited(client: str, on: str, status: str = "employed", kind: str | None = None) -> Wire:
    employment = kind if kind is not None else "open_market_full_time"
    return "intake.client_exited", {
        "client_id": client, "exited_on": on, "exit_status": status,
        "employment_type": employment if status == "employed" else None,
    }  # fmt: skip


def session(client: str, on: str, minutes: int = 60) -> Wire:
    return "coaching.session_held", {
        "session_id": an_id("session"), "client_id": client, "project_id": PROJECT,
        "coach_id": "coach-1", "held_on": on, "starts_at": "09:00", "duration_minutes": minutes,
        "mode": "in_person", "kind": "personal_coaching", "topics": ["cv"],
    }  # fmt: skip


def attendance(client: str, meeting: str, on: str, mark: str = "present") -> Wire:
    return "coaching.attendance_recorded", {
        "programme_id": "programme-1", "meeting_id": meeting, "client_id": client,
        "project_id": PROJECT, "held_on": on, "duration_minutes": 120, "attendance": mark,
    }  # fmt: skip


def company(company_id: str, size: str = "small") -> Wire:
    return "matching.company_registered", {
        "company_id": company_id, "project_id": PROJECT, "business_id": "1234567-8",
        "industry": "47110", "municipality": "091", "size_class": size,
    }  # fmt: skip


def relation(company_id: str, kind: str, since: str) -> Wire:
    return "matching.company_relation_recorded", {
        "company_id": company_id, "project_id": PROJECT, "relation": kind, "since": since,
    }  # fmt: skip


def contacted(company_id: str, kind: str, on: str) -> Wire:
    return "matching.company_contacted", {
        "company_id": company_id, "project_id": PROJECT, "kind": kind, "coach_id": "coach-1",
        "contacted_on": on,
    }  # fmt: skip


def placement(client: str, company_id: str, on: str, kind: str = "full_time") -> Wire:
    return "matching.placement_started", {
        "placement_id": an_id("placement"), "client_id": client, "company_id": company_id,
        "project_id": PROJECT, "lead_id": None, "placement_type": kind, "starts_on": on,
        "ends_on": None,
    }  # fmt: skip


def target(figure: str, planned: int) -> Wire:
    return "reporting.target_set", {"project_id": PROJECT, "figure": figure, "planned": planned}


def read(event_type: str, payload: dict[str, Any]) -> Any:
    """The payload as the fold takes it: decoded into its reader, as the adapters do."""
    return payload_reader().convert(event_type, payload)


class History:
    """Events of one project, folded as they are given; remembers each event's position
    (in its own log: each log counts from 1)."""

    def __init__(self) -> None:
        self.facts = Facts()
        self.positions: list[tuple[str, int]] = []
        self._heads: dict[str, int] = {}

    def given(self, *events: Wire) -> History:
        for event_type, payload in events:
            log = event_type.split(".")[0]
            position = self._heads[log] = self._heads.get(log, 0) + 1
            self.positions.append((log, position))
            self.facts.apply(event_type, read(event_type, payload), position, PROJECT)
        return self

    def report(self, start: str = "2019-01-01", end: str = "2019-12-31") -> Report:
        period = Period(date.fromisoformat(start), date.fromisoformat(end))
        return report(self.facts.of_project(PROJECT), period)


def value(result: Report, key: str) -> float:
    return result.figure(key).cumulative


def in_period(result: Report, key: str) -> float:
    return result.figure(key).in_period


def project_registered(participants: int, companies: int) -> Wire:
    return "intake.project_registered", {
        "project_id": PROJECT,
        "plan": {
            "name": "DuuniAgentti", "municipalities": ["Lohja"], "starts_on": "2017-08-01",
            "ends_on": "2020-07-31", "target_group": {"min_age": 50},
            "planned_participants": participants, "planned_companies": companies, "funding": [],
        },
    }  # fmt: skip
