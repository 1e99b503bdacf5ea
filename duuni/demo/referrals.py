"""Matching: job-seeker profiles, referrals to leads, the employers' answers and placements.

Most placements come through a referral to a lead (the referral is answered "hired"), the
rest are found by the clients themselves; other clients are referred once or twice and
hear back yes, no or nothing. Leads nobody filled expire, close or are filled by others.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import partial

from duuni.demo.draws import day_between, pick, weekday
from duuni.demo.employers import lead_status
from duuni.demo.records import Company, Lead, Participant
from duuni.demo.scenario import Scenario, Step

PLACEMENT_TYPE = {
    "open_market_full_time": "full_time",
    "open_market_part_time": "part_time",
    "fixed_term": "fixed_term",
    "wage_subsidised": "wage_subsidised",
    "apprenticeship": "apprenticeship",
}
ANSWERS = (
    ("declined", "skills_did_not_match"),
    ("declined", "position_filled"),
    ("declined", "timing"),
    ("accepted", "interview_agreed"),
    ("accepted", "work_trial_agreed"),
    ("no_answer", "no_response"),
)


class _Referred:
    """What the matching phase has planned so far: each client profiled once, referred
    to a lead once."""

    def __init__(self) -> None:
        self.profiled: set[int] = set()
        self.pairs: set[tuple[int, int]] = set()


def matching_work(demo: Scenario) -> list[Step]:
    """Placements first (they take the leads they fill), then other referrals, then leads' ends."""
    steps: list[Step] = []
    referred = _Referred()
    _placements(demo, steps, referred)
    _other_referrals(demo, steps, referred)
    for lead in demo.leads:
        end = lead.found_on + timedelta(days=lead.lasts)
        if lead.filled_on is not None:
            steps.append(partial(lead_status, demo, lead, "filled", lead.filled_on))
        elif end < demo.today:
            status = pick(demo.rng, (("expired", 50), ("closed", 35), ("filled", 15)))
            steps.append(partial(lead_status, demo, lead, status, end))
    return steps


def _placements(demo: Scenario, steps: list[Step], referred: _Referred) -> None:
    rng = demo.rng
    for client in demo.clients:
        if client.placement_on is None:
            continue
        lead = _lead_for(demo, client, client.placement_on, taken=True)
        if lead is not None and rng.random() < 0.85:
            lead.taken = True
            lead.filled_on = min(demo.today, client.placement_on)
            referred_on = max(
                lead.found_on,
                client.entered_on,
                client.placement_on - timedelta(days=rng.randint(10, 40)),
            )
            _profile_step(demo, steps, client, lead, referred)
            referred.pairs.add((client.index, lead.index))
            hired = ("accepted", "hired")
            steps.append(partial(_refer, demo, client, lead, referred_on, hired))
            steps.append(partial(_place, demo, client, lead.company, lead))
        else:
            company = rng.choice(demo.companies)
            steps.append(partial(_place, demo, client, company, None))


def _other_referrals(demo: Scenario, steps: list[Step], referred: _Referred) -> None:
    rng = demo.rng
    for client in demo.clients:
        if rng.random() > 0.35:
            continue
        for _ in range(rng.randint(1, 2)):
            day = day_between(rng, client.entered_on, min(client.ends_on, demo.today))
            lead = _lead_for(demo, client, day, taken=False)
            if lead is None or (client.index, lead.index) in referred.pairs:
                continue
            referred.pairs.add((client.index, lead.index))
            _profile_step(demo, steps, client, lead, referred)
            answer = rng.choice(ANSWERS)
            steps.append(partial(_refer, demo, client, lead, day, answer))


def _lead_for(demo: Scenario, client: Participant, day: date, *, taken: bool) -> Lead | None:
    """A lead available that day, in the client's area if possible, not yet filled."""
    open_leads = [lead for lead in demo.leads if not lead.taken and lead.available_on(day)]
    if taken:
        open_leads = [lead for lead in open_leads if lead.found_on <= day]
    local = [
        lead for lead in open_leads if lead.company.municipality == client.form["municipality"]
    ]
    pool = local or open_leads
    return demo.rng.choice(pool) if pool else None


def _profile_step(
    demo: Scenario, steps: list[Step], client: Participant, lead: Lead, referred: _Referred
) -> None:
    """A profile before the client's first referral, shaped by the lead it is for."""
    if client.index in referred.profiled:
        return
    referred.profiled.add(client.index)
    steps.append(partial(_profile, demo, client, lead))


def _profile(demo: Scenario, client: Participant, lead: Lead) -> None:
    occupations = sorted({lead.occupation, *demo.rng.sample(lead.company.kind.occupations, k=1)})
    body = {
        "target_occupations": occupations,
        "skills": list(lead.company.kind.skills),
        "languages": ["fi", "sv"] if client.form["language"] == "sv" else ["fi"],
        "municipalities": [client.form["municipality"], "Lohja"],
        "working_time": "any",
        "driving_licence": demo.rng.random() < 0.7,
        "matching_consent": True,
    }
    url = demo.url("matching", f"/clients/{client.client_id}/profile")
    demo.api.send(client.coach_on(client.entered_on), "PUT", url, body)


def _refer(
    demo: Scenario, client: Participant, lead: Lead, day: date, answer: tuple[str, str]
) -> None:
    coach = client.coach_on(day)
    body = {
        "client_id": client.client_id,
        "lead_id": lead.lead_id,
        "referred_on": day.isoformat(),
        "submission_id": demo.sid("referral", client.index, lead.index),
    }
    referral_id = demo.api.post(coach, demo.url("matching", "/referrals"), body)["id"]
    answered = weekday(day + timedelta(days=demo.rng.randint(2, 12)))
    if answered <= demo.today:
        body = {"answer": answer[0], "reason": answer[1], "answered_on": answered.isoformat()}
        demo.api.post(coach, demo.url("matching", f"/referrals/{referral_id}/answer"), body)
    if answer[1] == "hired":
        client.hired_through = referral_id


def _place(demo: Scenario, client: Participant, company: Company, lead: Lead | None) -> None:
    assert client.placement_on is not None and client.employment_type is not None
    kind = PLACEMENT_TYPE[client.employment_type]
    ends = client.placement_on + timedelta(days=demo.rng.randint(120, 365))
    body = {
        "client_id": client.client_id,
        "company_id": company.company_id,
        "lead_id": lead.lead_id if lead else None,
        "referral_id": client.hired_through if lead else None,
        "placement_type": kind,
        "starts_on": client.placement_on.isoformat(),
        "ends_on": ends.isoformat() if kind in ("fixed_term", "wage_subsidised") else None,
        "submission_id": demo.sid("placement", client.index),
    }
    coach = client.coach_on(client.placement_on)
    demo.api.post(coach, demo.url("matching", "/placements"), body)
    client.employer = company
