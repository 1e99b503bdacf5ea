"""The published contract of matching: every event type it writes, under its wire name."""

from __future__ import annotations

from services.matching.domain.events import (
    ClientReferred,
    CompanyContacted,
    CompanyNeedRecorded,
    CompanyRegistered,
    CompanyRelationRecorded,
    ContactPersonAdded,
    JobLeadFound,
    JobLeadStatusChanged,
    JobProfileUpdated,
    PlacementStarted,
    ReferralAnswered,
)
from shared.events.contract import EventContracts


def matching_contracts() -> EventContracts:
    return EventContracts().register(
        CompanyRegistered,
        ContactPersonAdded,
        CompanyContacted,
        CompanyRelationRecorded,
        CompanyNeedRecorded,
        JobLeadFound,
        JobLeadStatusChanged,
        JobProfileUpdated,
        ClientReferred,
        ReferralAnswered,
        PlacementStarted,
    )
