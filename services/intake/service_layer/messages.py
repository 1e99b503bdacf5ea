"""Sending messages to clients from the outbox, and the project manager's templates
(service layer).

The sender works through the outbox (``adapters.messages``) in small batches: it claims
each due row under a lease, checks that the person is neither erased nor restricted (a
message queued before either is dropped with that result, not retried), the client's
consent to contact by e-mail or SMS and their address, fills in the template in force in
the client's language, sends, records the ``intake.message_sent`` event and then the row's
outcome. A failed send goes back to the queue with a growing wait
(``domain.messages.retry_delay``) until its last attempt; an SMTP server that is down
therefore only delays messages, which go out when it is back.

What a crash can do, and why nothing is doubled except in one narrow window:

* before the send: the lease runs out, another round sends the message once;
* after the event, before the row is marked: the next round sends again (see below),
  and the event, appended under the message's own idempotency key, is stored once;
* between the server's acceptance and the event: the message is sent again when the
  lease runs out. This is the remaining at-least-once window (a send's duration plus a
  crash). The copy carries the same ``Message-ID`` (and the SMS gateway request the same
  ``Idempotency-Key``), so a receiving system that drops duplicates by id drops it.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Protocol
from zoneinfo import ZoneInfo

from services.intake.domain.errors import DomainError
from services.intake.domain.events import MessageSent
from services.intake.domain.messages import (
    CONSENT_PURPOSE,
    LANGUAGES,
    MAX_ATTEMPTS,
    SaveTemplate,
    SendLink,
    SetReminderHours,
    TemplateText,
    check_reminder_hours,
    check_template,
    render,
    retry_delay,
)
from services.intake.service_layer.consent import consents_of
from services.intake.service_layer.enrolment import PersonalData
from services.intake.service_layer.privacy import ERASURE
from services.intake.service_layer.restriction import restriction_of
from shared.eventlog.aggregates import AggregateStreams
from shared.eventlog.port import NO_STREAM, WrongExpectedVersion
from shared.events.envelope import Context, NewEvent
from shared.messagebus import Accepted, CommandContext
from shared.web.pages import format_clock, format_day

if TYPE_CHECKING:
    from services.intake.service_layer.dependencies import IntakeDeps, Members
    from services.intake.service_layer.views import IntakeViews

log = logging.getLogger(__name__)
HELSINKI = ZoneInfo("Europe/Helsinki")
ACTOR = "intake.messages"
"""The actor of the ``intake.message_sent`` events: the sender, not a person."""
SENT, FAILED = "sent", "failed"
NO_CONSENT, NO_ADDRESS = "skipped_no_consent", "skipped_no_address"
WITHHELD_RESTRICTED, WITHHELD_ERASED = "withheld_restricted", "withheld_erased"
"""A message dropped at sending time because the person's processing is restricted or
the person is erased: recorded once and never retried (no address or text anywhere)."""

PLACE_WORDS = {
    "in_person": {"fi": "paikan päällä", "sv": "på plats", "en": "in person"},
    "online": {"fi": "verkossa", "sv": "på nätet", "en": "online"},
    "phone": {"fi": "puhelimitse", "sv": "per telefon", "en": "by phone"},
}
YOUR_COACH = {"fi": "valmentajasi", "sv": "din coach", "en": "your coach"}


class SendFailed(Exception):
    """A send that did not go through; ``code`` says why without naming the address."""

    def __init__(self, code: str, *, permanent: bool = False) -> None:
        super().__init__(code)
        self.code = code
        self.permanent = permanent


class MailSender(Protocol):
    def send(self, message_id: str, to: str, subject: str, body: str) -> None: ...
    def close(self) -> None: ...


class SmsSender(Protocol):
    def send(self, message_id: str, to: str, body: str) -> None: ...
    def close(self) -> None: ...


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class Claimed:
    """An outbox row a sender holds under ``lease_id`` until it records the outcome."""

    message_id: str
    lease_id: str
    project_id: str
    client_id: str
    kind: str
    channel: str
    attempts: int
    """Including this one."""
    starts_at: datetime | None
    timed: bool
    coach_id: str | None
    mode: str | None
    link_url: str | None
    link_expires: date | None


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class SavedTemplate:
    kind: str
    channel: str
    language: str
    version: int
    """0: the default wording, never saved."""
    text: TemplateText
    saved_by: str | None
    saved_at: datetime | None


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class OutboxRow:
    """One message as the pages list it: never its text or address."""

    message_id: str
    client_id: str
    kind: str
    channel: str
    state: str
    due_at: datetime
    attempts: int
    next_attempt_at: datetime
    finished_at: datetime | None
    template_version: int | None
    error: str | None


class MessageReads(Protocol):
    """What the pages read of the outbox, the templates and the settings."""

    def of_client(self, project_id: str, client_id: str, limit: int = 50) -> list[OutboxRow]: ...
    def of_project(self, project_id: str, limit: int = 200) -> list[OutboxRow]: ...
    def counts(self, project_id: str) -> dict[str, int]: ...
    def template(
        self, project_id: str, kind: str, channel: str, language: str
    ) -> SavedTemplate: ...
    def reminder_hours(self, project_id: str) -> tuple[int, ...]: ...


class Outbox(Protocol):
    """The outbox and the templates (``adapters.messages.SqlMessages``)."""

    def claim_due(self, channels: Sequence[str], limit: int, lease: timedelta) -> list[Claimed]: ...
    def finish(self, claim: Claimed, state: str, template_version: int | None) -> bool: ...
    def retry(self, claim: Claimed, at: datetime, error: str) -> bool: ...
    def template(
        self, project_id: str, kind: str, channel: str, language: str
    ) -> SavedTemplate: ...
    def save_template(
        self, project_id: str, kind: str, channel: str, language: str, text: TemplateText,
        actor: str,
    ) -> int: ...  # fmt: skip
    def set_reminder_hours(self, project_id: str, hours: Sequence[int]) -> None: ...
    def queue_link(
        self, project_id: str, client_id: str, url: str, purpose: str, expires: date | None,
        channels: Sequence[str],
    ) -> list[str]: ...  # fmt: skip


@dataclasses.dataclass
class Messenger:
    """The sender loop: ``send_due`` one batch now; ``run`` in the background."""

    outbox: Outbox
    people: PersonalData
    streams: AggregateStreams
    members: Members
    project_name: Callable[[str], str]
    mail: MailSender | None = None
    sms: SmsSender | None = None
    clock: Callable[[], datetime] = dataclasses.field(default=lambda: datetime.now(UTC))
    batch_size: int = 50
    lease: timedelta = timedelta(minutes=5)
    idle_seconds: float = 5.0
    name: str = "intake.messages.sender"
    last_error: str | None = None
    _down: dict[str, str] = dataclasses.field(default_factory=dict, init=False, repr=False)
    """Channels whose server failed in this round, and why: the rest of the round's
    messages in them wait for their next attempt without knocking again."""

    @property
    def channels(self) -> list[str]:
        """The channels with a sender configured; the others' messages wait."""
        return [c for c, s in (("email", self.mail), ("sms", self.sms)) if s is not None]

    def send_due(self) -> int:
        """Work through what is due now, batch after batch; answers how many were done."""
        done = 0
        channels = self.channels
        self._down.clear()
        if not channels:
            return 0
        try:
            while True:
                batch = self.outbox.claim_due(channels, self.batch_size, self.lease)
                for claim in batch:
                    self._one(claim)
                done += len(batch)
                if len(batch) < self.batch_size:
                    return done
        finally:
            for sender in (self.mail, self.sms):
                if sender is not None:
                    sender.close()

    def _withheld(self, claim: Claimed) -> str | None:
        """Why the message must not go to the person now, checked when it is sent (it
        was queued before): they were erased, or their processing is restricted."""
        if self.streams.load(ERASURE, claim.client_id).version > 0:
            return WITHHELD_ERASED
        if restriction_of(self.streams, claim.client_id) is not None:
            return WITHHELD_RESTRICTED
        return None

    def _one(self, claim: Claimed) -> None:
        withheld = self._withheld(claim)
        if withheld is not None:
            self._record(claim, withheld, None)
            return
        person = self.people.get(claim.project_id, claim.client_id)
        if not consents_of(self.streams, claim.client_id).allows(CONSENT_PURPOSE):
            self._record(claim, NO_CONSENT, None)
            return
        address = ""
        if person is not None:
            address = person.email if claim.channel == "email" else person.phone
        if person is None or not address.strip():
            self._record(claim, NO_ADDRESS, None)
            return
        language = person.language if person.language in LANGUAGES else "fi"
        template = self.outbox.template(claim.project_id, claim.kind, claim.channel, language)
        values = self._values(claim, language)
        body = render(template.text.body, values)
        try:
            if claim.channel in self._down:
                raise SendFailed(self._down[claim.channel])
            if claim.channel == "email":
                assert self.mail is not None
                subject = render(template.text.subject, values)
                self.mail.send(claim.message_id, address.strip(), subject, body)
            else:
                assert self.sms is not None
                self.sms.send(claim.message_id, address.strip(), body)
        except SendFailed as error:
            self.last_error = error.code
            if error.permanent or claim.attempts >= MAX_ATTEMPTS:
                self._record(claim, FAILED, template.version)
            else:
                self._down.setdefault(claim.channel, error.code)
                self.outbox.retry(claim, self.clock() + retry_delay(claim.attempts), error.code)
            return
        self.last_error = None
        self._record(claim, SENT, template.version)

    def _record(self, claim: Claimed, result: str, version: int | None) -> None:
        """The event first (once, by the message's key), then the row."""
        event = MessageSent(
            message_id=claim.message_id, client_id=claim.client_id, project_id=claim.project_id,
            kind=claim.kind, channel=claim.channel, template_version=version, result=result,
            attempts=claim.attempts,
        )  # fmt: skip
        context = Context(project_id=claim.project_id, actor=ACTOR)
        # A WrongExpectedVersion: recorded by an earlier round that died before the row.
        with contextlib.suppress(WrongExpectedVersion):
            self.streams.log.append(
                f"message-{claim.message_id}", [NewEvent.of(event, context)], NO_STREAM,
                idempotency_key=f"intake:message:{claim.message_id}",
            )  # fmt: skip
        if not self.outbox.finish(claim, result, version):
            log.warning("message %s: lease lost before its outcome was recorded", claim.message_id)

    def _values(self, claim: Claimed, language: str) -> dict[str, str]:
        values = {"project": self.project_name(claim.project_id)}
        if claim.starts_at is not None:
            local = claim.starts_at.astimezone(HELSINKI)
            values["date"] = format_day(local.date(), language=language)
            if claim.timed:
                values["time"] = format_clock(local.time(), language=language)
        if claim.mode:
            values["place"] = PLACE_WORDS.get(claim.mode, {}).get(language, "")
        coaches = dict(self.members.members_of(claim.project_id)) if claim.coach_id else {}
        values["coach"] = coaches.get(claim.coach_id or "", "") or YOUR_COACH[language]
        if claim.link_url:
            values["url"] = claim.link_url
        if claim.link_expires:
            values["expires"] = format_day(claim.link_expires, language=language)
        return values

    async def run(self, stop: asyncio.Event) -> None:
        """Until ``stop``: send what is due, then wait ``idle_seconds``."""
        while not stop.is_set():
            try:
                await asyncio.to_thread(self.send_due)
            except Exception as error:  # the database gone a moment: try again later
                self.last_error = repr(error)
                log.exception("message sender: round failed")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=self.idle_seconds)


