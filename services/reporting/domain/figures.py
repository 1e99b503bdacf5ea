"""The ESF monitoring figures of one project and period, from fact rows only (domain, pure).

Each figure carries its value at the end of the period (cumulative), its value for the
period alone, and the members and event ids behind it, so that every number opens the
list of pseudonymous clients or companies it counts (drill-down). Section numbers refer
to research/esf-indicators.md §6.
"""

from __future__ import annotations

import dataclasses
import functools
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date
from operator import attrgetter
from typing import Any, Final, Literal

from services.reporting.domain import rules
from services.reporting.domain.facts import (
    ENTRY_LOG,
    ENTRY_POSITION,
    LOG_OF,
    Company,
    Leaving,
    Mark,
    Participant,
    Placement,
    Plan,
    ProjectFacts,
    Session,
    Target,
)

Unit = Literal[
    "participants", "companies", "placements", "sessions", "hours", "percent", "participations"
]
MAX_SERIES_MONTHS: Final = 120


@dataclasses.dataclass(frozen=True, slots=True)
class Period:
    start: date
    end: date

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end


@dataclasses.dataclass(frozen=True, slots=True)
class Figure:
    key: str
    """Stable name, e.g. ``participants.gender.female``; also the English label's msgid."""
    section: str
    unit: Unit
    cumulative: float
    """At the end of the period."""
    in_period: float
    members: tuple[str, ...]
    """Client or company ids behind the cumulative value, in id order."""
    basis: tuple[Any, ...] = dataclasses.field(compare=False, repr=False)
    """The fact rows behind the cumulative value, in no set order; their events are
    ``events``. Two figures with the same value and members are equal."""

    @property
    def events(self) -> tuple[EventRef, ...]:
        """The events behind the figure, as (log, position), in log order; drawn from its
        rows only when asked for."""
        found: set[EventRef] = set()
        for row in self.basis:
            if type(row) is tuple:  # a session or a mark of a client's coaching
                found.add((ENTRY_LOG, row[ENTRY_POSITION]))
                continue
            log = LOG_OF[type(row)]
            many = getattr(row, "positions", None)
            if many is None:
                found.add((log, row.position))
            else:
                found.update((log, position) for position in many)
        return tuple(sorted(found))


EventRef = tuple[str, int]
"""An event by its log and its position there."""


@dataclasses.dataclass(frozen=True, slots=True)
class TargetRow:
    figure: str
    planned: int
    actual: float
    event: EventRef
    """The event that set the target: a project plan's, or one set in reporting."""

    @property
    def percent(self) -> float | None:
        return round(100 * self.actual / self.planned, 1) if self.planned else None


@dataclasses.dataclass(frozen=True, slots=True)
class Report:
    project_id: str
    period: Period
    rules_version: str
    figures: tuple[Figure, ...]
    targets: tuple[TargetRow, ...]
    participants_by_month: tuple[tuple[str, int], ...]
    """(YYYY-MM, participants entered by the end of that month)."""

    def figure(self, key: str) -> Figure:
        for figure in self.figures:
            if figure.key == key:
                return figure
        raise KeyError(key)

    def values(self) -> dict[str, tuple[float, float]]:
        return {f.key: (f.cumulative, f.in_period) for f in self.figures}


def report(facts: ProjectFacts, period: Period) -> Report:
    """Every figure of ``facts`` for ``period``, under ``rules.COUNTING_RULES_VERSION``."""
    entered = [p for p in facts.participants if p.entered_on <= period.end]
    complete = [p.complete for p in entered]
    leavings = [p.leaving_by(period.end) for p in entered]  # read by three groups of figures
    people = _participant_figures(entered, complete, leavings, period)
    out = [people[key] for key in ENTRY_KEYS + LEAVER_KEYS]
    # Still studying joins the results upon leaving; the six-month results follow them.
    from services.reporting.domain import follow_up

    later = follow_up.figures(entered, period, leavings)
    out.insert(_AFTER_RESULTS, later.pop(follow_up.STILL_STUDYING))
    out += later.values()
    # The final report's employer, company and service figures follow their tables.
    from services.reporting.domain import final_figures as final

    out += (outcomes := _outcome_figures(entered, leavings, facts.placements, period))
    out += final.employer_figures(facts, period, outcomes)
    out += _company_figures(facts, period)
    out += final.company_figures(facts, period)
    out += _coaching_figures(facts, period)
    out += final.service_figures(facts, period)
    out += [people[key] for key in QUALITY_KEYS[:2]]
    out.append(_completeness(entered, complete, period))
    out += [people[key] for key in QUALITY_KEYS[2:]]
    by_key = {figure.key: figure for figure in out}
    targets = tuple(
        TargetRow(figure, planned, by_key[figure].cumulative if figure in by_key else 0, event)
        for figure, (planned, event) in _targets(facts).items()
    )
    return Report(
        facts.project_id, period, rules.COUNTING_RULES_VERSION, tuple(out), targets,
        _by_month(entered, period),
    )  # fmt: skip


