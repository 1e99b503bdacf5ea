"""A seeded synthetic history of ESF projects, as the services would have written it.

The events spread over three upstream logs (intake: enrolments, corrections, re-entries,
exits; coaching: sessions and group attendance; matching: companies, relations,
placements) for 20 projects. Every run draws the same history, so every engine and
every run replays the same events.
"""

from __future__ import annotations

import multiprocessing
import random
import uuid
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any, Final

from services.reporting.adapters.environment import LogDatabases
from shared.eventlog.port import ANY
from shared.eventlog.sql import SqlEventLog, open_database
from shared.events.envelope import NewEvent
from shared.ids import uuid7_str

PROJECTS: Final = tuple(f"S3{n:04d}" for n in range(20))
_CHUNK = 2_000
_FIRST_DAY = date(2023, 1, 2)
_GENDERS = ("female", "male", "non_binary", "prefer_not_to_say")
_STATUSES = ("unemployed", "unemployed", "unemployed", "inactive", "in_education", "employed")
_EXITS = ("employed", "education_or_training", "entrepreneurship", "job_searching",
          "referred_to_other_services", "unemployed", "inactive", "unknown")  # fmt: skip
_EMPLOYMENT = ("open_market_full_time", "open_market_part_time", "fixed_term", "wage_subsidised",
               "apprenticeship")  # fmt: skip
_PLACEMENTS = ("full_time", "part_time", "fixed_term", "wage_subsidised", "apprenticeship",
               "work_trial", "intermediate_labour_market", "self_employment")  # fmt: skip

Events = dict[str, list[tuple[str, str, dict[str, Any]]]]
"""By log: (event type, project, payload)."""


