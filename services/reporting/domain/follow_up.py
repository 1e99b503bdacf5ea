"""After the exit: statuses found out later and the six-month results (domain, pure).

Two of intake's events concern a client who has left:

- ``intake.status_upon_leaving_recorded``: the status within four weeks of an exit,
  found out (or corrected) later. It replaces that exit's status, so the leaver leaves
  the to-do list of missing end statuses and counts in the results upon leaving of
  every period that counts the exit (counting rules 2026.4).
- ``intake.follow_up_recorded``: a later status, checked on a day. The last follow-up of
  an exit checked six months or more after it is the exit's six-month result
  (research/esf-indicators.md §6.4). A six-month result describes the due day, so it
  counts in the period of the due day however late it was recorded; an as-of report
  reproduces the figures as they stood before a correction.

The figures (section 6.4): who is due, who was reached and how (coverage, #34), who is
employed six months after (CR06, EECR05), of those over 54 at entry (CR08), and who of
those employed at entry has an improved situation (CR07, EECR06). The counting rules
define no group of disadvantaged participants, so CR09 is not counted. Besides, those
who left for education and are still studying by the period's end, from the latest
status checked by then (``results.education_still_studying``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from operator import attrgetter
from typing import Final

from services.reporting.domain import rules
from services.reporting.domain.facts import Leaving, Participant
from services.reporting.domain.figures import Figure, Period
from services.reporting.domain.upstream import (
    FollowUpRecorded,
    StatusUponLeavingRecorded,
    code_of,
    leaver_status,
)
from shared.business_dates import six_months_after

SOURCES: Final = ("client", "register", "employer", "coach_estimate")
"""Where a follow-up's status came from: the coverage figures count each."""
NO_IMPROVEMENT: Final = "none"

FOLLOW_UP_KEYS: Final = (
    "followups.due",
    "followups.reached",
    *(f"followups.source.{source}" for source in SOURCES),
    "followups.not_reached",
    "followups.missing",
    "followups.employed_incl_self_employed",
    "followups.employed_over_54",
    "followups.improved_situation",
)
"""The figures of §6.4, each placed in a period by the due day of the follow-up."""
STILL_STUDYING: Final = "results.education_still_studying"

_CLIENT: Final = attrgetter("client_id")

# -- the fold's steps ------------------------------------------------------------------


def status(
    row: Participant | None, p: StatusUponLeavingRecorded, position: int, project_id: str
) -> Participant | None:
    """The exit's status found out later replaces the status of that exit, current or
    closed by a re-entry since; a status of an exit the row does not know changes nothing."""
    if row is None or position in row.positions:
        return None
    exit_status, employment_type, kind = leaver_status(p)
    if row.exited_on == p.exited_on:
        row.exit_status, row.employment_type, row.exit_kind = exit_status, employment_type, kind
    else:
        on = p.exited_on.isoformat()
        for closed in row.leavings:
            if closed[0] == on:
                closed[1], closed[2] = exit_status, employment_type
                closed[4:] = [kind]
    row.positions.append(position)
    return row


def follow_up(
    row: Participant | None, p: FollowUpRecorded, position: int, project_id: str
) -> Participant | None:
    if row is None or position in row.positions:
        return None
    row.follow_ups.append(
        [p.exited_on.isoformat(), p.checked_on.isoformat(), bool(p.reached), code_of(p.source),
         *leaver_status(p), code_of(p.improvement)]
    )  # fmt: skip
    row.positions.append(position)
    return row


# -- the figures -----------------------------------------------------------------------


_DUE: dict[date, date] = {}
"""Due days by exit day: a report asks for each leaver's, and leavers share a few
hundred exit days."""


def due_on(exited_on: date) -> date:
    """The six-month follow-up's due day of an exit on ``exited_on`` (remembered)."""
    found = _DUE.get(exited_on)
    if found is None:
        found = six_months_after(exited_on)
        if len(_DUE) < 100_000:
            _DUE[exited_on] = found
    return found


def six_month_result(p: Participant, leaving: Leaving) -> list[object] | None:
    """The exit's six-month result: its last follow-up checked on or after the due day."""
    if not p.follow_ups:
        return None
    exited_on = leaving.exited_on.isoformat()
    due = due_on(leaving.exited_on).isoformat()
    found = None
    for record in p.follow_ups:
        if record[0] == exited_on and record[1] >= due:
            found = record
    return found


def latest_status(p: Participant, leaving: Leaving, end: date) -> str | None:
    """The exit's status as last checked by ``end``: the latest follow-up checked by then
    (by its day, then by the order recorded), else ``None``."""
    if not p.follow_ups:
        return None
    exited_on, last_day = leaving.exited_on.isoformat(), end.isoformat()
    found: list[object] | None = None
    for record in p.follow_ups:
        later = found is None or str(record[1]) >= str(found[1])
        if record[0] == exited_on and record[1] <= last_day and later:
            found = record
    return None if found is None or not found[2] else str(found[4])


def _keys(p: Participant, leaving: Leaving, end: date) -> tuple[list[str], date]:
    """The follow-up figures counting ``p``, and the day that places them in a period."""
    keys: list[str] = []
    due = due_on(leaving.exited_on)
    studied = leaving.exit_status == "education_or_training"
    if studied and latest_status(p, leaving, end) == "education_or_training":
        keys.append(STILL_STUDYING)
    if due > end:
        return keys, due
    keys.append("followups.due")
    result = six_month_result(p, leaving)
    if result is None:
        keys.append("followups.missing")
        return keys, due
    reached, source, status, improvement = result[2], result[3], result[4], result[7]
    if not reached:
        keys.append("followups.not_reached")
        return keys, due
    keys.append("followups.reached")
    if source in SOURCES:
        keys.append(f"followups.source.{source}")
    if status in rules.EMPLOYMENT_EXITS:
        keys.append("followups.employed_incl_self_employed")
        if p.age_at_entry is not None and p.age_at_entry > 54:
            keys.append("followups.employed_over_54")
    employed_at_entry = p.labour_status in rules.EMPLOYED_AT_ENTRY
    if employed_at_entry and improvement is not None and improvement != NO_IMPROVEMENT:
        keys.append("followups.improved_situation")
    return keys, due


def figures(
    entered: Sequence[Participant],
    period: Period,
    leavings: Sequence[Leaving | None] | None = None,
) -> dict[str, Figure]:
    """Every follow-up figure and the still-studying one, in one pass (client-id order).

    A figure's value in the period counts the leavers whose follow-up fell due in it;
    still studying counts those who left in it. ``leavings``: each participant's exit in
    effect at the end of the period, when the caller has them already.
    """
    keys = (STILL_STUDYING, *FOLLOW_UP_KEYS)
    buckets: dict[str, list[Participant]] = {key: [] for key in keys}
    new = dict.fromkeys(keys, 0)
    if leavings is None:
        leavings = [p.leaving_by(period.end) for p in entered]
    for p, leaving in zip(entered, leavings, strict=True):
        if leaving is None:
            continue
        found, due = _keys(p, leaving, period.end)
        for key in found:
            buckets[key].append(p)
            new[key] += (leaving.exited_on if key == STILL_STUDYING else due) >= period.start
    return {
        key: Figure(key, "6.3" if key == STILL_STUDYING else "6.4", "participants", len(rows),
                    new[key], tuple(map(_CLIENT, rows)), tuple(rows))
        for key, rows in buckets.items()
    }  # fmt: skip