PLANNED: Final = (
    ("participants.total", "planned_participants"),
    ("companies.cooperating", "planned_companies"),
)
"""Figures the funding decision plans, and where intake's project plan holds them."""


def _targets(facts: ProjectFacts) -> dict[str, tuple[int, EventRef]]:
    """Planned values by figure: the project plan's, overridden by targets set in reporting."""
    found: dict[str, tuple[int, EventRef]] = {}
    for plan in facts.plans:
        for figure, field in PLANNED:
            planned = getattr(plan, field)
            if planned is not None:
                found[figure] = (planned, (LOG_OF[Plan], plan.position))
    for target in facts.targets:
        found[target.figure] = (target.planned, (LOG_OF[Target], target.position))
    return dict(sorted(found.items()))


ENTRY_KEYS: Final = (
    "participants.total",
    *(f"participants.gender.{g}" for g in rules.GENDERS),
    *(f"participants.age.{band}" for band in rules.AGE_BANDS),
    "participants.status.employed",
    "participants.status.unemployed",
    "participants.status.long_term_unemployed",
    "participants.status.inactive",
    "participants.status.inactive_not_in_education",
    "participants.over_54",
    "participants.over_54_unemployed_or_inactive",
    *(f"participants.education.{level}" for level in rules.EDUCATION_LEVELS),
    "participants.re_entered",
)
"""Figures of §6.1 (status at entry), each placed in a period by the first entry date."""
LEAVER_KEYS: Final = (
    "leavers.total",
    "results.job_searching",
    "results.education_or_training",
    "results.employed_incl_self_employed",
    *(f"destinations.{d}" for d in rules.DESTINATIONS),
)
"""Figures of §6.3 (upon leaving), each placed in a period by the last exit date."""
QUALITY_KEYS: Final = (
    "quality.complete_records",
    "quality.incomplete_records",
    "quality.sensitive_declined",
    "quality.missing_end_status",
    "quality.results_window_open",
    "quality.corrected_records",
)


_AFTER_RESULTS: Final = (
    len(ENTRY_KEYS) + LEAVER_KEYS.index("results.employed_incl_self_employed") + 1
)
"""Where still studying goes among the results upon leaving: after employment."""
_GENDER_KEYS: Final = {g: f"participants.gender.{g}" for g in rules.GENDERS}
_AGE_KEYS: Final = {band: f"participants.age.{band}" for band in rules.AGE_BANDS}
_EDUCATION_KEYS: Final = {e: f"participants.education.{e}" for e in rules.EDUCATION_LEVELS}
_DESTINATION_KEYS: Final = {d: f"destinations.{d}" for d in rules.DESTINATIONS}
_CLIENT: Final = attrgetter("client_id")


def _entry_keys(p: Participant, complete: bool) -> tuple[str, ...]:
    """The entry and data-quality figures that count ``p`` (at the first entry)."""
    long_term = rules.is_long_term_unemployed(p.labour_status, p.unemployed_since, p.entered_on)
    return _entry_keys_of(
        p.gender, p.age_at_entry, p.labour_status, long_term, p.education, p.entries > 1,
        complete, p.sensitive, p.corrections > 0,
    )  # fmt: skip


