"""Employer forms by link (service layer): the coach makes a link for an employer's
contact person, the contact person sends the form without an account, and the coach
confirms (or rejects) what was sent.

What is sent is a proposal: kept in coaching's own store with its free text, and noted on
the plan's stream as ``EmployerFormSubmitted`` (ids, form and day only). Confirming runs
the ordinary commands of in-work coaching on the plan in one append, led by
``EmployerFormConfirmed``, which says whose link entered it and which coach confirmed it;
the words go to coaching's private texts as the coach's own forms put them.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta
from typing import Any

from services.coaching.domain import commands, employer_forms, in_work
from services.coaching.domain.errors import DomainError
from services.coaching.service_layer.dependencies import Coaching, Keeper, Remark, may_write
from services.coaching.service_layer.employer_ports import EmployerForms, FormRecord
from services.coaching.service_layer.link_port import LinkGrant, LinkRefused, Links
from services.coaching.service_layer.streams import IN_WORK, change, in_project
from shared.messagebus import Accepted, CommandContext

LANGUAGES = ("fi", "sv", "en")
VALID_DAYS = range(1, 61)
"""A link is valid one day to two months."""
MAX_RECIPIENT = 200
PURPOSE = "employer."
"""A link's purpose: ``employer.`` and the form (``employer.demonstration``)."""


@dataclasses.dataclass(frozen=True, slots=True)
class LinkIssued(Accepted):
    """A new link: its token, to show the coach once (only its hash is kept)."""

    token: str = ""


def now() -> datetime:
    return datetime.now(UTC)


def _parts(c: Coaching) -> tuple[Links, EmployerForms]:
    if c.links is None or c.employer_forms is None:  # pragma: no cover - wired in bootstrap
        raise RuntimeError("coaching was built without its links")
    return c.links, c.employer_forms


def _plan(c: Coaching, project_id: str, plan_id: str) -> in_work.InWorkPlan:
    return in_project(c.streams, IN_WORK, plan_id, project_id, "plan_not_found", "plan_id")


def issue_employer_link(
    c: Coaching, command: commands.IssueEmployerLink, context: CommandContext
) -> LinkIssued:
    may_write(context)
    links, forms = _parts(c)
    plan = _plan(c, context.project_id, command.plan_id)
    if plan.ended is not None:
        raise DomainError("plan_ended", "plan_id")
    if command.language not in LANGUAGES:
        raise DomainError("language_invalid", "language")
    if command.valid_days not in VALID_DAYS:
        raise DomainError("valid_days_invalid", "valid_days")
    recipient = command.recipient.strip()
    if not recipient and not command.contact_id:
        raise DomainError("recipient_required", "recipient")
    if len(recipient) > MAX_RECIPIENT:
        raise DomainError("text_too_long", "recipient")
    grant, token = links.issue(
        project_id=context.project_id,
        purpose=PURPOSE + command.form.value,
        subject_id=plan.plan_id,
        language=command.language,
        created_by=context.actor,
        valid_for=timedelta(days=command.valid_days),
        single_use=True,
        now=now(),
    )
    forms.issued(
        grant.link_id,
        project_id=context.project_id,
        plan_id=plan.plan_id,
        form=command.form.value,
        recipient=recipient,
        contact_id=command.contact_id,
    )
    return LinkIssued(grant.link_id, token=token)


def _record(
    c: Coaching, context: CommandContext, plan_id: str, link_id: str, status: str
) -> FormRecord:
    """The link's form on ``plan_id`` of the project, in ``status``: or ``*_not_found``."""
    _links, forms = _parts(c)
    record = forms.get(context.project_id, link_id)
    if record is None or record.plan_id != plan_id:
        raise DomainError("link_not_found", "link_id")
    if record.status != status:
        raise DomainError("proposal_not_found", "link_id")
    return record


def revoke_employer_link(
    c: Coaching, command: commands.RevokeEmployerLink, context: CommandContext
) -> Accepted:
    """A link not used yet stops working; one already sent back keeps its proposal."""
    may_write(context)
    links, _forms = _parts(c)
    _record(c, context, command.plan_id, command.link_id, "issued")
    links.revoke(command.link_id, now())
    return Accepted(command.link_id)


def opened(c: Coaching, token: str) -> tuple[LinkGrant, in_work.InWorkPlan]:
    """The link of ``token`` and its plan, its opening recorded: ``LinkRefused`` for a
    link that cannot be used (also one that is not an employer form's)."""
    links, _forms = _parts(c)
    grant = links.open(token, now())
    if not grant.purpose.startswith(PURPOSE):
        raise LinkRefused("unknown")
    plan = c.streams.load(IN_WORK, grant.subject_id).state
    if plan is None or plan.project_id != grant.project_id:
        raise LinkRefused("unknown")
    return grant, plan


