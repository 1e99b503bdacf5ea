"""Changing a client's contact details (service layer).

The details live in the personal-data store, sealed with the person's key like their
name; the bus records the change in the access log as a write, and the log gets an
event naming which fields changed, never their values. The event is on the client's own
contact stream (``contact-<client>``), apart from their participation.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from services.intake.domain.contact import (
    ChangeContactDetails,
    ContactDetails,
    changed_fields,
    checked_details,
    normalised_phone,
)
from services.intake.domain.errors import DomainError
from services.intake.domain.events import ContactDetailsChanged
from shared.eventlog.aggregates import Aggregate, checked
from shared.messagebus import Accepted, CommandContext

if TYPE_CHECKING:
    from services.intake.service_layer.dependencies import IntakeDeps


def _count(state: int | None, _event: object) -> int:
    return (state or 0) + 1


CONTACT: Aggregate[int] = Aggregate("contact", _count)
"""The contact stream's state is only how many changes it holds: the values are sealed."""


def change_contact_details(
    deps: IntakeDeps, command: ChangeContactDetails, context: CommandContext
) -> Accepted:
    """Save the details and record which changed; nothing when none did.

    Refused: an auditor (``forbidden``), another project's client (``client_not_found``),
    and what ``checked_details`` refuses, at its field."""
    if not context.may_write():
        raise DomainError("forbidden")
    person = deps.people.get(context.project_id, command.client_id)
    if person is None:
        raise DomainError("client_not_found")
    after = checked_details(command)
    before = ContactDetails(  # a number typed at enrolment compares in its normalised form
        phone=normalised_phone(person.phone) or person.phone,
        email=person.email,
        address=person.address,
        language=person.language,
    )
    changed = changed_fields(before, after)
    if not changed:
        return Accepted(command.client_id)
    event = ContactDetailsChanged(
        client_id=command.client_id, project_id=context.project_id, changed_fields=changed
    )
    checked([event], context.event_context())
    loaded = deps.streams.load(CONTACT, command.client_id)
    deps.people.save(dataclasses.replace(person, **dataclasses.asdict(after)))
    try:
        deps.streams.append(
            CONTACT, command.client_id, loaded.version, [event], context.event_context()
        )
    except Exception:
        deps.people.save(person)  # the details as they were: no change without its event
        raise
    return Accepted(command.client_id, recorded=1)
