"""The two ways a message leaves (adapter layer): SMTP for e-mail, an HTTP gateway for SMS.

Each message carries its outbox id: as the e-mail's ``Message-ID``
(``<id@duuni.invalid>``) and as the gateway request's ``Idempotency-Key``, so that a
message sent again after a crash between sending and recording (see
``service_layer.messages``) is recognisable as the same one by whoever receives it.
"""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import formatdate

import httpx

from services.intake.config import MessagingSettings, SmsSettings, SmtpSettings
from services.intake.service_layer.dependencies import Members
from services.intake.service_layer.enrolment import PersonalData
from services.intake.service_layer.messages import Messenger, Outbox, SendFailed
from shared.eventlog.aggregates import AggregateStreams

MESSAGE_ID_DOMAIN = "duuni.invalid"


def message_id_header(message_id: str) -> str:
    return f"<{message_id}@{MESSAGE_ID_DOMAIN}>"


class SmtpMailSender:
    """One SMTP connection per batch, upgraded with STARTTLS unless switched off."""

    def __init__(self, settings: SmtpSettings) -> None:
        if not settings.host:
            raise ValueError("SMTP host is not set")
        self.settings = settings
        self._smtp: smtplib.SMTP | None = None

    def _context(self) -> ssl.SSLContext:
        cafile = str(self.settings.ca_file) if self.settings.ca_file else None
        return ssl.create_default_context(cafile=cafile)

    def _connection(self) -> smtplib.SMTP:
        if self._smtp is not None:
            return self._smtp
        s = self.settings
        assert s.host is not None
        smtp = smtplib.SMTP(s.host, s.port, timeout=s.timeout_seconds)
        try:
            smtp.ehlo()
            if s.starttls:
                smtp.starttls(context=self._context())
                smtp.ehlo()
            if s.user:
                smtp.login(s.user, s.password.get_secret_value() if s.password else "")
        except Exception:
            smtp.close()
            raise
        self._smtp = smtp
        return smtp

    def send(self, message_id: str, to: str, subject: str, body: str) -> None:
        """Raises ``SendFailed`` (``permanent`` when the server refused the address)."""
        message = EmailMessage()
        message["From"] = self.settings.sender or f"duuni@{MESSAGE_ID_DOMAIN}"
        message["To"] = to
        message["Subject"] = subject
        message["Date"] = formatdate(localtime=False)
        message["Message-ID"] = message_id_header(message_id)
        message.set_content(body)
        try:
            self._connection().send_message(message)
        except smtplib.SMTPRecipientsRefused as error:
            self.close()
            raise SendFailed("smtp_recipient_refused", permanent=True) from error
        except (smtplib.SMTPException, OSError) as error:
            self.close()
            raise SendFailed(f"smtp_{type(error).__name__}") from error

    def close(self) -> None:
        smtp, self._smtp = self._smtp, None
        if smtp is not None:
            try:
                smtp.quit()
            except (smtplib.SMTPException, OSError):
                smtp.close()


class HttpSmsSender:
    """``POST <url>`` with ``{"id", "to", "from", "text"}`` and ``Authorization: Bearer``;
    a 2xx answer is sent, a 4xx other than 408/429 is refused for good, the rest is
    tried again later."""

    def __init__(self, settings: SmsSettings) -> None:
        if not settings.url:
            raise ValueError("SMS gateway URL is not set")
        self.settings = settings
        self._headers = {}
        if settings.token is not None:
            self._headers["Authorization"] = f"Bearer {settings.token.get_secret_value()}"
        self._open: httpx.Client | None = None

    def _client(self) -> httpx.Client:
        if self._open is None:
            self._open = httpx.Client(timeout=self.settings.timeout_seconds, headers=self._headers)
        return self._open

    def send(self, message_id: str, to: str, body: str) -> None:
        assert self.settings.url is not None
        payload = {"id": message_id, "to": to, "from": self.settings.sender, "text": body}
        try:
            answer = self._client().post(
                self.settings.url, json=payload, headers={"Idempotency-Key": message_id}
            )
        except httpx.HTTPError as error:
            raise SendFailed(f"sms_{type(error).__name__}") from error
        if answer.is_success:
            return
        permanent = 400 <= answer.status_code < 500 and answer.status_code not in (408, 429)
        raise SendFailed(f"sms_http_{answer.status_code}", permanent=permanent)

    def close(self) -> None:
        client, self._open = self._open, None
        if client is not None:
            client.close()


def messenger(
    outbox: Outbox,
    people: PersonalData,
    streams: AggregateStreams,
    members: Members,
    project_name: Callable[[str], str],
    *,
    smtp: SmtpSettings | None = None,
    sms: SmsSettings | None = None,
    settings: MessagingSettings | None = None,
    clock: Callable[[], datetime] | None = None,
) -> Messenger:
    """The sender, with a channel for each of SMTP and the SMS gateway that is configured
    (from the environment unless given)."""
    smtp = smtp if smtp is not None else SmtpSettings()
    sms = sms if sms is not None else SmsSettings()
    settings = settings or MessagingSettings()
    return Messenger(
        outbox=outbox, people=people, streams=streams, members=members,
        project_name=project_name,
        mail=SmtpMailSender(smtp) if smtp.host else None,
        sms=HttpSmsSender(sms) if sms.url else None,
        clock=clock or (lambda: datetime.now(UTC)),
        batch_size=settings.batch_size, lease=timedelta(seconds=settings.lease_seconds),
        idle_seconds=settings.idle_seconds,
    )  # fmt: skip
