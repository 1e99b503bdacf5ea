"""Refusals of matching's rules (domain layer): each a stable code and the field it concerns.

A ``DomainError`` is a ``shared.refusal.Refusal``, so that the shared web kit answers it
alike from a form (the message at its field) and from the JSON API (a problem naming the
``code`` and the ``field``). The field follows from the code: one table, kept here with
the rules that raise them.
"""

from __future__ import annotations

from shared.refusal import Refusal

FIELDS = {
    "invalid_business_id": "business_id",
    "business_id_taken": "business_id",
    "trade_name_required": "trade_name",
    "invalid_industry": "industry",
    "municipality_required": "municipality",
    "contact_name_required": "full_name",
    "note_too_long": "note",
    "made_by_unknown": "made_by",
    "invalid_occupation_code": "occupation_code",
    "invalid_headcount": "headcount",
    "start_before_found": "starts_on",
    "invalid_language_code": "required_languages",
    "tag_too_long": "skills",
    "too_many_target_occupations": "target_occupations",
    "invalid_status_change": "status",
    "status_change_before_found": "changed_on",
    "company_already_supported": "relation",
    "client_not_active": "client_id",
    "client_not_consenting": "client_id",
    "client_already_referred": "client_id",
    "lead_not_available": "lead_id",
    "lead_of_another_company": "lead_id",
    "reason_does_not_fit_answer": "reason",
    "answer_before_referral": "answered_on",
    "referral_already_answered": "answer",
    "end_before_start": "ends_on",
    "end_date_required": "ends_on",
}
"""The form field each refusal concerns; ``*_not_found`` concerns the ``*_id`` it names."""

NOT_FOUND = frozenset(
    {
        "company_not_found",
        "contact_not_found",
        "lead_not_found",
        "client_not_found",
        "referral_not_found",
        "profile_not_found",
    }
)
"""Codes naming something missing in the project (another project's counts as missing)."""


def field_of(code: str) -> str | None:
    if code in NOT_FOUND:
        return code.removesuffix("_not_found") + "_id"
    return FIELDS.get(code)


class DomainError(Refusal):
    """A command broke a matching rule; ``code`` is stable, ``detail`` for logs only."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(code, field_of(code), detail=detail)
