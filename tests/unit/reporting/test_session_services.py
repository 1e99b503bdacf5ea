"""The one-pass counts the replay uses equal the general counting rules they shortcut."""

from __future__ import annotations

import random
from datetime import date, timedelta

from services.reporting.domain import final_figures as final
from services.reporting.domain import follow_up
from services.reporting.domain.facts import Coaching, ProjectFacts
from services.reporting.domain.figures import Period
from shared.business_dates import six_months_after

KINDS = (*final.SESSION_SERVICES, "pre_coaching", "something_else", None)


def _coaching(seed: int) -> tuple[Coaching, ...]:
    """Clients with sessions of every kind, before, in and after a period, in any order."""
    rng = random.Random(seed)
    rows = []
    for client in range(40):
        coaching = Coaching("S1", f"c{client:02d}")
        for number in range(rng.randint(0, 6)):
            held_on = date(2018, 10, 1) + timedelta(days=rng.randint(0, 540))
            coaching.sessions[f"s{client}-{number}"] = (
                held_on,
                45,
                client * 10 + number,
                rng.choice(KINDS),
            )
        rows.append(coaching)
    return tuple(rows)


def test_clients_by_kind_of_session_count_as_the_general_client_rule_counts_them() -> None:
    period = Period(date(2019, 1, 1), date(2019, 12, 31))
    for seed in range(5):
        facts = ProjectFacts("S1", coaching=_coaching(seed))
        figures = {f.key: f for f in final.service_figures(facts, period)}
        for kind in final.SESSION_SERVICES:
            key = f"services.sessions.{kind}"
            dated = [
                (s[0], c.client_id, s)
                for c in facts.coaching
                for s in c.sessions.values()
                if s[3] == kind
            ]
            expected = final._clients(key, final.SECTION, dated, period)
            assert figures[key] == expected
            assert figures[key].events == expected.events
        pre = [
            (s[0], c.client_id, s)
            for c in facts.coaching
            for s in c.sessions.values()
            if s[3] == "pre_coaching"
        ]
        key = "services.pre_coaching.started"
        assert figures[key] == final._clients(key, final.SECTION, pre, period)


def test_the_remembered_due_day_is_the_six_months_rule_at_month_ends_too() -> None:
    for exited_on in (date(2019, 8, 31), date(2019, 8, 31), date(2023, 8, 29), date(2019, 3, 31)):
        assert follow_up.due_on(exited_on) == six_months_after(exited_on)
    assert follow_up.due_on(date(2019, 8, 31)) == date(2020, 2, 29)
