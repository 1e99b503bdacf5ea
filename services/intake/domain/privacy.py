"""Erasure and retention of a person's data: the rules, without storage (domain layer).

ESF records must be kept until the end of the retention period that the funder's rule
gives (CPR 2021/1060 Art. 82: five years from 31 December of the year of the last
payment); a project's end stands for that year unless the project's rule names a day.
When the period has passed, the person's data is erased by deleting their key; the
events, which carry no personal data, stay and the figures with them.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Final

from services.intake.domain.errors import DomainError

DEFAULT_RETENTION_YEARS: Final = 5
"""CPR 2021/1060 Art. 82: five years from 31 December of the year of the last payment."""
MAX_RETENTION_YEARS: Final = 100
ERASURE_BASES: Final = ("request", "retention_ended", "consent_withdrawn")
"""Why a person's data was erased; kept in the access log as the entry's purpose."""


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class RetentionRule:
    """A project's retention: ``years`` after the end of the project's last year, or the
    day the funding decision names (``until``), which wins when set."""

    years: int = DEFAULT_RETENTION_YEARS
    until: date | None = None


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class SetRetentionRule:
    """Set how long the project's personal data is kept: the whole rule, as it will be."""

    years: int = DEFAULT_RETENTION_YEARS
    until: date | None = None


def checked_rule(command: SetRetentionRule) -> RetentionRule:
    """The rule ``command`` sets, or a refusal at the field at fault."""
    if not 0 <= command.years <= MAX_RETENTION_YEARS:
        raise DomainError("invalid_retention_years", field="years")
    return RetentionRule(years=command.years, until=command.until)


def retention_end(project_ends_on: date, rule: RetentionRule) -> date:
    """The last day a project's personal data is kept (31 December, by default)."""
    if rule.until is not None:
        return rule.until
    return date(project_ends_on.year + rule.years, 12, 31)


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class ErasePerson:
    """Erase a client's personal data: their key and readable rows; events stay."""

    client_id: str
    basis: str = "request"
    """One of ``ERASURE_BASES``."""
