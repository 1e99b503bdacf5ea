"""The counting rules of the reporting service, versioned (domain layer).

Every figure is derived under these rules; the version goes into every report and audit
pack, so that a figure can be re-derived under the rules it was made with. Change a rule
only together with ``COUNTING_RULES_VERSION`` and docs/reporting.md.

- A person counts once per project, even on re-entry (research/esf-indicators.md §1.1).
- Entry data are fixed at the first entry; corrections of them apply, as events.
- The last exit wins; a re-entry makes the person a participant again, not a leaver.
- A period's figures depend only on facts dated in or before it: a re-entry dated after
  a period leaves that period's leavers as they were (2026.3).
- "Upon leaving" means within 28 days (4 weeks) of the exit date.
- Late corrections are applied as events, never as edits: an as-of report reads only
  the events recorded by then and so reproduces the figures as they stood.
- A fact belongs to the project of its event's envelope.
- A payload that does not fit its reader (``upstream.py``) counts for nothing.

- The status upon leaving may be recorded after the exit (``status_upon_leaving_recorded``):
  it replaces the exit's status, in every period that counts the exit (2026.4).
- Work trials and the intermediate labour market (rehabilitative work, social
  enterprise) are exit destinations of their own, and neither is ESF employment;
  referrals name the service they went to (2026.4).
- Six months after an exit its follow-up falls due; the last follow-up of the exit
  checked on or after that day is its six-month result, and counts in the period of the
  due day, whenever it was recorded (2026.4, ``follow_up.py``).

2026.2 refuses such payloads where 2026.1 read them leniently; 2026.3 keeps a period's
leavers when a re-entry dated after it arrives; 2026.4 adds the statuses found out after
the exit, the new destinations and the six-month results (docs/reporting.md).
"""

from __future__ import annotations

from datetime import date
from typing import Final

from shared import business_dates

COUNTING_RULES_VERSION: Final = "2026.4"
# "Upon leaving" is one rule for the whole system (a placement may start then, and it
# counts as a result then): shared.business_dates decides it once.
UPON_LEAVING: Final = business_dates.UPON_LEAVING
upon_leaving_ends = business_dates.upon_leaving_ends


LONG_TERM_UNEMPLOYMENT_MONTHS: Final = 12
"""Finnish register definition: continuously unemployed for at least 12 months (§1.6)."""

EMPLOYED_AT_ENTRY: Final = frozenset({"employed", "self_employed"})
INACTIVE_AT_ENTRY: Final = frozenset({"inactive", "in_education"})
EMPLOYMENT_EXITS: Final = frozenset({"employed", "entrepreneurship"})
"""Exit statuses that count as in employment, including self-employment (CR04, EECR04)."""
NOT_EMPLOYMENT_EXITS: Final = frozenset({"work_trial", "intermediate_labour_market"})
"""National destinations that are work but not ESF employment (research/esf-indicators.md
§5): the person stays an unemployed jobseeker in a service; they count in no result
upon leaving (CR01–CR04), only in the national destination table (2026.4)."""
SME_SIZES: Final = frozenset({"micro", "small", "medium"})
EMPLOYMENT_PLACEMENTS: Final = frozenset(
    {"full_time", "part_time", "fixed_term", "wage_subsidised", "apprenticeship",
     "self_employment"}
)  # fmt: skip
"""Placement types that are employment (work trials and rehabilitative work are not)."""

GENDERS: Final = ("female", "male", "non_binary", "prefer_not_to_say")
AGE_BANDS: Final = ("under_25", "25_to_54", "55_and_over")
EDUCATION_LEVELS: Final = ("isced_0_2", "isced_3_4", "isced_5_8")
EMPLOYMENT_TYPES: Final = (
    "open_market_full_time", "open_market_part_time", "fixed_term", "wage_subsidised",
    "apprenticeship",
)  # fmt: skip
REFERRAL_KINDS: Final = (
    "pension", "mental_health", "substance_abuse", "debt_counselling", "social_services",
    "health_care", "other",
)  # fmt: skip
INTERMEDIATE_KINDS: Final = ("rehabilitative_work", "social_enterprise")
DESTINATIONS: Final = (
    *(f"employed.{kind}" for kind in EMPLOYMENT_TYPES),
    "employed.unspecified",
    "entrepreneurship",
    "education_or_training",
    "work_trial",
    *(f"intermediate_labour_market.{kind}" for kind in INTERMEDIATE_KINDS),
    "intermediate_labour_market",
    *(f"referred_to_other_services.{kind}" for kind in REFERRAL_KINDS),
    "referred_to_other_services",
    "job_searching",
    "unemployed",
    "inactive",
    "unknown",
)
"""The national exit-destination table: exactly one row per leaver (figure 28). A referral
or an intermediate-labour-market exit without its kind (recorded before 2026.4) has the
row of its status alone."""
PLACEMENT_TYPES: Final = (
    "full_time", "part_time", "fixed_term", "wage_subsidised", "apprenticeship", "work_trial",
    "intermediate_labour_market", "self_employment",
)  # fmt: skip
SENSITIVE_FIELDS: Final = (
    "disability", "foreign_background", "third_country_national", "minority",
    "homeless_or_housing_exclusion", "other_disadvantaged",
)  # fmt: skip
ATTENDANCE: Final = ("present", "absent", "excused")


def age_band(age: int) -> str:
    """The 2014–2020 completeness bands (<25, 25–54, >54), age at entry."""
    if age < 25:
        return "under_25"
    return "25_to_54" if age <= 54 else "55_and_over"


def months_between(start: date, end: date) -> int:
    months = (end.year - start.year) * 12 + end.month - start.month
    return months - 1 if end.day < start.day else months


def is_long_term_unemployed(status: str | None, since: date | None, entered_on: date) -> bool:
    if status != "unemployed" or since is None or since > entered_on:
        return False
    return months_between(since, entered_on) >= LONG_TERM_UNEMPLOYMENT_MONTHS


def destination(
    exit_status: str | None, employment_type: str | None, kind: str | None = None
) -> str:
    """The one primary destination of a leaver in the national table."""
    if exit_status == "employed":
        known = employment_type in EMPLOYMENT_TYPES
        return f"employed.{employment_type if known else 'unspecified'}"
    if exit_status == "referred_to_other_services" and kind in REFERRAL_KINDS:
        return f"referred_to_other_services.{kind}"
    if exit_status == "intermediate_labour_market" and kind in INTERMEDIATE_KINDS:
        return f"intermediate_labour_market.{kind}"
    if exit_status in DESTINATIONS:
        return exit_status
    return "unknown"
