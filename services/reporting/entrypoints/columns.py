"""What the readable exports call each column and each coded value (English msgids,
translated in ``locale/``).

The machine-readable exports keep the stable column names and codes; a person opening
the file in a spreadsheet reads these instead ("Nainen", not ``female``). Intake's forms
use the same words for the same answers.
"""

from __future__ import annotations

from typing import Final

from services.reporting.domain import rules
from services.reporting.entrypoints.labels import LABELS
from shared.web.i18n import N_

SENSITIVE_COLUMNS: Final = {
    "disability": N_("Disability"),
    "foreign_background": N_("Foreign background"),
    "third_country_national": N_("Third-country national"),
    "minority": N_("Belongs to a minority"),
    "homeless_or_housing_exclusion": N_("Homeless or excluded from housing"),
    "other_disadvantaged": N_("Other disadvantage"),
}

PARTICIPANT_HEADINGS: Final = {
    "participant_id": N_("Participant (pseudonymous id)"),
    "start_date": N_("Start date"),
    "gender": N_("Gender"),
    "age_at_start": N_("Age at start"),
    "age_band": N_("Age group"),
    "employment_status_at_start": N_("Labour-market status at start"),
    "long_term_unemployed": N_("Long-term unemployed"),
    "unemployed_since": N_("Unemployed since"),
    "highest_education_before_start": N_("Highest education before start"),
    **{f"sensitive_{name}": label for name, label in SENSITIVE_COLUMNS.items()},
    "participations": N_("Participations"),
    "corrections": N_("Corrections to start data"),
    "end_date": N_("End date"),
    "status_upon_leaving": N_("Situation upon leaving"),
    "employment_type": N_("Type of employment"),
    "national_destination": N_("Destination (national table)"),
    "upon_leaving_window_closed": N_("Four weeks have passed since leaving"),
}
"""The participant export's columns, in ``exports.PARTICIPANT_COLUMNS`` order."""

FIGURE_HEADINGS: Final = {
    "section": N_("Table"),
    "figure": N_("Figure"),
    "unit": N_("Unit"),
    "in_period": N_("In period"),
    "cumulative": N_("Cumulative"),
    "planned": N_("Planned"),
    "percent_of_planned": N_("Share of target (%)"),
}
"""The figures export's columns, in ``exports.FIGURE_COLUMNS`` order."""

UNITS: Final = {
    "participants": N_("participants"),
    "companies": N_("companies"),
    "placements": N_("placements"),
    "sessions": N_("sessions"),
    "hours": N_("hours"),
    "percent": N_("per cent"),
    "participations": N_("participations"),
}

ANSWERS: Final = {
    "yes": N_("Yes"),
    "no": N_("No"),
    "declined": N_("Declined to answer"),
    "not_asked": N_("Not asked"),
}

VALUES: Final[dict[str, dict[str, str]]] = {
    "gender": {
        "female": N_("Woman"),
        "male": N_("Man"),
        "non_binary": N_("Non-binary or other"),
        "prefer_not_to_say": N_("Prefers not to say"),
    },
    "age_band": {
        "under_25": N_("Under 25 years"),
        "25_to_54": N_("25–54 years"),
        "55_and_over": N_("Over 54 years"),
    },
    "employment_status_at_start": {
        "unemployed": N_("Unemployed"),
        "employed": N_("Employed"),
        "self_employed": N_("Self-employed"),
        "inactive": N_("Outside the labour force"),
        "in_education": N_("In education or training"),
    },
    "highest_education_before_start": {
        level: LABELS[f"participants.education.{level}"] for level in rules.EDUCATION_LEVELS
    },
    **{f"sensitive_{name}": ANSWERS for name in SENSITIVE_COLUMNS},
    "status_upon_leaving": {
        "employed": N_("Employed"),
        "education_or_training": N_("Education or training"),
        "entrepreneurship": N_("Entrepreneurship"),
        "job_searching": N_("Job searching"),
        "referred_to_other_services": N_("Referred to other services"),
        "unemployed": N_("Unemployed"),
        "inactive": N_("Outside the labour force"),
        "work_trial": N_("Work trial (not ESF employment)"),
        "intermediate_labour_market": N_("Intermediate labour market (not ESF employment)"),
        "unknown": N_("Not known"),
    },
    "employment_type": {
        "open_market_full_time": N_("Open labour market, full-time"),
        "open_market_part_time": N_("Open labour market, part-time"),
        "fixed_term": N_("Fixed-term"),
        "wage_subsidised": N_("Wage-subsidised"),
        "apprenticeship": N_("Apprenticeship"),
    },
    "national_destination": {d: LABELS[f"destinations.{d}"] for d in rules.DESTINATIONS},
    "unit": UNITS,
}
"""Coded values by column: what each code reads as (a code not listed is shown as is)."""

YES: Final = N_("Yes")
NO: Final = N_("No")
