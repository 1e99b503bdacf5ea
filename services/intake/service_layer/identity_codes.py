"""Showing a client's full identity code: only for a reason, and never unrecorded (service
layer).

Pages show the birth-date part of an identity code alone (``131052-****``), to every
role. A user who needs the whole code (a benefit form, the employment office's register)
says why; the reveal is appended to the personal-data store with who, when and the
reason, so that a data-protection audit can answer who has seen whose code.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from services.intake.domain.commands import RevealIdentityCode
from services.intake.domain.errors import DomainError
from services.intake.service_layer.enrolment import IdentityCodeReveal
from shared.events.privacy import PersonalDataInEvent, check_payload
from shared.ids import uuid7_str
from shared.messagebus import Accepted, CommandContext

if TYPE_CHECKING:
    from services.intake.service_layer.dependencies import IntakeDeps

REASON_FIELD = "reveal_reason"
MAX_REASON = 500


def reveal_identity_code(
    deps: IntakeDeps, command: RevealIdentityCode, context: CommandContext
) -> Accepted:
    """Record that the actor, a member of the project (an auditor too), is shown the
    client's identity code for ``reason``; the page then shows it once.

    Refused: another project's or no client (``client_not_found``), no code to show
    (``no_identity_code``), no reason (``reveal_reason_required``), a reason holding an
    identity code or an e-mail address (``personal_data_in_text``), which the record of
    reveals must not keep.
    """
    if not (context.is_admin or context.roles):
        raise DomainError("forbidden")
    person = deps.people.get(context.project_id, command.client_id)
    if person is None:
        raise DomainError("client_not_found")
    if not person.identity_code:
        raise DomainError("no_identity_code", field=REASON_FIELD)
    reason = command.reason.strip()
    if not reason:
        raise DomainError("reveal_reason_required", field=REASON_FIELD)
    if len(reason) > MAX_REASON:
        raise DomainError("reveal_reason_too_long", field=REASON_FIELD)
    try:
        check_payload("identity code reveal", {REASON_FIELD: reason})
    except PersonalDataInEvent as error:
        raise DomainError(error.code, field=REASON_FIELD) from None
    deps.people.record_reveal(
        IdentityCodeReveal(
            reveal_id=uuid7_str(),
            project_id=context.project_id,
            client_id=command.client_id,
            user_id=context.actor,
            revealed_at=datetime.now(UTC),
            reason=reason,
        )
    )
    return Accepted(id=command.client_id)
