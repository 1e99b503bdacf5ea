"""The published contract of intake: every event type it writes, under its wire name."""

from __future__ import annotations

from services.intake.domain.events import (
    ClientEnrolled,
    ClientExited,
    ClientReEntered,
    CoachAssigned,
    ConsentGiven,
    ConsentWithdrawn,
    CostBooked,
    CostBookingCorrected,
    FollowUpRecorded,
    ProjectPlanChanged,
    ProjectRegistered,
    StartDataCorrected,
    StatusUponLeavingRecorded,
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
        StatusUponLeavingRecorded,
        FollowUpRecorded,
        ProjectRegistered,
        ProjectPlanChanged,
        CostBooked,
        CostBookingCorrected,
        ConsentGiven,
        ConsentWithdrawn,
    )