def link_context(grant: LinkGrant) -> CommandContext:
    """Who acts when a form comes by link: the link itself, in its project, with no role."""
    return CommandContext(actor=grant.link_id, project_id=grant.project_id)


def send_employer_form(
    c: Coaching, command: commands.SendEmployerForm, context: CommandContext
) -> Accepted:
    """The proposal is kept, then noted on the plan; the link is then used up. ``context``
    is the link's (``link_context``): no account, no role."""
    links, forms = _parts(c)
    grant, plan = opened(c, command.token)
    form = employer_forms.form_of(command.proposal)
    if grant.purpose != PURPOSE + form.value or context.project_id != grant.project_id:
        raise DomainError("wrong_form", "form")
    employer_forms.check(plan, command.proposal, c.today())
    moment = now()
    forms.submitted(grant.link_id, employer_forms.dump(command.proposal), moment)
    sent = in_work.SubmitEmployerForm(link_id=grant.link_id, form=form, submitted_on=c.today())
    try:
        accepted = change(
            c.streams,
            IN_WORK,
            plan.plan_id,
            context,
            lambda state: in_work.decide(state, sent),
            ("plan_not_found", "plan_id"),
        )
    except BaseException:
        forms.unsubmitted(grant.link_id)
        raise
    links.mark_done(grant.link_id, moment)
    return Accepted(grant.link_id, accepted.duplicate, accepted.recorded)


def confirm_employer_form(
    c: Coaching, command: commands.ConfirmEmployerForm, context: CommandContext
) -> Accepted:
    """The proposal becomes the record: its commands decided in turn on the plan and
    appended together, so that either all of it is recorded or none."""
    may_write(context)
    _links, forms = _parts(c)
    record = _record(c, context, command.plan_id, command.link_id, "pending")
    proposal = employer_forms.load(record.content or "")
    steps = employer_forms.steps(
        proposal,
        link_id=record.link_id,
        plan_id=record.plan_id,
        decided_on=c.today(),
        by=context.actor,
    )
    keepers: list[Keeper] = []

    def decide(state: in_work.InWorkPlan) -> list[Any]:
        events: list[Any] = []
        for step in steps:
            decided = in_work.decide(state, step.command)
            if step.text.strip():
                keeper = Keeper(c, context, Remark(step.kind, step.text, key=step.key))
                keepers.append(keeper)
                keeper.keep(step.key, decided)
            for event in decided:
                state = in_work.evolve(state, event)
            events += decided
        return events

    try:
        accepted = change(
            c.streams, IN_WORK, record.plan_id, context, decide, ("plan_not_found", "plan_id")
        )
    except BaseException:
        for keeper in reversed(keepers):
            keeper.take_back()
        raise
    forms.decided(record.link_id, "confirmed", context.actor, now())
    return Accepted(record.link_id, accepted.duplicate, accepted.recorded)


def reject_employer_form(
    c: Coaching, command: commands.RejectEmployerForm, context: CommandContext
) -> Accepted:
    may_write(context)
    _links, forms = _parts(c)
    record = _record(c, context, command.plan_id, command.link_id, "pending")
    rejected = in_work.RejectEmployerForm(
        link_id=record.link_id, rejected_on=c.today(), rejected_by=context.actor
    )
    accepted = change(
        c.streams,
        IN_WORK,
        record.plan_id,
        context,
        lambda state: in_work.decide(state, rejected),
        ("plan_not_found", "plan_id"),
    )
    forms.decided(record.link_id, "rejected", context.actor, now())
    return Accepted(record.link_id, accepted.duplicate, accepted.recorded)


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class LinkRow:
    """One link of a plan as the coach sees it."""

    grant: LinkGrant
    record: FormRecord | None
    state: str
    """``open``, ``opened``, ``expired``, ``revoked``, or once sent back the record's
    status (``pending``, ``confirmed``, ``rejected``)."""


def links_of_plan(c: Coaching, project_id: str, plan_id: str) -> list[LinkRow]:
    links, forms = _parts(c)
    records = {r.link_id: r for r in forms.of_plan(project_id, plan_id)}
    moment = now()
    rows = []
    for grant in links.for_subject(project_id, plan_id):
        record = records.get(grant.link_id)
        state = grant.state(moment)
        if record is not None and record.status != "issued":
            state = record.status
        rows.append(LinkRow(grant=grant, record=record, state=state))
    return rows