@functools.lru_cache(maxsize=4096)
def _entry_keys_of(
    gender: str | None,
    age_at_entry: int | None,
    status: str | None,
    long_term: bool,
    education: str | None,
    re_entered: bool,
    complete: bool,
    sensitive: tuple[tuple[str, str], ...],
    corrected: bool,
) -> tuple[str, ...]:
    """``_entry_keys`` from what it reads of a participant: most participants share their
    answers with many others, so a report works each combination out once."""
    keys = ["participants.total"]
    found = _GENDER_KEYS.get(gender) if gender is not None else None
    if found is not None:
        keys.append(found)
    if age_at_entry is not None:
        keys.append(_AGE_KEYS[rules.age_band(age_at_entry)])
    if status in rules.EMPLOYED_AT_ENTRY:
        keys.append("participants.status.employed")
    elif status == "unemployed":
        keys.append("participants.status.unemployed")
        if long_term:
            keys.append("participants.status.long_term_unemployed")
    elif status in rules.INACTIVE_AT_ENTRY:
        keys.append("participants.status.inactive")
        if status == "inactive":
            keys.append("participants.status.inactive_not_in_education")
    if age_at_entry is not None and age_at_entry > 54:
        keys.append("participants.over_54")
        if status in ("unemployed", "inactive"):
            keys.append("participants.over_54_unemployed_or_inactive")
    found = _EDUCATION_KEYS.get(education) if education is not None else None
    if found is not None:
        keys.append(found)
    if re_entered:
        keys.append("participants.re_entered")
    keys.append("quality.complete_records" if complete else "quality.incomplete_records")
    if any(answer == "declined" for _, answer in sensitive):
        keys.append("quality.sensitive_declined")
    if corrected:
        keys.append("quality.corrected_records")
    return tuple(keys)


def _exit_keys(leaving: Leaving, period: Period) -> tuple[str, ...]:
    """The figures upon leaving that count a leaver by the end of ``period``."""
    window_open = rules.upon_leaving_ends(leaving.exited_on) > period.end
    return _exit_keys_of(
        leaving.exit_status, leaving.employment_type, leaving.exit_kind, window_open
    )


@functools.lru_cache(maxsize=1024)
def _exit_keys_of(
    status: str | None, employment_type: str | None, kind: str | None, window_open: bool
) -> tuple[str, ...]:
    """``_exit_keys`` from what it reads of an exit, worked out once per combination."""
    keys = ["leavers.total"]
    if status == "job_searching":
        keys.append("results.job_searching")
    elif status == "education_or_training":
        keys.append("results.education_or_training")
    if status in rules.EMPLOYMENT_EXITS:
        keys.append("results.employed_incl_self_employed")
    keys.append(_DESTINATION_KEYS[rules.destination(status, employment_type, kind)])
    if window_open:
        keys.append("quality.results_window_open")
    elif status == "unknown":
        keys.append("quality.missing_end_status")
    return tuple(keys)


def _participant_figures(
    entered: list[Participant],
    complete: list[bool],
    leavings: list[Leaving | None],
    period: Period,
) -> dict[str, Figure]:
    """Every per-participant figure in one pass over the participants (in client-id order);
    ``leavings`` holds each one's exit in effect at the end of the period."""
    keys = (*ENTRY_KEYS, *LEAVER_KEYS, *QUALITY_KEYS)
    buckets: dict[str, list[Participant]] = {k: [] for k in keys}
    new: dict[str, int] = dict.fromkeys(keys, 0)
    start = period.start

    def count(p: Participant, counted: tuple[str, ...], on: date) -> None:
        """``p`` in each figure of ``counted``, and new in them when ``on`` (the entry or
        the exit they count) falls in the period."""
        for key in counted:
            buckets[key].append(p)
        if start <= on:
            for key in counted:
                new[key] += 1

    for p, whole, leaving in zip(entered, complete, leavings, strict=True):
        count(p, _entry_keys(p, whole), p.entered_on)
        if leaving is not None:
            count(p, _exit_keys(leaving, period), leaving.exited_on)
    return {
        key: Figure(key, _section(key), "participants", len(rows), new[key],
                    tuple(map(_CLIENT, rows)), tuple(rows))
        for key, rows in buckets.items()
    }  # fmt: skip