def synthetic_history(events: int, seed: int = 2026) -> Iterator[Events]:
    """About ``events`` events over the three upstream logs, a few clients at a time.

    Drawn from a seeded generator: every run and every engine stores the same history.
    Yielded in parts so that the history is never held in memory whole.
    """
    rng = random.Random(seed)
    out: Events = {"intake": [], "coaching": [], "matching": []}
    companies = {p: [_uuid(rng) for _ in range(150)] for p in PROJECTS}
    for project, ids in companies.items():
        for company in ids:
            out["matching"].append(("matching.company_registered", project, {
                "company_id": company, "project_id": project, "business_id": "1234567-8",
                "industry": rng.choice(("47110", "56101", "62010", "86101")),
                "municipality": "091", "size_class": rng.choice(("micro", "small", "medium",
                                                                 "large")),
            }))  # fmt: skip
    total = len(out["matching"])
    while total < events:
        total += _one_client(rng, out, companies)
        if len(out["coaching"]) >= _CHUNK:
            yield out
            out = {"intake": [], "coaching": [], "matching": []}
    yield out


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _one_client(rng: random.Random, out: Events, companies: dict[str, list[str]]) -> int:
    project = rng.choice(PROJECTS)
    client = _uuid(rng)
    entered = _FIRST_DAY + timedelta(days=rng.randrange(0, 900))
    status = rng.choice(_STATUSES)
    start_data = {
        "age_at_entry": rng.randrange(16, 64), "gender": rng.choice(_GENDERS),
        "education": rng.choice(("isced_0_2", "isced_3_4", "isced_5_8")),
        "labour_market_status": status,
        "unemployed_since": (entered - timedelta(days=rng.randrange(10, 900))).isoformat()
        if status == "unemployed" else None,
        "municipality": "091",
        "sensitive": {"disability": rng.choice(("yes", "no", "declined", "not_asked"))},
    }  # fmt: skip
    intake = out["intake"]
    before = len(intake) + len(out["coaching"]) + len(out["matching"])
    intake.append(("intake.client_enrolled", project, {
        "client_id": client, "project_id": project, "coach_id": "coach-1",
        "entered_on": entered.isoformat(), "entry_route": "self_referral",
        "start_data": start_data, "consent_version": "2026-01",
        "consented_at": f"{entered.isoformat()}T09:00:00Z",
    }))  # fmt: skip
    if rng.random() < 0.1:
        intake.append(("intake.start_data_corrected", project, {
            "client_id": client, "start_data": start_data | {"education": "isced_3_4"},
            "changed_fields": ["education"], "reason": "typo",
        }))  # fmt: skip
    for n in range(rng.randrange(2, 11)):
        out["coaching"].append(("coaching.session_held", project, {
            "session_id": _uuid(rng), "client_id": client, "project_id": project,
            "coach_id": "coach-1", "held_on": (entered + timedelta(days=7 * n)).isoformat(),
            "starts_at": "09:00", "duration_minutes": rng.choice((30, 45, 60, 90)),
            "mode": "in_person", "kind": "personal_coaching", "topics": ["cv"],
        }))  # fmt: skip
    for n in range(rng.randrange(0, 7)):
        out["coaching"].append(("coaching.attendance_recorded", project, {
            "programme_id": f"prog-{project}", "meeting_id": f"{project}-m{n}-{entered.month}",
            "client_id": client, "project_id": project,
            "held_on": (entered + timedelta(days=3 + 7 * n)).isoformat(), "duration_minutes": 120,
            "attendance": rng.choice(("present", "present", "absent", "excused")),
        }))  # fmt: skip
    if rng.random() < 0.35:
        company = rng.choice(companies[project])
        out["matching"].append(("matching.placement_started", project, {
            "placement_id": _uuid(rng), "client_id": client, "company_id": company,
            "project_id": project, "lead_id": None, "placement_type": rng.choice(_PLACEMENTS),
            "starts_on": (entered + timedelta(days=60)).isoformat(), "ends_on": None,
        }))  # fmt: skip
        out["matching"].append(("matching.company_relation_recorded", project, {
            "company_id": company, "project_id": project,
            "relation": rng.choice(("cooperating", "supported")),
            "since": (entered + timedelta(days=30)).isoformat(),
        }))  # fmt: skip
    if rng.random() < 0.8:
        exit_status = rng.choice(_EXITS)
        intake.append(("intake.client_exited", project, {
            "client_id": client, "exited_on": (entered + timedelta(days=90)).isoformat(),
            "exit_status": exit_status,
            "employment_type": rng.choice(_EMPLOYMENT) if exit_status == "employed" else None,
        }))  # fmt: skip
        if rng.random() < 0.05:
            intake.append(("intake.client_re_entered", project, {
                "client_id": client, "project_id": project,
                "re_entered_on": (entered + timedelta(days=120)).isoformat(),
            }))  # fmt: skip
    return len(intake) + len(out["coaching"]) + len(out["matching"]) - before


def write_history(logs: dict[str, SqlEventLog], history: Iterator[Events]) -> int:
    """Append the history, one batch per log and part; returns how many events."""
    written = 0
    for number, part in enumerate(history):
        for name, events in part.items():
            if events:
                chunk = [
                    NewEvent(event_type=kind, schema_version=1, payload=payload,
                             project_id=project, actor="bench", correlation_id=uuid7_str())
                    for kind, project, payload in events
                ]  # fmt: skip
                logs[name].append(f"bench-{name}-{number}", chunk, ANY)
                written += len(chunk)
    return written


def write_history_into(databases: LogDatabases, events: int) -> int:
    """Open every log of ``databases`` and write the synthetic history into it."""
    logs = {
        name: SqlEventLog(
            open_database(place.url, schema=place.schema, sqlite_synchronous="NORMAL"), name
        ).create()
        for name, place in databases.logs
    }
    try:
        return write_history(logs, synthetic_history(events))
    finally:
        for log in logs.values():
            log.close()


def write_in_a_process(databases: LogDatabases, events: int) -> int:
    """The history written by a process of its own, so that this one's memory stays the
    replay's alone."""
    context = multiprocessing.get_context("spawn")
    with context.Pool(1) as pool:
        return int(pool.apply(write_history_into, (databases, events)))
