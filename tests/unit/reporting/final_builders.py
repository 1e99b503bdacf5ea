"""Wire-form builders of the events the final report reads (services, employer sectors,
the budget and cost bookings), and a small project that uses them all."""

from __future__ import annotations

from decimal import Decimal

from tests.unit.reporting.builders import PROJECT, Wire, an_id, company, enrolled, exited, placement


def session(client: str, on: str, kind: str) -> Wire:
    return "coaching.session_held", {
        "session_id": an_id("session"), "client_id": client, "project_id": PROJECT,
        "coach_id": "coach-1", "held_on": on, "starts_at": "09:00", "duration_minutes": 60,
        "mode": "in_person", "kind": kind, "topics": [],
    }  # fmt: skip


def programme(programme_id: str, kind: str, name: str | None = None) -> Wire:
    return "coaching.programme_planned", {
        "programme_id": programme_id, "project_id": PROJECT, "kind": kind, "title": "Ryhmä",
        "municipality": "Lohja", "starts_on": "2019-01-01", "ends_on": "2019-12-31",
        "coach_id": "coach-1", "kind_name": name,
    }  # fmt: skip


def joined(programme_id: str, client: str, on: str) -> Wire:
    return "coaching.client_joined_programme", {
        "programme_id": programme_id, "client_id": client, "project_id": PROJECT,
        "joined_on": on,
    }  # fmt: skip


def course(
    client: str, enrolled_on: str | None = None, completed_on: str | None = None
) -> list[Wire]:
    out: list[Wire] = []
    if enrolled_on:
        out.append(("coaching.course_enrolled", {
            "course_id": "verkkoagentti", "client_id": client, "project_id": PROJECT, "days": 15,
            "enrolled_on": enrolled_on,
        }))  # fmt: skip
    if completed_on:
        out.append(("coaching.course_completed", {
            "course_id": "verkkoagentti", "client_id": client, "project_id": PROJECT,
            "completed_on": completed_on,
        }))  # fmt: skip
    return out


def pre_coached(client: str, on: str) -> Wire:
    return "coaching.pre_coaching_completed", {
        "client_id": client, "project_id": PROJECT, "completed_on": on, "skills_mapped": True,
        "motivation": "high", "support_need": "low", "cv_done": True,
    }  # fmt: skip


def in_work(plan: str, client: str, started: str, ended: str | None = None,
            follow_on: str = "continued_employment") -> list[Wire]:  # fmt: skip
    out: list[Wire] = [("coaching.in_work_coaching_started", {
        "plan_id": plan, "client_id": client, "company_id": "k1", "project_id": PROJECT,
        "coach_id": "coach-1", "started_on": started,
    })]  # fmt: skip
    if ended:
        out.append(("coaching.in_work_coaching_ended", {
            "plan_id": plan, "client_id": client, "project_id": PROJECT, "ended_on": ended,
            "follow_on": follow_on,
        }))  # fmt: skip
    return out


def demonstration(plan: str, client: str, on: str, result: str) -> Wire:
    return "coaching.work_demonstration_recorded", {
        "plan_id": plan, "client_id": client, "project_id": PROJECT, "held_on": on,
        "result": result,
    }  # fmt: skip


def employer(company_id: str, sector: str | None = None) -> Wire:
    event_type, payload = company(company_id)
    return event_type, payload | ({"sector": sector} if sector else {})


def sector_set(company_id: str, sector: str) -> Wire:
    return "matching.company_sector_set", {
        "company_id": company_id, "project_id": PROJECT, "sector": sector,
        "set_on": "2019-01-15",
    }  # fmt: skip


def plan(budget_euros: int | None, funding: list[tuple[str, float]]) -> Wire:
    return "intake.project_registered", {
        "project_id": PROJECT,
        "plan": {
            "name": "DuuniPolku", "municipalities": ["Oulu"], "starts_on": "2018-01-01",
            "ends_on": "2020-01-31", "target_group": {},
            "planned_participants": 70, "planned_companies": 0,
            "funding": [{"source": s, "percent": p} for s, p in funding],
            "budget_cents": None if budget_euros is None else budget_euros * 100,
        },
    }  # fmt: skip


