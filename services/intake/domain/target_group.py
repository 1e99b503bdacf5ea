"""A project's target group: who may enrol, and what a manager's override records."""

from __future__ import annotations

import dataclasses

from services.intake.domain.esf import EsfStartData, LabourMarketStatus


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class TargetGroupRule:
    """Bounds set by the project plan; ``None`` leaves a bound open."""

    min_age: int | None = None
    max_age: int | None = None
    labour_market_statuses: frozenset[LabourMarketStatus] | None = None

    def breaches(self, start_data: EsfStartData) -> tuple[str, ...]:
        """Codes of the bounds the participant falls outside; empty when inside."""
        found: list[str] = []
        if self.min_age is not None and start_data.age_at_entry < self.min_age:
            found.append("below_min_age")
        if self.max_age is not None and start_data.age_at_entry > self.max_age:
            found.append("above_max_age")
        statuses = self.labour_market_statuses
        if statuses is not None and start_data.labour_market_status not in statuses:
            found.append("labour_market_status_outside_target_group")
        return tuple(found)


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class TargetGroupOverride:
    """A manager's decision to enrol someone outside the target group, with the reason."""

    reason: str
    approved_by: str
    reason_code: str = "other"
    reason_id: str | None = None
    """Where intake keeps the words of ``reason`` (sealed with the person's key)."""
