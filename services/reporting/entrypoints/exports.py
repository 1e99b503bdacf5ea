"""CSV exports of a report and of its participants (entrypoint layer: formatting only).

The participant columns mirror the EURA start and end forms (research/esf-indicators.md
§3.2–3.3) with pseudonymous ids in place of persons; the figures export names each
figure by its stable key.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any, Final

from services.reporting.domain import rules
from services.reporting.domain.facts import Leaving, Participant
from services.reporting.domain.figures import Period, Report

PARTICIPANT_COLUMNS: Final = (
    "participant_id", "start_date", "gender", "age_at_start", "age_band",
    "employment_status_at_start", "long_term_unemployed", "unemployed_since",
    "highest_education_before_start",
    *(f"sensitive_{name}" for name in rules.SENSITIVE_FIELDS),
    "participations", "corrections", "end_date", "status_upon_leaving", "employment_type",
    "national_destination", "upon_leaving_window_closed",
)  # fmt: skip


def participant_rows(participants: Sequence[Participant], period: Period) -> list[list[Any]]:
    rows = []
    for p in participants:
        if p.entered_on > period.end:
            continue
        answers = dict(p.sensitive)
        leaving = p.leaving_by(period.end)
        rows.append(
            [
                p.client_id, p.entered_on.isoformat(), p.gender or "", _or_blank(p.age_at_entry),
                "" if p.age_at_entry is None else rules.age_band(p.age_at_entry),
                p.labour_status or "",
                rules.is_long_term_unemployed(p.labour_status, p.unemployed_since, p.entered_on),
                "" if p.unemployed_since is None else p.unemployed_since.isoformat(),
                p.education or "",
                *(answers.get(name, "") for name in rules.SENSITIVE_FIELDS),
                p.entries, p.corrections,
                *_leaving_columns(leaving, period),
            ]
        )  # fmt: skip
    return rows


def _or_blank(value: object) -> object:
    return "" if value is None else value


def to_csv(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["true" if v is True else "false" if v is False else v for v in row])
    return out.getvalue()


FIGURE_COLUMNS: Final = ("section", "figure", "unit", "in_period", "cumulative", "planned",
                         "percent_of_planned")  # fmt: skip


def figure_rows(result: Report) -> list[list[Any]]:
    targets = {t.figure: t for t in result.targets}
    rows: list[list[Any]] = []
    for f in result.figures:
        target = targets.get(f.key)
        planned = "" if target is None else target.planned
        percent = "" if target is None or target.percent is None else target.percent
        rows.append([f.section, f.key, f.unit, f.in_period, f.cumulative, planned, percent])
    return rows


def _leaving_columns(leaving: Leaving | None, period: Period) -> tuple[str | bool, ...]:
    """End date, status upon leaving, employment type, destination, window closed."""
    if leaving is None:
        return "", "", "", "", False
    return (
        leaving.exited_on.isoformat(),
        leaving.exit_status or "",
        leaving.employment_type or "",
        rules.destination(leaving.exit_status, leaving.employment_type),
        rules.upon_leaving_ends(leaving.exited_on) <= period.end,
    )
