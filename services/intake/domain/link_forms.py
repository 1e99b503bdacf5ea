"""The forms a participant fills in through a link, and the commands their answers become.

Domain layer, pure. A participant's answers are read here into a small, checked mapping
(what ``link_proposals`` keeps until a coach decides) and, once a coach confirms them,
turned into the same commands a coach's own form would send, marked as entered by the
participant (``entered_by="participant"``): the start data correction, the consent per
purpose, the six-month follow-up. The questions are those of the EURA 2021 participant
service that a person can answer about themselves (research/esf-indicators.md §3.3):
education before entry, labour-market status, and the background questions, each of
which may be declined ("prefer not to say").
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from datetime import date
from typing import Final

from services.intake.domain.commands import CorrectStartData, RecordFollowUp
from services.intake.domain.consent import PURPOSES, RecordConsent
from services.intake.domain.esf import (
    EducationLevel,
    EmploymentType,
    EsfStartData,
    ExitStatus,
    FollowUpSource,
    Gender,
    Improvement,
    IntermediateKind,
    LabourMarketStatus,
    ReferralKind,
    SensitiveAnswer,
    SensitiveAnswers,
)

START_FORM: Final = "participant_start_form"
CONSENT_FORM: Final = "participant_consent"
FOLLOW_UP_FORM: Final = "participant_follow_up"
FORMS: Final = (START_FORM, CONSENT_FORM, FOLLOW_UP_FORM)
"""The link purposes of intake: one form each."""
PARTICIPANT: Final = "participant"
"""``entered_by`` of what a participant entered and a coach confirmed."""
E_SERVICE: Final = "e_service"
"""The consent channel of a form filled in online."""

SENSITIVE_FIELDS: Final = tuple(f.name for f in dataclasses.fields(SensitiveAnswers))
SENSITIVE_CHOICES: Final = (SensitiveAnswer.YES, SensitiveAnswer.NO, SensitiveAnswer.DECLINED)
"""What a participant may answer to a background question: ``declined`` is "prefer not
to say"; ``not_asked`` is the project's, never the participant's."""
FOLLOW_UP_STATUSES: Final = tuple(s for s in ExitStatus if s is not ExitStatus.UNKNOWN)
MAX_MUNICIPALITY: Final = 100

Answers = dict[str, str]
Errors = dict[str, str]


def _choice(raw: Mapping[str, str], name: str, options: tuple[str, ...],
            answers: Answers, errors: Errors, *, required: bool = True) -> str:  # fmt: skip
    value = (raw.get(name) or "").strip()
    if not value:
        if required:
            errors[name] = "choose_one"
        return ""
    if value not in options:
        errors[name] = "choose_one"
        return ""
    answers[name] = value
    return value


def _values(kind: type[object]) -> tuple[str, ...]:
    return tuple(member.value for member in kind)  # type: ignore[attr-defined]


def read_start_form(raw: Mapping[str, str], entered_on: date) -> tuple[Answers, Errors]:
    """The start form's answers, or the codes of what is wrong at which field."""
    answers: Answers = {}
    errors: Errors = {}
    _choice(raw, "gender", _values(Gender), answers, errors)
    _choice(raw, "education", _values(EducationLevel), answers, errors)
    status = _choice(raw, "labour_market_status", _values(LabourMarketStatus), answers, errors)
    since = (raw.get("unemployed_since") or "").strip()
    if status == LabourMarketStatus.UNEMPLOYED.value:
        try:
            day = date.fromisoformat(since)
        except ValueError:
            errors["unemployed_since"] = "date_required" if not since else "invalid_date"
        else:
            if day > entered_on:
                errors["unemployed_since"] = "unemployed_since_after_entry"
            else:
                answers["unemployed_since"] = day.isoformat()
    municipality = (raw.get("municipality") or "").strip()
    if not municipality:
        errors["municipality"] = "municipality_required"
    elif len(municipality) > MAX_MUNICIPALITY:
        errors["municipality"] = "too_long"
    else:
        answers["municipality"] = municipality
    for name in SENSITIVE_FIELDS:
        _choice(raw, name, tuple(c.value for c in SENSITIVE_CHOICES), answers, errors)
    return (answers, {}) if not errors else ({}, errors)


