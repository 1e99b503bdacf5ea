"""Tolerant readers of intake's and matching's events: the wire names, only the fields
coaching needs.

Never intake's own classes (services do not import each other); extra payload keys are
ignored on decoding, so intake may add fields freely. Events without ``project_id`` in
the payload take it from the envelope.
"""

from __future__ import annotations

import dataclasses
from datetime import date

from shared.events.contract import EventContracts, event

LATER_INTAKE_EVENTS = (
    "intake.status_upon_leaving_recorded",
    "intake.follow_up_recorded",
    "intake.cost_booked",
    "intake.cost_booking_corrected",
    "intake.consent_given",
    "intake.consent_withdrawn",
    "intake.message_sent",
    "intake.document_added",
    "intake.document_removed",
    "intake.contact_details_changed",
    "intake.person_erased",
    "intake.processing_restricted",
    "intake.processing_restriction_lifted",
)
"""Intake's events about leavers after the exit, the project's costs and consent: the
clients' projections skip them (the tasks after an exit read leavers on their own, in
``leavers``). A new intake event type is added here, or it counts as unknown."""


@event("intake.client_enrolled", version=1)
class ClientEnrolled:
    client_id: str
    project_id: str
    coach_id: str
    entered_on: date


@event("intake.client_re_entered", version=1)
class ClientReEntered:
    client_id: str
    project_id: str
    re_entered_on: date


@event("intake.coach_assigned", version=1)
class CoachAssigned:
    client_id: str
    coach_id: str


@event("intake.client_exited", version=1)
class ClientExited:
    client_id: str
    exited_on: date


def intake_readers() -> EventContracts:
    """Every intake event type coaching recognises: it acts on four, and skips the rest
    quietly rather than counting them as unknown."""
    return (
        EventContracts()
        .register(ClientEnrolled, ClientReEntered, CoachAssigned, ClientExited)
        .ignore(
            "intake.start_data_corrected",
            "intake.target_group_rule_overridden",
            "intake.project_registered",
            "intake.project_plan_changed",
            *LATER_INTAKE_EVENTS,
        )
    )


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class StartPlace:
    """Of intake's ESF start data, only the municipality of residence (a classification)."""

    municipality: str = ""


@event("intake.client_enrolled", version=1)
class EnrolledIn:
    """An enrolment as the client's facts read it: the day and the municipality."""

    client_id: str
    project_id: str
    entered_on: date
    start_data: StartPlace = dataclasses.field(default_factory=StartPlace)


@event("intake.start_data_corrected", version=2)
class StartPlaceCorrected:
    """Version 2 differs from 1 only in the reason (a code and an id instead of words),
    which coaching does not read: version 1 reads as it is."""

    client_id: str
    start_data: StartPlace = dataclasses.field(default_factory=StartPlace)


def fact_readers() -> EventContracts:
    """The intake events that say where a client lives and since when they are in the
    project: what tells two clients of the same name apart on a page."""
    contracts = EventContracts()
    contracts.upcaster("intake.start_data_corrected", 1)(dict)
    return contracts.register(EnrolledIn, StartPlaceCorrected).ignore(
        "intake.client_re_entered",
        "intake.coach_assigned",
        "intake.client_exited",
        "intake.target_group_rule_overridden",
        "intake.project_registered",
        "intake.project_plan_changed",
        *LATER_INTAKE_EVENTS,
    )


@event("matching.company_registered", version=1)
class CompanyRegistered:
    """An employer matching works with: the third party of in-work coaching."""

    company_id: str
    project_id: str
    business_id: str
    municipality: str
    trade_name: str = ""


def matching_readers() -> EventContracts:
    """The matching event coaching acts on; the others are skipped and counted."""
    return EventContracts().register(CompanyRegistered)


@event("intake.person_erased", version=1)
class PersonErased:
    """Intake erased the person: coaching erases its words about them."""

    client_id: str
    project_id: str


@event("intake.consent_given", version=1)
class ConsentGiven:
    """Consent to one purpose; coaching follows only ``partner_sharing`` (its partner
    feeds hold back events about a client who withdrew it)."""

    client_id: str
    project_id: str
    purpose: str


@event("intake.consent_withdrawn", version=1)
class ConsentWithdrawn:
    """A withdrawn consent to one purpose: respected at once."""

    client_id: str
    project_id: str
    purpose: str


def sharing_readers() -> EventContracts:
    """Intake's consents; every other intake event is skipped quietly."""
    return EventContracts().ignore(
        *intake_readers().names(),
        "intake.start_data_corrected",
        "intake.target_group_rule_overridden",
        "intake.project_registered",
        "intake.project_plan_changed",
        *LATER_INTAKE_EVENTS,
    )


def erasure_readers() -> EventContracts:
    """Intake's erasures; every other intake event is skipped quietly."""
    return EventContracts().ignore(
        *intake_readers().names(),
        "intake.start_data_corrected",
        "intake.target_group_rule_overridden",
        "intake.project_registered",
        "intake.project_plan_changed",
        *LATER_INTAKE_EVENTS,
    )
