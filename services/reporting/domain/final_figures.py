"""The final report's count figures: services used, employers by sector (domain, pure).

The seed projects end their reports with how many clients each service reached
(personal coaching, the three-week groups, the online course, pre-coaching, in-work
coaching and its work demonstrations) and, in DuuniPolku, how many were employed in
companies and how many in the city's own units. These figures are built from the same
fact rows as the ESF figures and join them in ``figures.report``, each after its own
table, so that each opens its clients or companies and its events the same way
(drill-down), prints in ``duuni report`` and goes into the audit pack.

A client figure counts distinct clients by the end of the period; its value for the
period counts those whose first qualifying date falls in it. A participation figure
counts each membership or demonstration once.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any, Final

from services.reporting.domain.facts import Placement, ProjectFacts
from services.reporting.domain.figures import Figure, Period, Unit

SECTION: Final = "services"

SESSION_SERVICES: Final = (
    "personal_coaching",
    "guidance_point_visit",
    "job_search_help",
    "follow_up",
)
"""Kinds of individual session that are a service of their own (pre-coaching is one of
the pre-coaching figures)."""
PROGRAMME_KINDS: Final = (
    "job_seekers_group",
    "entrepreneurs_group",
    "job_search_day",
    "workshop",
    "other",
)
"""Coaching's programme kinds; a membership of a programme not known here counts as other."""
DEMONSTRATION_RESULTS: Final = ("passed", "partly", "failed")
FOLLOW_ONS: Final = ("continued_employment", "education", "other")
SECTORS: Final = ("private", "public", "own_organisation")
"""A company's employer sector; one never marked counts as private."""
NAMED_PREFIX: Final = "services.programmes.named."
"""Clients by the project's own name of a programme kind: the key ends in that name."""

SERVICE_KEYS: Final = (
    *(f"services.sessions.{kind}" for kind in SESSION_SERVICES),
    "services.pre_coaching.started",
    "services.pre_coaching.completed",
    "services.programmes",
    "services.programmes.participations",
    *(
        key
        for kind in PROGRAMME_KINDS
        for key in (f"services.programmes.{kind}", f"services.programmes.{kind}.participations")
    ),
    "services.course.started",
    "services.course.completed",
    "services.in_work.started",
    "services.in_work.completed",
    *(f"services.in_work.follow_on.{kind}" for kind in FOLLOW_ONS),
    "services.demonstrations",
    *(f"services.demonstrations.{result}" for result in DEMONSTRATION_RESULTS),
)
"""The fixed service figures, in report order (named programme kinds follow them)."""
_SESSION_KEYS: Final = {kind: f"services.sessions.{kind}" for kind in SESSION_SERVICES}
"""The service figure a session of each kind counts in (pre-coaching sessions count in
``services.pre_coaching.started``, other kinds in none)."""
EMPLOYER_KEYS: Final = tuple(f"outcomes.employed_in.{sector}" for sector in SECTORS)
COMPANY_KEYS: Final = (
    "companies.cooperating_excluding_own_organisation",
    "companies.own_organisation_units",
)

Dated = tuple[date, str, Any]
"""(the date that places it in a period, the client, the fact row behind it)."""


def _sector(facts: ProjectFacts) -> dict[str, str]:
    return {c.company_id: c.sector for c in facts.companies if c.sector in SECTORS}


def employer_figures(
    facts: ProjectFacts, period: Period, outcomes: Sequence[Figure]
) -> list[Figure]:
    """Participants placed in employment, by the sector of their first employer: the
    three figures add up to ``outcomes.participants_employed`` (one of ``outcomes``)."""
    employed = next(f for f in outcomes if f.key == "outcomes.participants_employed")
    sectors = _sector(facts)
    first: dict[str, Placement] = {}
    for row in sorted(employed.basis, key=lambda r: r.starts_on):
        first.setdefault(row.client_id, row)
    dated: dict[str, list[Dated]] = {sector: [] for sector in SECTORS}
    for client_id, row in first.items():
        sector = sectors.get(row.company_id or "", "private")
        dated[sector].append((row.starts_on, client_id, row))
    return [
        _clients(f"outcomes.employed_in.{sector}", "6.3", dated[sector], period)
        for sector in SECTORS
    ]


def company_figures(facts: ProjectFacts, period: Period) -> list[Figure]:
    """Cooperating companies apart from the project's own organisation (the seed counts
    83 companies besides the city), and the own organisation's units it worked with.

    A company cooperates from its first visit, event, relation or lead, or from the
    first placement with it, as ``companies.cooperating`` counts it.
    """
    since: dict[str, date] = {
        c.company_id: c.cooperating_since for c in facts.companies if c.cooperating_since
    }
    rows: dict[str, list[Any]] = {c.company_id: [c] for c in facts.companies}
    for pl in facts.placements:
        if pl.company_id and pl.starts_on <= period.end:
            since[pl.company_id] = min(since.get(pl.company_id, pl.starts_on), pl.starts_on)
            rows.setdefault(pl.company_id, []).append(pl)
    own = {k for k, sector in _sector(facts).items() if sector == "own_organisation"}

    def companies(key: str, ids: Iterable[str]) -> Figure:
        found = sorted(k for k in ids if since[k] <= period.end)
        return Figure(
            key, "6.2", "companies", len(found),
            sum(1 for k in found if since[k] >= period.start), tuple(found),
            tuple(row for k in found for row in rows.get(k, ())),
        )  # fmt: skip

    return [
        companies(COMPANY_KEYS[0], (k for k in since if k not in own)),
        companies(COMPANY_KEYS[1], (k for k in since if k in own)),
    ]