def proposed_start_data(current: EsfStartData, answers: Mapping[str, str]) -> EsfStartData:
    """The current start data with the participant's answers in place (age stays)."""
    status = LabourMarketStatus(answers["labour_market_status"])
    since = answers.get("unemployed_since")
    sensitive = SensitiveAnswers(
        **{name: SensitiveAnswer(answers[name]) for name in SENSITIVE_FIELDS}
    )
    return dataclasses.replace(
        current,
        gender=Gender(answers["gender"]),
        education=EducationLevel(answers["education"]),
        labour_market_status=status,
        unemployed_since=date.fromisoformat(since) if since else None,
        municipality=answers["municipality"],
        sensitive=sensitive,
    )


def start_form_values(current: EsfStartData) -> dict[str, str]:
    """The form pre-filled from what the project holds (a question not asked: empty)."""
    values = {
        "gender": current.gender.value,
        "education": current.education.value,
        "labour_market_status": current.labour_market_status.value,
        "unemployed_since": current.unemployed_since.isoformat()
        if current.unemployed_since
        else "",
        "municipality": current.municipality,
    }
    for name in SENSITIVE_FIELDS:
        answer: SensitiveAnswer = getattr(current.sensitive, name)
        values[name] = "" if answer is SensitiveAnswer.NOT_ASKED else answer.value
    return values


def read_consent_form(raw: Mapping[str, str], version: str) -> tuple[Answers, Errors]:
    """A yes or a no for every purpose, and the version of the texts shown."""
    answers: Answers = {"version": version}
    errors: Errors = {}
    for purpose in PURPOSES:
        _choice(raw, purpose, ("yes", "no"), answers, errors)
    return (answers, {}) if not errors else ({}, errors)


def read_follow_up_form(raw: Mapping[str, str], employed_at_entry: bool) -> tuple[Answers, Errors]:
    """The participant's situation now, with the detail its kind needs."""
    answers: Answers = {}
    errors: Errors = {}
    options = tuple(s.value for s in FOLLOW_UP_STATUSES)
    status = _choice(raw, "exit_status", options, answers, errors)
    details = (
        (ExitStatus.EMPLOYED, "employment_type", EmploymentType),
        (ExitStatus.REFERRED_TO_OTHER_SERVICES, "referral_kind", ReferralKind),
        (ExitStatus.INTERMEDIATE_LABOUR_MARKET, "intermediate_kind", IntermediateKind),
    )
    for applies, name, kind in details:
        if status == applies.value:
            _choice(raw, name, _values(kind), answers, errors)
    employed = status in (ExitStatus.EMPLOYED.value, ExitStatus.ENTREPRENEURSHIP.value)
    if employed_at_entry and employed:
        _choice(raw, "improvement", _values(Improvement), answers, errors, required=False)
    return (answers, {}) if not errors else ({}, errors)


def start_command(
    client_id: str, current: EsfStartData, answers: Mapping[str, str]
) -> CorrectStartData:
    return CorrectStartData(
        client_id=client_id,
        start_data=proposed_start_data(current, answers),
        reason_code="new_information",
        entered_by=PARTICIPANT,
    )


def consent_commands(client_id: str, answers: Mapping[str, str], on: date) -> list[RecordConsent]:
    return [
        RecordConsent(
            client_id=client_id,
            purpose=purpose,
            version=answers["version"],
            given=answers[purpose] == "yes",
            channel=E_SERVICE,
            on=on,
            entered_by=PARTICIPANT,
        )
        for purpose in PURPOSES
        if purpose in answers
    ]


def follow_up_command(client_id: str, answers: Mapping[str, str], on: date) -> RecordFollowUp:
    employment = answers.get("employment_type")
    referral = answers.get("referral_kind")
    intermediate = answers.get("intermediate_kind")
    improvement = answers.get("improvement")
    return RecordFollowUp(
        client_id=client_id,
        checked_on=on,
        reached=True,
        source=FollowUpSource.CLIENT,
        exit_status=ExitStatus(answers["exit_status"]),
        employment_type=EmploymentType(employment) if employment else None,
        referral_kind=ReferralKind(referral) if referral else None,
        intermediate_kind=IntermediateKind(intermediate) if intermediate else None,
        improvement=Improvement(improvement) if improvement else None,
        entered_by=PARTICIPANT,
    )