def booked(booking: str, category: str, start: str, end: str, euros: str,
           corrected: bool = False) -> Wire:  # fmt: skip
    event_type = "intake.cost_booking_corrected" if corrected else "intake.cost_booked"
    cents = int(Decimal(euros) * 100)
    return event_type, {
        "booking_id": booking, "project_id": PROJECT, "category": category,
        "period_start": start, "period_end": end, "amount_cents": cents,
        ("corrected_on" if corrected else "booked_on"): "2020-03-01",
    }  # fmt: skip


def flat(*parts: Wire | list[Wire]) -> list[Wire]:
    out: list[Wire] = []
    for part in parts:
        out += part if isinstance(part, list) else [part]
    return out


# -- scenarios (hand-computed in tests/unit/reporting/test_final_report.py) --------------


def services_events() -> list[Wire]:
    return flat(
        session("c1", "2018-12-01", "personal_coaching"),
        session("c1", "2019-02-01", "personal_coaching"),
        session("c2", "2019-03-01", "personal_coaching"),
        session("c3", "2019-04-01", "guidance_point_visit"),
        programme("p1", "job_seekers_group", "DuuniKaverit"),
        programme("p2", "entrepreneurs_group", "YrittäjäKaverit"),
        programme("p3", "job_seekers_group", "DuuniKaverit"),
        joined("p1", "c1", "2019-02-01"), joined("p3", "c1", "2019-05-01"),
        joined("p2", "c2", "2019-03-01"),
        course("c1", "2019-02-01", "2019-02-20"), course("c2", "2019-03-01"),
        session("c3", "2019-04-01", "pre_coaching"), pre_coached("c3", "2019-04-15"),
        pre_coached("c4", "2019-05-01"), session("c5", "2019-06-01", "pre_coaching"),
        in_work("w1", "c3", "2019-05-01", "2019-08-01"), in_work("w2", "c4", "2019-06-01"),
        demonstration("w1", "c3", "2019-05-15", "partly"),
        demonstration("w1", "c3", "2019-06-01", "passed"),
        demonstration("w2", "c4", "2019-07-01", "failed"),
    )  # fmt: skip


def employers_events() -> list[Wire]:
    return [
        employer("k-private"), employer("k-city", "own_organisation"), employer("k-state"),
        sector_set("k-state", "public"),
        enrolled("c1", "2019-02-01"), enrolled("c2", "2019-02-01"),
        enrolled("c3", "2019-02-01"), enrolled("c4", "2019-02-01"),
        placement("c1", "k-private", "2019-03-01"),
        placement("c2", "k-city", "2019-04-01"),
        placement("c3", "k-state", "2019-05-01", "wage_subsidised"),
        placement("c3", "k-private", "2019-09-01"),  # the first employer counts
        placement("c4", "k-city", "2019-05-01", "work_trial"),  # not employment
        exited("c1", "2019-10-01", "unemployed"),  # placed during participation, left unemployed
    ]  # fmt: skip


SEED_BOOKINGS = (
    booked("b1", "staff", "2018-01-01", "2018-12-31", "150000.00"),
    booked("b2", "flat_rate", "2018-01-01", "2018-12-31", "22500.00"),
    booked("b3", "purchased_services", "2019-01-01", "2019-12-31", "50000.00"),
    booked("b4", "other", "2020-01-01", "2020-01-31", "3000.00"),
)


def money_events(*, corrected: bool = True) -> list[Wire]:
    correction = [booked("b3", "purchased_services", "2019-01-01", "2019-12-31", "49803.00",
                         corrected=True)] if corrected else []  # fmt: skip
    return [
        plan(242_550, [("esf", 70.0), ("city", 30.0)]),
        enrolled("c1", "2018-02-01"), enrolled("c2", "2018-03-01"), enrolled("c3", "2018-04-01"),
        exited("c1", "2019-06-01", "employed"),
        exited("c2", "2019-06-01", "education_or_training"),
        exited("c3", "2019-06-01", "unemployed"),
        *SEED_BOOKINGS, *correction,
    ]  # fmt: skip