def _section(key: str) -> str:
    if key.startswith("participants."):
        return "6.1"
    return "6.5" if key.startswith("quality.") else "6.3"


def _outcome_figures(
    entered: list[Participant],
    leavings: list[Leaving | None],
    placements: Sequence[Placement],
    period: Period,
) -> list[Figure]:
    """Placements during participation or within 28 days of exit, apart from exit status."""
    end = period.end
    windows = {
        p.client_id: (
            p.entered_on,
            rules.upon_leaving_ends(end if leaving is None else leaving.exited_on),
        )
        for p, leaving in zip(entered, leavings, strict=True)
    }
    during = [
        pl
        for pl in placements
        if pl.starts_on <= period.end
        and pl.client_id in windows
        and windows[pl.client_id][0] <= pl.starts_on <= windows[pl.client_id][1]
    ]

    def placed(key: str, rows: list[Placement]) -> Figure:
        return Figure(
            key, "6.3", "placements", len(rows),
            sum(1 for r in rows if r.starts_on >= period.start),
            tuple(sorted({r.client_id for r in rows})), tuple(rows),
        )  # fmt: skip

    out = [placed("outcomes.placements", during)]
    out += [
        placed(f"outcomes.placements.{kind}", [r for r in during if r.placement_type == kind])
        for kind in rules.PLACEMENT_TYPES
    ]
    employed = [r for r in during if r.placement_type in rules.EMPLOYMENT_PLACEMENTS]
    first: dict[str, Placement] = {}
    for r in sorted(employed, key=lambda r: r.starts_on):
        first.setdefault(r.client_id, r)
    out.append(
        Figure(
            "outcomes.participants_employed",
            "6.3",
            "participants",
            len(first),
            sum(1 for r in first.values() if r.starts_on >= period.start),
            tuple(sorted(first)),
            tuple(employed),
        )
    )
    return out


def _company_figures(facts: ProjectFacts, period: Period) -> list[Figure]:
    hired: dict[str, date] = {}
    placed_at: dict[str, date] = {}  # any placement, work-trial places too, is cooperation
    placements: dict[str, list[Placement]] = {}
    for pl in facts.placements:
        if pl.company_id and pl.starts_on <= period.end:
            if pl.placement_type in rules.EMPLOYMENT_PLACEMENTS:
                hired[pl.company_id] = min(hired.get(pl.company_id, pl.starts_on), pl.starts_on)
            placed_at[pl.company_id] = min(placed_at.get(pl.company_id, pl.starts_on), pl.starts_on)
            placements.setdefault(pl.company_id, []).append(pl)
    known = {c.company_id: c for c in facts.companies}
    cooperating = {
        c.company_id: c.cooperating_since for c in facts.companies if c.cooperating_since
    }
    for company_id, starts in placed_at.items():
        cooperating[company_id] = min(cooperating.get(company_id, starts), starts)

    def companies(key: str, since: dict[str, date]) -> Figure:
        ids = sorted(k for k, d in since.items() if d <= period.end)
        rows: list[Company | Placement] = []
        for k in ids:
            if k in known:
                rows.append(known[k])
            rows.extend(placements.get(k, ()))
        return Figure(
            key, "6.2", "companies", len(ids), sum(1 for k in ids if since[k] >= period.start),
            tuple(ids), tuple(rows),
        )  # fmt: skip

    supported = {
        c.company_id: c.supported_since for c in facts.companies if c.supported_since is not None
    }
    sme = {k: d for k, d in supported.items() if known[k].size_class in rules.SME_SIZES}
    return [
        companies("companies.cooperating", cooperating),
        companies("companies.supported", supported),
        companies("companies.supported_sme", sme),
        companies("companies.hired_participants", hired),
    ]


def _coaching_figures(facts: ProjectFacts, period: Period) -> list[Figure]:
    return _session_figures(facts, period) + _attendance_figures(facts, period)


