"""Messages to clients (domain layer): kinds, channels, templates and when each is due.

Intake sends them because intake holds the addresses, the preferred language and the
consent to contact by e-mail or text message; coaching only publishes what was booked.
Everything here is pure: which messages an appointment calls for and when, what a
template may say, and how it is filled in. Sending, storing and the clock are outside.

A template names its blanks in braces (``{date}``); each kind allows its own set, and
nothing that identifies a person beyond what the message needs (never the identity
code: ``{identity_code}`` is no placeholder, so a template naming it is refused).
"""

from __future__ import annotations

import dataclasses
import string
from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import Final

from services.intake.domain.errors import DomainError

KINDS: Final = (
    "invitation",
    "reminder",
    "group_invitation",
    "group_reminder",
    "no_show",
    "link",
)
CHANNELS: Final = ("email", "sms")
LANGUAGES: Final = ("fi", "sv", "en")
RESULTS: Final = (
    "sent", "failed", "skipped_no_consent", "skipped_no_address", "withheld_restricted",
    "withheld_erased",
)  # fmt: skip
"""How a message ended, as its ``intake.message_sent`` event says."""
CONSENT_PURPOSE: Final = "contact_by_email_sms"

DEFAULT_REMINDER_HOURS: Final = (48, 2)
"""Reminders two days and two hours before an appointment, unless the project sets others."""
MAX_REMINDERS: Final = 4
MAX_REMINDER_HOURS: Final = 24 * 14
MAX_SUBJECT: Final = 200
MAX_BODY: Final = 4000
MAX_SMS: Final = 480
"""Three concatenated text messages at most."""

_APPOINTMENT = frozenset({"date", "time", "place", "coach", "project"})
_GROUP = frozenset({"date", "coach", "project"})
PLACEHOLDERS: Final[Mapping[str, frozenset[str]]] = {
    "invitation": _APPOINTMENT,
    "reminder": _APPOINTMENT,
    "group_invitation": _GROUP,
    "group_reminder": _GROUP,
    "no_show": frozenset({"date", "coach", "project"}),
    "link": frozenset({"url", "expires", "project"}),
}
"""The blanks each kind's templates may use."""


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class TemplateText:
    """One template: the subject (e-mail only; empty for SMS) and the body."""

    subject: str
    body: str


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class SaveTemplate:
    """A project manager saves a new version of one kind's template in one channel and
    language; the versions before it stay, so every sent message names the one it used."""

    kind: str
    channel: str
    language: str
    subject: str
    body: str


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class SendLink:
    """A coach sends the client a form link by e-mail or text message (or both)."""

    client_id: str
    url: str
    purpose: str
    channels: tuple[str, ...]
    expires: date | None = None


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class SetReminderHours:
    """A project manager sets how many hours before an appointment reminders go out."""

    hours: tuple[int, ...]


def check_template(command: SaveTemplate) -> TemplateText:
    """The template as it will be stored, or a refusal at the field at fault."""
    if command.kind not in KINDS:
        raise DomainError("invalid_message_kind", field="kind")
    if command.channel not in CHANNELS:
        raise DomainError("invalid_message_channel", field="channel")
    if command.language not in LANGUAGES:
        raise DomainError("invalid_message_language", field="language")
    subject = " ".join(command.subject.split())
    body = command.body.replace("\r\n", "\n").strip()
    if command.channel == "email":
        if not subject:
            raise DomainError("message_subject_required", field="subject")
        if len(subject) > MAX_SUBJECT:
            raise DomainError("message_subject_too_long", field="subject")
        _check_blanks(command.kind, subject, "subject")
    else:
        subject = ""
    if not body:
        raise DomainError("message_body_required", field="body")
    if len(body) > (MAX_SMS if command.channel == "sms" else MAX_BODY):
        raise DomainError("message_body_too_long", field="body")
    _check_blanks(command.kind, body, "body")
    return TemplateText(subject=subject, body=body)


