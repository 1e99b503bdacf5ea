"""The kinds of document a client's file holds: a closed list, so that events can say it."""

from __future__ import annotations

from enum import StrEnum


class DocumentKind(StrEnum):
    CV = "cv"
    SIGNED_CONSENT = "signed_consent"
    EMPLOYMENT_CONTRACT = "employment_contract"
    WORK_TRIAL_AGREEMENT = "work_trial_agreement"
    OTHER = "other"
