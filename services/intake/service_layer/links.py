"""Links that let a participant fill in a form, and the proposals they send (service layer).

A coach or project manager issues a link for one client and one form; the participant
opens it without an account and submits answers, which wait as a *proposal*: nothing in
the client's record changes until a coach of the project confirms it. Confirming builds
the same commands a coach's own form would send (marked ``entered_by="participant"``)
and hands them to the bus, so every rule of those commands holds; the coach who confirms
is the events' actor. Opening and submitting a link are logged in the access log under
the actor ``link:<link id>``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any, Final, Protocol

from services.intake.domain import link_forms
from services.intake.domain.errors import DomainError
from services.intake.service_layer.access_log import VIEW, WRITE, AccessLog, here
from services.intake.service_layer.views import IntakeViews
from shared.business_dates import HELSINKI
from shared.links import LinkGrant
from shared.messagebus import CommandContext, MessageBus
from shared.web.i18n import LANGUAGES

ISSUERS: Final = ("coach", "project_manager")
DEFAULT_VALID_DAYS: Final = 14
MAX_VALID_DAYS: Final = 90
WAITING: Final = "waiting"
CONFIRMED: Final = "confirmed"
REJECTED: Final = "rejected"


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class Proposal:
    """What a participant submitted through a link, and what became of it."""

    proposal_id: str
    project_id: str
    client_id: str
    link_id: str
    form: str
    answers: Mapping[str, str]
    """Kept while waiting; cleared once decided."""
    submitted_at: datetime
    status: str
    decided_by: str | None = None
    decided_at: datetime | None = None


class Links(Protocol):
    """The link store (``shared.links.LinkStore``), as intake uses it."""

    def issue(self, *, project_id: str, purpose: str, subject_id: str, language: str,
              created_by: str, now: datetime, valid_for: timedelta,
              single_use: bool = False) -> tuple[LinkGrant, str]: ...  # fmt: skip

    def open(self, token: str, now: datetime) -> LinkGrant: ...

    def check(self, token: str, now: datetime) -> LinkGrant: ...

    def find(self, token: str) -> LinkGrant | None: ...

    def get(self, link_id: str) -> LinkGrant | None: ...

    def mark_done(self, link_id: str, now: datetime) -> None: ...

    def revoke(self, link_id: str, now: datetime) -> None: ...

    def for_subject(self, project_id: str, subject_id: str) -> list[LinkGrant]: ...


class Proposals(Protocol):
    def add(self, *, project_id: str, client_id: str, link_id: str, form: str,
            answers: Mapping[str, str], at: datetime) -> str: ...  # fmt: skip

    def get(self, project_id: str, proposal_id: str) -> Proposal | None: ...

    def of_client(self, project_id: str, client_id: str) -> list[Proposal]: ...

    def decide(self, proposal_id: str, status: str, by: str, at: datetime) -> bool: ...


def link_actor(grant: LinkGrant) -> str:
    """Who the access log says acted through a link."""
    return f"link:{grant.link_id}"


def _issuer(context: CommandContext) -> None:
    if not context.has_role(*ISSUERS):
        raise DomainError("forbidden")


def issue_participant_link(
    links: Links,
    views: IntakeViews,
    context: CommandContext,
    *,
    client_id: str,
    form: str,
    language: str,
    valid_days: int = DEFAULT_VALID_DAYS,
    now: datetime,
) -> tuple[LinkGrant, str]:
    """A new link for the client to fill in ``form``, and its token (shown once).

    Messages may call this to send a link by e-mail or text message. Refused: not a coach
    or project manager of the project (``forbidden``), another project's client
    (``client_not_found``), an unknown form, language or a validity outside 1–90 days.
    A link is used once: its submission closes it.
    """
    _issuer(context)
    views.client(context.project_id, client_id)  # refuses another project's client
    if form not in link_forms.FORMS:
        raise DomainError("choose_one", field="kind")
    if language not in LANGUAGES:
        raise DomainError("choose_one", field="language")
    if not 1 <= valid_days <= MAX_VALID_DAYS:
        raise DomainError("invalid_valid_days", field="valid_days")
    return links.issue(
        project_id=context.project_id,
        purpose=form,
        subject_id=client_id,
        language=language,
        created_by=context.actor,
        now=now,
        valid_for=timedelta(days=valid_days),
        single_use=True,
    )


def revoke_link(
    links: Links, context: CommandContext, client_id: str, link_id: str, now: datetime
) -> None:
    """Take a link back; another project's or client's link is ``link_not_found``."""
    _issuer(context)
    grant = links.get(link_id)
    if grant is None or (grant.project_id, grant.subject_id) != (context.project_id, client_id):
        raise DomainError("link_not_found")
    links.revoke(link_id, now)


def opened(access: AccessLog, grant: LinkGrant) -> None:
    access.record(
        [here(grant.project_id, grant.subject_id, link_actor(grant), VIEW, grant.purpose)]
    )


def submit(
    links: Links,
    proposals: Proposals,
    access: AccessLog,
    grant: LinkGrant,
    answers: Mapping[str, str],
    now: datetime,
) -> str:
    """Keep the participant's checked answers as a proposal; a single-use link is done."""
    proposal_id = proposals.add(
        project_id=grant.project_id,
        client_id=grant.subject_id,
        link_id=grant.link_id,
        form=grant.purpose,
        answers=answers,
        at=now,
    )
    if grant.single_use:
        links.mark_done(grant.link_id, now)
    access.record(
        [here(grant.project_id, grant.subject_id, link_actor(grant), WRITE, grant.purpose)]
    )
    return proposal_id