def service_figures(facts: ProjectFacts, period: Period) -> list[Figure]:
    """Clients and participations by service, in ``SERVICE_KEYS`` order, with clients by
    the project's own names of programme kinds after the programme kinds."""
    dated: dict[str, list[Dated]] = {key: [] for key in SERVICE_KEYS}
    by_session = _session_services(facts, period, dated["services.pre_coaching.started"])
    programmes = {s.ref: s for s in facts.services if s.service == "programme"}
    named: dict[str, list[Dated]] = {}
    for s in facts.services:
        if s.service == "programme_member" and s.started_on is not None:
            programme = programmes.get(s.ref)
            kind = programme.kind if programme and programme.kind in PROGRAMME_KINDS else "other"
            row: Dated = (s.started_on, s.client_id, s)
            for key in ("services.programmes", f"services.programmes.{kind}"):
                dated[key].append(row)
                dated[f"{key}.participations"].append(row)
            if programme is not None and programme.label:
                named.setdefault(programme.label, []).append(row)
        elif s.service == "course":
            started = s.started_on or s.ended_on
            if started is not None:
                dated["services.course.started"].append((started, s.client_id, s))
            if s.ended_on is not None:
                dated["services.course.completed"].append((s.ended_on, s.client_id, s))
        elif s.service == "pre_coaching" and s.ended_on is not None:
            for key in ("services.pre_coaching.started", "services.pre_coaching.completed"):
                dated[key].append((s.ended_on, s.client_id, s))
        elif s.service == "in_work" and s.started_on is not None:
            dated["services.in_work.started"].append((s.started_on, s.client_id, s))
            if s.ended_on is not None:
                dated["services.in_work.completed"].append((s.ended_on, s.client_id, s))
                follow_on = s.kind if s.kind in FOLLOW_ONS else "other"
                dated[f"services.in_work.follow_on.{follow_on}"].append(
                    (s.ended_on, s.client_id, s)
                )
        elif s.service == "demonstration" and s.started_on is not None:
            dated["services.demonstrations"].append((s.started_on, s.client_id, s))
            if s.kind in DEMONSTRATION_RESULTS:
                dated[f"services.demonstrations.{s.kind}"].append((s.started_on, s.client_id, s))
    out = [
        by_session[key]
        if key in by_session
        else _count(key, dated[key], period)
        if key.endswith(".participations") or key.startswith("services.demonstrations")
        else _clients(key, SECTION, dated[key], period)
        for key in SERVICE_KEYS
    ]
    # the project's own names of programme kinds follow the programme kinds
    after = SERVICE_KEYS.index("services.programmes.other.participations") + 1
    out[after:after] = [
        _clients(f"{NAMED_PREFIX}{label}", SECTION, named[label], period) for label in sorted(named)
    ]
    return out


def _session_services(
    facts: ProjectFacts, period: Period, pre_coaching: list[Dated]
) -> dict[str, Figure]:
    """The clients of each kind of session that is a service (``SESSION_SERVICES``),
    counted as ``_clients`` counts them, in one pass over the sessions without a tuple
    for each (nine in ten events are coaching events); pre-coaching sessions are added
    to ``pre_coaching``, which counts them with the pre-coaching rows."""
    start, end = period.start, period.end
    basis: dict[str | None, list[Any]] = {kind: [] for kind in SESSION_SERVICES}
    members: dict[str | None, list[str]] = {kind: [] for kind in SESSION_SERVICES}
    fresh: dict[str | None, int] = dict.fromkeys(SESSION_SERVICES, 0)
    for coaching in facts.coaching:
        client_id = coaching.client_id
        first: dict[str | None, date] = {}
        for session in coaching.sessions.values():
            held_on, _, _, kind = session
            rows = basis.get(kind)
            if rows is None:
                if kind == "pre_coaching":
                    pre_coaching.append((held_on, client_id, session))
            elif held_on <= end:
                rows.append(session)
                before = first.get(kind)
                if before is None or held_on < before:
                    first[kind] = held_on
        for kind, day in first.items():
            members[kind].append(client_id)
            fresh[kind] += day >= start
    out = {}
    for kind in SESSION_SERVICES:
        key, clients = _SESSION_KEYS[kind], members[kind]
        out[key] = Figure(key, SECTION, "participants", len(clients), fresh[kind],
                          tuple(sorted(clients)), tuple(basis[kind]))  # fmt: skip
    return out


def _clients(key: str, section: str, dated: list[Dated], period: Period) -> Figure:
    """Distinct clients with a date by the end of the period; new: first date in it."""
    first: dict[str, date] = {}
    basis: list[Any] = []
    end, earliest = period.end, first.get
    for day, client_id, row in dated:
        if day <= end:
            basis.append(row)
            before = earliest(client_id)
            if before is None or day < before:
                first[client_id] = day
    members = tuple(sorted(first))
    fresh = sum(1 for day in first.values() if day >= period.start)
    return Figure(key, section, "participants", len(members), fresh, members, tuple(basis))


def _count(key: str, dated: list[Dated], period: Period) -> Figure:
    """Participations (memberships, demonstrations) by the end of the period, each once."""
    counted = [(day, client_id, row) for day, client_id, row in dated if day <= period.end]
    unit: Unit = "participations"
    return Figure(
        key, SECTION, unit, len(counted), sum(1 for day, _, _ in counted if day >= period.start),
        tuple(sorted({client_id for _, client_id, _ in counted})),
        tuple(row for _, _, row in counted),
    )  # fmt: skip
