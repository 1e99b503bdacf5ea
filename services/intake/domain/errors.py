"""Domain errors of intake: each carries a stable code that the UI translates.

A ``DomainError`` is the shared ``Refusal``: the one web kit answers it as the form again
with the message at its field, or as a problem with the ``code`` and the ``field``. The
field of each code is fixed here, once, so that both edges put a refusal at the same field.
"""

from __future__ import annotations

from shared.refusal import Refusal

FIELDS: dict[str, str] = {
    "identity_code_or_birth_date_required": "identity_code",
    "date_before_birth": "birth_date",
    "invalid_language": "language",
    "name_required": "first_name",
    "consent_required": "consent_version",
    "coach_required": "coach_id",
    "coach_not_in_project": "coach_id",
    "invalid_age_at_entry": "birth_date",
    "municipality_required": "municipality",
    "unemployed_since_required": "unemployed_since",
    "unemployed_since_only_when_unemployed": "unemployed_since",
    "unemployed_since_after_entry": "unemployed_since",
    "re_entry_before_exit": "entry_date",
    "client_still_active": "identity_code",
    "exit_before_entry": "exit_date",
    "employment_type_required": "employment_type",
    "employment_type_only_when_employed": "employment_type",
    "outside_target_group": "override_reason",
    "override_reason_required": "override_reason",
    "override_not_allowed": "override_reason",
    "correction_reason_required": "reason",
    "start_data_unchanged": "reason",
    "client_exited": "coach_id",
    "client_already_exited": "exit_date",
    "referral_kind_required": "referral_kind",
    "referral_kind_only_when_referred": "referral_kind",
    "intermediate_kind_required": "intermediate_kind",
    "intermediate_kind_only_for_intermediate": "intermediate_kind",
    "client_not_exited": "exit_status",
    "status_still_unknown": "exit_status",
    "status_unchanged": "exit_status",
    "check_before_exit": "checked_on",
    "follow_up_status_required": "exit_status",
    "status_only_when_reached": "exit_status",
    "improvement_only_when_employed_at_entry": "improvement",
    "improvement_only_when_employed": "improvement",
    "project_name_required": "name",
    "project_municipality_required": "municipalities",
    "project_ends_before_start": "ends_on",
    "negative_target": "planned_participants",
    "age_bounds_reversed": "min_age",
    "negative_funding_share": "funding",
    "funding_shares_must_total_100": "funding",
    "project_exists": "project_id",
    "invalid_project_code": "project_id",
    "change_reason_required": "reason",
    "negative_budget": "budget",
    "booking_period_reversed": "period_end",
    "invalid_amount": "amount",
    "booking_exists": "booking_id",
    "booking_unchanged": "amount",
    "invalid_cost_category": "category",
}
"""The form field each refusal concerns; a code not named here concerns the whole form."""

NOT_FOUND_CODES = frozenset(
    {
        "client_not_found",
        "client_not_enrolled",
        "project_not_found",
        "booking_not_found",
        "document_not_found",
    }
)
"""Refusals that mean "no such thing here": 404 and the not-found page, never a form error."""


def field_of(code: str) -> str | None:
    if code.startswith("invalid_identity_code"):
        return "identity_code"
    return FIELDS.get(code)


class DomainError(Refusal):
    """A command broke an intake rule; ``code`` is stable, ``detail`` is for logs only."""

    def __init__(self, code: str, detail: str = "", *, field: str | None = None) -> None:
        super().__init__(code, field or field_of(code), detail=detail)
