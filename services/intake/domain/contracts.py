"""The published contract of intake: every event type it writes, under its wire name."""

from __future__ import annotations

from services.intake.domain.events import (
    ClientEnrolled,
    ClientExited,
    ClientReEntered,
    CoachAssigned,
    ConsentGiven,
    ConsentWithdrawn,
    ContactDetailsChanged,
    CostBooked,
    CostBookingCorrected,
    DocumentAdded,
    DocumentRemoved,
    FollowUpRecorded,
    MessageSent,
    PersonErased,
    ProcessingRestricted,
    ProcessingRestrictionLifted,
    ProjectPlanChanged,
    ProjectRegistered,
    StartDataCorrected,
    StatusUponLeavingRecorded,
    TargetGroupRuleOverridden,
)
from shared.events.contract import EventContracts, Payload

REASON_IN_WORDS: tuple[str, ...] = (
    "intake.start_data_corrected",
    "intake.target_group_rule_overridden",
    "intake.project_plan_changed",
)
"""Event types whose version 1 carried the user's words as ``reason``; version 2 carries a
reason code and the id of the words kept in intake's store."""


def reason_code_of_v1(payload: Payload) -> Payload:
    """Version 1 to 2: the words are left out of the typed event (the stored bytes keep
    them, as old events are never rewritten) and the code is ``other``."""
    upcast = {key: value for key, value in payload.items() if key != "reason"}
    return upcast | {"reason_code": "other", "reason_id": None}


def intake_contracts() -> EventContracts:
    contracts = EventContracts()
    for name in REASON_IN_WORDS:
        contracts.upcaster(name, 1)(reason_code_of_v1)
    return contracts.register(
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
        DocumentAdded,
        DocumentRemoved,
        ContactDetailsChanged,
        MessageSent,
        PersonErased,
        ProcessingRestricted,
        ProcessingRestrictionLifted,
    )