def waiting(proposals: Proposals, project_id: str, client_id: str) -> list[Proposal]:
    return [p for p in proposals.of_client(project_id, client_id) if p.status == WAITING]


def _waiting_proposal(
    proposals: Proposals, context: CommandContext, client_id: str, proposal_id: str
) -> Proposal:
    _issuer(context)
    proposal = proposals.get(context.project_id, proposal_id)
    if proposal is None or proposal.client_id != client_id:
        raise DomainError("proposal_not_found")
    if proposal.status != WAITING:
        raise DomainError("proposal_already_decided")
    return proposal


def commands_of(views: IntakeViews, proposal: Proposal) -> list[Any]:
    """The commands a confirmed proposal sends, as a coach's own forms would."""
    day = proposal.submitted_at.astimezone(HELSINKI).date()
    answers = proposal.answers
    if proposal.form == link_forms.START_FORM:
        client = views.client(proposal.project_id, proposal.client_id).client
        return [link_forms.start_command(proposal.client_id, client.start_data, answers)]
    if proposal.form == link_forms.CONSENT_FORM:
        return list(link_forms.consent_commands(proposal.client_id, answers, day))
    if proposal.form == link_forms.FOLLOW_UP_FORM:
        return [link_forms.follow_up_command(proposal.client_id, answers, day)]
    raise DomainError("proposal_not_found")


def confirm_proposal(
    bus: MessageBus,
    views: IntakeViews,
    proposals: Proposals,
    context: CommandContext,
    *,
    client_id: str,
    proposal_id: str,
    now: datetime,
) -> int:
    """Apply the proposal through the bus and close it; how many events were recorded.

    Start data the participant left as they were record nothing (and close the proposal);
    any other refusal leaves the proposal waiting.
    """
    proposal = _waiting_proposal(proposals, context, client_id, proposal_id)
    recorded = 0
    for command in commands_of(views, proposal):
        try:
            recorded += bus.handle(command, context).recorded
        except DomainError as refused:
            if refused.code != "start_data_unchanged":
                raise
    proposals.decide(proposal_id, CONFIRMED, context.actor, now)
    return recorded


def reject_proposal(
    proposals: Proposals,
    context: CommandContext,
    *,
    client_id: str,
    proposal_id: str,
    now: datetime,
) -> None:
    """Close the proposal without applying it; its answers are cleared."""
    _waiting_proposal(proposals, context, client_id, proposal_id)
    proposals.decide(proposal_id, REJECTED, context.actor, now)
