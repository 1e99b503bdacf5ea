"""CSV and XLSX exports of a report and of its participants (entrypoint layer: formatting
only).

Each export comes in two forms. The readable one is for people: headings and coded
values in the reader's language, dates and numbers as the language writes them, and a
CSV that Excel opens in columns (``;`` and a decimal comma in Finnish and Swedish, ``,``
and a decimal point in English; UTF-8 with a byte-order mark). The codes form is for
programs: the stable column names and codes, ISO dates, ``,`` and a decimal point,
whatever the language.

The participant columns mirror the EURA start and end forms (research/esf-indicators.md
§3.2–3.3) with pseudonymous ids in place of persons; the figures export names each
figure by its stable key in the codes form and by its label in the readable one.
"""

from __future__ import annotations

import csv
import dataclasses
import io
from collections.abc import Callable, Sequence
from datetime import date
from typing import Final

from services.reporting.domain import rules
from services.reporting.domain.facts import Leaving, Participant
from services.reporting.domain.figures import Period, Report
from services.reporting.entrypoints import columns, labels
from services.reporting.entrypoints.formats import Formats

Cell = str | int | float | bool | date | None
Rows = list[list[Cell]]

PARTICIPANT_COLUMNS: Final = (
    "participant_id", "start_date", "gender", "age_at_start", "age_band",
    "employment_status_at_start", "long_term_unemployed", "unemployed_since",
    "highest_education_before_start",
    *(f"sensitive_{name}" for name in rules.SENSITIVE_FIELDS),
    "participations", "corrections", "end_date", "status_upon_leaving", "employment_type",
    "national_destination", "upon_leaving_window_closed",
)  # fmt: skip
FIGURE_COLUMNS: Final = ("section", "figure", "unit", "in_period", "cumulative", "planned",
                         "percent_of_planned")  # fmt: skip


def participant_rows(participants: Sequence[Participant], period: Period) -> Rows:
    """One row per participant entered by the period's end, with codes and real dates."""
    rows: Rows = []
    for p in participants:
        if p.entered_on > period.end:
            continue
        answers = dict(p.sensitive)
        rows.append(
            [
                p.client_id, p.entered_on, p.gender, p.age_at_entry,
                None if p.age_at_entry is None else rules.age_band(p.age_at_entry),
                p.labour_status,
                rules.is_long_term_unemployed(p.labour_status, p.unemployed_since, p.entered_on),
                p.unemployed_since, p.education,
                *(answers.get(name) for name in rules.SENSITIVE_FIELDS),
                p.entries, p.corrections,
                *_leaving_columns(p.leaving_by(period.end), period),
            ]
        )  # fmt: skip
    return rows


def _leaving_columns(leaving: Leaving | None, period: Period) -> tuple[Cell, ...]:
    """End date, status upon leaving, employment type, destination, window closed."""
    if leaving is None:
        return None, None, None, None, False
    return (
        leaving.exited_on,
        leaving.exit_status,
        leaving.employment_type,
        rules.destination(leaving.exit_status, leaving.employment_type, leaving.exit_kind),
        rules.upon_leaving_ends(leaving.exited_on) <= period.end,
    )


def figure_rows(result: Report) -> Rows:
    """One row per figure, by its stable key, with its target when one is set."""
    targets = {t.figure: t for t in result.targets}
    rows: Rows = []
    for f in result.figures:
        target = targets.get(f.key)
        planned = None if target is None else target.planned
        percent = None if target is None else target.percent
        rows.append([f.section, f.key, f.unit, f.in_period, f.cumulative, planned, percent])
    return rows


@dataclasses.dataclass(frozen=True, slots=True)
class Readable:
    """Turns an export's codes into what a reader of one language understands."""

    tr: Callable[[str], str]
    formats: Formats

    def headings(self, names: Sequence[str]) -> list[str]:
        known = columns.PARTICIPANT_HEADINGS | columns.FIGURE_HEADINGS
        return [self.tr(known[name]) if name in known else name for name in names]

    def participants(self, rows: Rows) -> Rows:
        """Coded values as words; numbers, dates and yes/no left for the writer."""
        return [
            [self._value(name, value) for name, value in zip(PARTICIPANT_COLUMNS, row, strict=True)]
            for row in rows
        ]

    def figures(self, result: Report, rows: Rows) -> Rows:
        """Each figure under its table's heading and its label, its unit in words."""
        return [
            [self.tr(labels.section_of(f.key)), self.tr(labels.label_of(f.key)),
             self._value("unit", f.unit), *row[3:]]
            for f, row in zip(result.figures, rows, strict=True)
        ]  # fmt: skip

    def _value(self, column: str, value: Cell) -> Cell:
        if isinstance(value, str):
            words = columns.VALUES.get(column, {}).get(value)
            return value if words is None else self.tr(words)
        return value

    def text(self, value: Cell) -> str:
        """A cell as the readable CSV writes it."""
        if isinstance(value, bool):
            return self.tr(columns.YES if value else columns.NO)
        if isinstance(value, int | float):
            return self.formats.number(value, grouped=False)
        if isinstance(value, date):
            return self.formats.day(value)
        return "" if value is None else value

    def sheet_cell(self, value: Cell) -> Cell:
        """A cell as the readable workbook holds it: yes/no in words, the rest as is."""
        if isinstance(value, bool):
            return self.tr(columns.YES if value else columns.NO)
        return value

    @property
    def delimiter(self) -> str:
        """``;`` where the decimal separator is a comma, as Excel expects there."""
        return ";" if self.formats.decimal_comma else ","


def code_text(value: Cell) -> str:
    """A cell as the codes CSV writes it: ISO dates, ``true``/``false``, a decimal point."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    return "" if value is None else str(value)


def to_csv(
    header: Sequence[str], rows: Rows, text: Callable[[Cell], str], delimiter: str = ","
) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([text(value) for value in row])
    return out.getvalue()