def _session_figures(facts: ProjectFacts, period: Period) -> list[Figure]:
    """Sessions held, their hours and the clients coached, in one pass over the clients
    (in client order, so that the members come out sorted)."""
    start, end = period.start, period.end
    sessions: list[Session] = []
    coached: list[str] = []
    minutes = new_sessions = new_minutes = new_coached = 0
    for coaching in facts.coaching:
        held = fresh = False
        for s in coaching.sessions.values():
            held_on, length, _, _ = s
            if held_on <= end:
                sessions.append(s)
                minutes += length
                held = True
                if held_on >= start:
                    new_sessions += 1
                    new_minutes += length
                    fresh = True
        if held:
            coached.append(coaching.client_id)
            new_coached += fresh
    basis, members = tuple(sessions), tuple(coached)
    return [
        Figure("coaching.sessions", "coaching", "sessions", len(sessions), new_sessions,
               members, basis),
        Figure("coaching.session_hours", "coaching", "hours", _hours((minutes,)),
               _hours((new_minutes,)), members, basis),
        Figure("coaching.clients_coached", "coaching", "participants", len(coached),
               new_coached, members, basis),
    ]  # fmt: skip


def _attendance_figures(facts: ProjectFacts, period: Period) -> list[Figure]:
    """Group meetings by mark, hours attended and the attendance rate, in one pass."""
    start, end = period.start, period.end
    marks: list[Mark] = []
    marked: list[str] = []
    by_mark: dict[str, list[Mark]] = {mark: [] for mark in rules.ATTENDANCE}
    clients: dict[str, list[str]] = {mark: [] for mark in rules.ATTENDANCE}
    new = dict.fromkeys(rules.ATTENDANCE, 0)
    new_marks = new_present_minutes = 0
    for coaching in facts.coaching:
        had: set[str] = set()
        before = len(marks)
        for a in coaching.marks.values():
            held_on, length, _, attendance = a
            if held_on > end:
                continue
            marks.append(a)
            fresh = held_on >= start
            new_marks += fresh
            rows = by_mark.get(attendance)
            if rows is None:
                continue
            rows.append(a)
            new[attendance] += fresh
            had.add(attendance)
            if fresh and attendance == "present":
                new_present_minutes += length
        for mark in had:
            clients[mark].append(coaching.client_id)
        if len(marks) > before:
            marked.append(coaching.client_id)
    out = [
        Figure(f"coaching.attendance.{mark}", "coaching", "sessions", len(by_mark[mark]),
               new[mark], tuple(clients[mark]), tuple(by_mark[mark]))
        for mark in rules.ATTENDANCE
    ]  # fmt: skip
    present = by_mark["present"]
    out.append(
        Figure("coaching.group_hours_attended", "coaching", "hours",
               _hours(a[1] for a in present), _hours((new_present_minutes,)),
               tuple(clients["present"]), tuple(present))
    )  # fmt: skip
    out.append(
        Figure("coaching.attendance_rate", "coaching", "percent",
               _share(len(present), len(marks)), _share(new["present"], new_marks),
               tuple(marked), tuple(marks))
    )  # fmt: skip
    return out


def _completeness(entered: list[Participant], complete: list[bool], period: Period) -> Figure:
    start = period.start
    fresh = [whole for p, whole in zip(entered, complete, strict=True) if p.entered_on >= start]
    return Figure(
        "quality.completeness_percent", "6.5", "percent",
        _share(sum(complete), len(entered)), _share(sum(fresh), len(fresh)),
        tuple(p.client_id for p, whole in zip(entered, complete, strict=True) if not whole), (),
    )  # fmt: skip


def _hours(minutes: Iterable[int]) -> float:
    return round(sum(minutes) / 60, 2)


def _share(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


def _by_month(entered: list[Participant], period: Period) -> tuple[tuple[str, int], ...]:
    if not entered:
        return ()
    by_day = Counter(p.entered_on for p in entered)
    counts: Counter[tuple[int, int]] = Counter()
    for day, count in by_day.items():
        counts[day.year, day.month] += count
    year, month = min(counts)
    series: list[tuple[str, int]] = []
    total = 0
    while (year, month) <= (period.end.year, period.end.month) and len(series) < MAX_SERIES_MONTHS:
        total += counts.get((year, month), 0)
        series.append((f"{year:04d}-{month:02d}", total))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return tuple(series)