def queue_link_message(
    outbox: Outbox,
    project_id: str,
    client_id: str,
    url: str,
    purpose: str,
    *,
    expires: date | None = None,
    channels: Sequence[str] = ("email",),
) -> list[str]:
    """Queue a form link for the client (due now), per channel; the outbox ids.

    For the secure links' pages: the URL is kept with the outbox row only until the
    message is done with, never in an event. Consent and address are checked when sent.
    """
    if not url.startswith(("https://", "http://")):
        raise DomainError("invalid_link_url", field="url")
    wanted = [c for c in dict.fromkeys(channels) if c in ("email", "sms")]
    if not wanted:
        raise DomainError("invalid_message_channel", field="channel")
    return outbox.queue_link(project_id, client_id, url, purpose, expires, wanted)


def send_link_message(deps: IntakeDeps, command: SendLink, context: CommandContext) -> Accepted:
    """Queue a form link for the project's client. Refused: an auditor (``forbidden``),
    another project's client (``client_not_found``), an address that is no web address
    or no channel (``queue_link_message``). Consent and address are checked when sent."""
    if deps.messages is None or not context.may_write():
        raise DomainError("forbidden")
    if deps.people.get(context.project_id, command.client_id) is None:
        raise DomainError("client_not_found")
    queue_link_message(
        deps.messages, context.project_id, command.client_id, command.url, command.purpose,
        expires=command.expires, channels=command.channels,
    )  # fmt: skip
    return Accepted(command.client_id)


