"""The published contract of intake: every event type it writes, under its wire name."""

from __future__ import annotations

from services.intake.domain.events import (
    ClientEnrolled,
    ClientExited,
    ClientReEntered,
    CoachAssigned,
    ProjectPlanChanged,
    ProjectRegistered,
    StartDataCorrected,
    TargetGroupRuleOverridden,
)
from shared.events.contract import EventContracts


def intake_contracts() -> EventContracts:
    return EventContracts().register(
        ClientEnrolled,
        TargetGroupRuleOverridden,
        ClientReEntered,
        StartDataCorrected,
        CoachAssigned,
        ClientExited,
        ProjectRegistered,
        ProjectPlanChanged,
    )