def _check_blanks(kind: str, text: str, field: str) -> None:
    allowed = PLACEHOLDERS[kind]
    try:
        names = [name for _, name, _, _ in string.Formatter().parse(text) if name is not None]
    except ValueError:
        raise DomainError("message_template_malformed", field=field) from None
    for name in names:
        if name not in allowed:
            raise DomainError("message_placeholder_unknown", name, field=field)


def check_reminder_hours(command: SetReminderHours) -> tuple[int, ...]:
    """Distinct hours, latest first; at most ``MAX_REMINDERS``, each 1 … two weeks."""
    hours = tuple(sorted(set(command.hours), reverse=True))
    if len(hours) > MAX_REMINDERS:
        raise DomainError("too_many_reminders", field="hours")
    if any(h < 1 or h > MAX_REMINDER_HOURS for h in hours):
        raise DomainError("invalid_reminder_hours", field="hours")
    return hours


def render(text: str, values: Mapping[str, str]) -> str:
    """Fill in the blanks; one the values lack stays empty rather than failing a send."""
    return string.Formatter().vformat(text, (), _Blanks(values))


class _Blanks(dict[str, str]):
    def __init__(self, values: Mapping[str, str]) -> None:
        super().__init__(values)

    def __missing__(self, key: str) -> str:
        return ""


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class Appointment:
    """A booked session or a group meeting, as the messages about it need it."""

    appointment_id: str
    starts_at: datetime
    """Aware; a group meeting has a day only, and starts at the start of its day here."""
    group: bool = False


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class Planned:
    """One message an appointment calls for: its kind, the hours before (reminders) and
    when it is due."""

    kind: str
    due_at: datetime
    hours_before: int = 0


