"""Shapes shared by the JSON API and the HTML pages: what a request may carry, and errors.

Both call the same service-layer handlers; this module turns their refusals into a field
and a message code, so that the API answers ``{"code", "field"}`` and the pages show the
translated message at the right field.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from services.intake.domain.errors import DomainError
from services.intake.domain.esf import SensitiveAnswer, SensitiveAnswers
from services.intake.domain.project import Project
from services.intake.service_layer.accounts import PROJECT_MANAGER, User
from services.intake.service_layer.projects import load_project
from shared.eventlog.port import EventLog

FIELDS = {
    "identity_code_or_birth_date_required": "identity_code",
    "date_before_birth": "birth_date",
    "invalid_language": "language",
    "name_required": "first_name",
    "consent_required": "consent_version",
    "coach_required": "coach_id",
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
}

NOT_FOUND_CODES = frozenset({"client_not_found", "client_not_enrolled", "project_not_found"})


def field_of(code: str) -> str | None:
    if code.startswith("invalid_identity_code"):
        return "identity_code"
    return FIELDS.get(code)


def sensitive_answers(values: dict[str, str]) -> SensitiveAnswers:
    """Answers by field name; a missing or unknown one counts as not asked."""
    answers: dict[str, Any] = {}
    for f in dataclasses.fields(SensitiveAnswers):
        raw = values.get(f.name) or SensitiveAnswer.NOT_ASKED.value
        try:
            answers[f.name] = SensitiveAnswer(raw)
        except ValueError as error:
            raise DomainError("invalid_sensitive_answer", f.name) from error
    return SensitiveAnswers(**answers)


def may_override(user: User, project_id: str) -> bool:
    """Project managers and admins may enrol outside the target group, with a reason."""
    return user.is_admin or PROJECT_MANAGER in user.roles_in(project_id)


def registered_project(log: EventLog, project_id: str) -> Project:
    project = load_project(log, project_id)[0]
    if project is None:
        raise DomainError("project_not_found")
    return project