def _manager(deps: IntakeDeps, context: CommandContext) -> Outbox:
    if deps.messages is None:
        raise DomainError("forbidden", "messages are not set up")
    if not context.has_role("project_manager"):
        raise DomainError("forbidden")
    return deps.messages


def save_message_template(
    deps: IntakeDeps, command: SaveTemplate, context: CommandContext
) -> Accepted:
    """Refused: anyone but the project's manager or an admin (``forbidden``), and what
    ``check_template`` refuses. Each save is a new version."""
    outbox = _manager(deps, context)
    text = check_template(command)
    version = outbox.save_template(
        context.project_id, command.kind, command.channel, command.language, text, context.actor
    )
    return Accepted(f"{command.kind}/{command.channel}/{command.language}/{version}")


def set_reminder_hours(
    deps: IntakeDeps, command: SetReminderHours, context: CommandContext
) -> Accepted:
    """Applies to appointments booked from now on; refused as ``save_message_template``."""
    outbox = _manager(deps, context)
    hours = check_reminder_hours(command)
    outbox.set_reminder_hours(context.project_id, hours)
    return Accepted(context.project_id)


def project_names(views: IntakeViews) -> Callable[[str], str]:
    """The project's name as messages sign off with it (empty for an unknown project)."""

    def name_of(project_id: str) -> str:
        project = views.project(project_id)
        return project.plan.name if project is not None else ""

    return name_of