def planned_messages(
    appointment: Appointment,
    reminder_hours: Sequence[int],
    now: datetime,
    *,
    invite: bool = True,
) -> list[Planned]:
    """The invitation (now) and each reminder still ahead; nothing for an appointment
    already begun. A group meeting, known by its day only, gets only reminders at least a
    day ahead (an hour-exact one would name a time nobody set), due at 9 in the morning."""
    if appointment.starts_at <= now:
        return []
    prefix = "group_" if appointment.group else ""
    planned = [Planned(kind=f"{prefix}invitation", due_at=now)] if invite else []
    for hours in sorted(set(reminder_hours), reverse=True):
        if appointment.group:
            if hours < 24:
                continue
            due = appointment.starts_at - timedelta(days=hours // 24) + timedelta(hours=9)
        else:
            due = appointment.starts_at - timedelta(hours=hours)
        if due > now:
            planned.append(Planned(kind=f"{prefix}reminder", due_at=due, hours_before=hours))
    return planned


BACKOFF_BASE_SECONDS: Final = 30
BACKOFF_CAP_SECONDS: Final = 3600
MAX_ATTEMPTS: Final = 12
"""Twelve attempts span about seven hours: an SMTP server down for a working morning."""


def retry_delay(attempts: int) -> timedelta:
    """The wait before the next attempt after ``attempts`` failures in a row: doubling
    from half a minute, at most an hour."""
    seconds = min(BACKOFF_CAP_SECONDS, BACKOFF_BASE_SECONDS * 2 ** max(0, min(attempts - 1, 20)))
    return timedelta(seconds=seconds)


def default_template(kind: str, channel: str, language: str) -> TemplateText:
    """The template a project uses until its manager saves one (version 0)."""
    subject, body = DEFAULTS[kind][channel][language]
    return TemplateText(subject=subject, body=body)


_FI_END = "\n\nYstävällisin terveisin\n{project}"
_SV_END = "\n\nMed vänliga hälsningar\n{project}"
_EN_END = "\n\nBest regards,\n{project}"

DEFAULTS: Final[Mapping[str, Mapping[str, Mapping[str, tuple[str, str]]]]] = {
    "invitation": {
        "email": {
            "fi": (
                "Tapaamisesi {date} klo {time}",
                "Hei!\n\nSinulle on varattu tapaaminen {date} klo {time} ({place}). "
                "Valmentajasi on {coach}.\n\nJos et pääse paikalle, ilmoitathan siitä "
                "valmentajallesi mahdollisimman pian." + _FI_END,
            ),
            "sv": (
                "Din tid {date} kl. {time}",
                "Hej!\n\nDu har fått en tid {date} kl. {time} ({place}). Din coach är "
                "{coach}.\n\nOm du inte kan komma, meddela din coach så snart som möjligt."
                + _SV_END,
            ),
            "en": (
                "Your appointment on {date} at {time}",
                "Hello,\n\nYou have an appointment on {date} at {time} ({place}). Your coach "
                "is {coach}.\n\nIf you cannot come, please let your coach know as soon as "
                "possible." + _EN_END,
            ),
        },
        "sms": {
            "fi": (
                "",
                "Sinulle on varattu tapaaminen {date} klo {time} ({place}), valmentajana "
                "{coach}. Jos et pääse, ilmoitathan valmentajallesi. {project}",
            ),
            "sv": (
                "",
                "Du har en tid {date} kl. {time} ({place}) hos {coach}. Meddela din coach "
                "om du inte kan komma. {project}",
            ),
            "en": (
                "",
                "You have an appointment on {date} at {time} ({place}) with {coach}. Please "
                "let your coach know if you cannot come. {project}",
            ),
        },
    },
    "reminder": {
        "email": {
            "fi": (
                "Muistutus: tapaaminen {date} klo {time}",
                "Hei!\n\nMuistutamme tapaamisestasi {date} klo {time} ({place}). "
                "Valmentajasi on {coach}.\n\nJos et pääse paikalle, ilmoitathan siitä "
                "valmentajallesi." + _FI_END,
            ),
            "sv": (
                "Påminnelse: din tid {date} kl. {time}",
                "Hej!\n\nVi påminner om din tid {date} kl. {time} ({place}). Din coach är "
                "{coach}.\n\nOm du inte kan komma, meddela din coach." + _SV_END,
            ),
            "en": (
                "Reminder: your appointment on {date} at {time}",
                "Hello,\n\nThis is a reminder of your appointment on {date} at {time} "
                "({place}). Your coach is {coach}.\n\nIf you cannot come, please let your "
                "coach know." + _EN_END,
            ),
        },
        "sms": {
            "fi": (
                "",
                "Muistutus: tapaaminen {date} klo {time} ({place}), valmentajana {coach}. "
                "{project}",
            ),
            "sv": ("", "Påminnelse: din tid {date} kl. {time} ({place}) hos {coach}. {project}"),
            "en": (
                "",
                "Reminder: your appointment on {date} at {time} ({place}) with {coach}. {project}",
            ),
        },
    },
    "group_invitation": {
        "email": {
            "fi": (
                "Ryhmätapaaminen {date}",
                "Hei!\n\nTervetuloa ryhmätapaamiseen {date}. Tapaamista ohjaa {coach}.\n\n"
                "Jos et pääse paikalle, ilmoitathan siitä ohjaajalle." + _FI_END,
            ),
            "sv": (
                "Gruppträff {date}",
                "Hej!\n\nVälkommen till gruppträffen {date}. Träffen leds av {coach}.\n\n"
                "Om du inte kan komma, meddela {coach}." + _SV_END,
            ),
            "en": (
                "Group meeting on {date}",
                "Hello,\n\nWelcome to the group meeting on {date}. The meeting is led by "
                "{coach}.\n\nIf you cannot come, please let {coach} know." + _EN_END,
            ),
        },
        "sms": {
            "fi": ("", "Tervetuloa ryhmätapaamiseen {date}. Tapaamista ohjaa {coach}. {project}"),
            "sv": ("", "Välkommen till gruppträffen {date}. Träffen leds av {coach}. {project}"),
            "en": ("", "Welcome to the group meeting on {date}, led by {coach}. {project}"),
        },
    },
    "group_reminder": {
        "email": {
            "fi": (
                "Muistutus: ryhmätapaaminen {date}",
                "Hei!\n\nMuistutamme ryhmätapaamisesta {date}. Tapaamista ohjaa {coach}.\n\n"
                "Jos et pääse paikalle, ilmoitathan siitä ohjaajalle." + _FI_END,
            ),
            "sv": (
                "Påminnelse: gruppträff {date}",
                "Hej!\n\nVi påminner om gruppträffen {date}. Träffen leds av {coach}.\n\n"
                "Om du inte kan komma, meddela {coach}." + _SV_END,
            ),
            "en": (
                "Reminder: group meeting on {date}",
                "Hello,\n\nThis is a reminder of the group meeting on {date}, led by "
                "{coach}.\n\nIf you cannot come, please let {coach} know." + _EN_END,
            ),
        },
        "sms": {
            "fi": ("", "Muistutus: ryhmätapaaminen {date}, ohjaajana {coach}. {project}"),
            "sv": ("", "Påminnelse: gruppträffen {date}, som leds av {coach}. {project}"),
            "en": ("", "Reminder: group meeting on {date}, led by {coach}. {project}"),
        },
    },
    "no_show": {
        "email": {
            "fi": (
                "Tapaamisesi {date}",
                "Hei!\n\nEmme tavanneet sovitussa tapaamisessa {date}. Ei hätää – voit sopia "
                "uuden ajan ottamalla yhteyttä valmentajaasi ({coach})." + _FI_END,
            ),
            "sv": (
                "Din tid {date}",
                "Hej!\n\nVi träffades inte på den överenskomna tiden {date}. Det gör "
                "ingenting – du kan boka en ny tid genom att kontakta din coach ({coach})."
                + _SV_END,
            ),
            "en": (
                "Your appointment on {date}",
                "Hello,\n\nWe did not meet at your appointment on {date}. That is all right "
                "– you can book a new time by contacting your coach ({coach})." + _EN_END,
            ),
        },
        "sms": {
            "fi": (
                "",
                "Emme tavanneet sovitussa tapaamisessa {date}. Voit sopia uuden ajan "
                "ottamalla yhteyttä valmentajaasi ({coach}). {project}",
            ),
            "sv": (
                "",
                "Vi träffades inte på den överenskomna tiden {date}. Du kan boka en ny tid "
                "hos din coach ({coach}). {project}",
            ),
            "en": (
                "",
                "We did not meet at your appointment on {date}. You can book a new time "
                "with your coach ({coach}). {project}",
            ),
        },
    },
    "link": {
        "email": {
            "fi": (
                "Lomake täytettäväksi",
                "Hei!\n\nPyydämme sinua täyttämään lomakkeen tämän linkin kautta:\n{url}\n\n"
                "Linkki on henkilökohtainen ja voimassa rajoitetun ajan. Älä välitä sitä "
                "eteenpäin." + _FI_END,
            ),
            "sv": (
                "Ett formulär att fylla i",
                "Hej!\n\nVi ber dig fylla i ett formulär via den här länken:\n{url}\n\n"
                "Länken är personlig och gäller en begränsad tid. Skicka den inte vidare."
                + _SV_END,
            ),
            "en": (
                "A form to fill in",
                "Hello,\n\nPlease fill in a form through this link:\n{url}\n\nThe link is "
                "personal and valid for a limited time. Please do not pass it on." + _EN_END,
            ),
        },
        "sms": {
            "fi": (
                "",
                "Pyydämme sinua täyttämään lomakkeen: {url} Linkki on henkilökohtainen ja "
                "voimassa rajoitetun ajan. {project}",
            ),
            "sv": (
                "",
                "Vi ber dig fylla i ett formulär: {url} Länken är personlig och gäller en "
                "begränsad tid. {project}",
            ),
            "en": (
                "",
                "Please fill in a form: {url} The link is personal and valid for a limited "
                "time. {project}",
            ),
        },
    },
}
"""Each kind's default text per channel and language: (subject, body)."""
