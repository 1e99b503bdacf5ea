"""The pure rules of messages to clients: which messages an appointment calls for and
when, what a template may say, the default wording in three languages, the retry waits."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from services.intake.domain.errors import DomainError
from services.intake.domain.messages import (
    CHANNELS,
    KINDS,
    LANGUAGES,
    MAX_SMS,
    PLACEHOLDERS,
    Appointment,
    SaveTemplate,
    SetReminderHours,
    check_reminder_hours,
    check_template,
    default_template,
    planned_messages,
    render,
    retry_delay,
)

HELSINKI = ZoneInfo("Europe/Helsinki")
NOW = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)


def test_a_session_gets_an_invitation_now_and_each_reminder_still_ahead() -> None:
    starts = datetime(2026, 12, 4, 10, 0, tzinfo=HELSINKI)
    planned = planned_messages(Appointment(appointment_id="s", starts_at=starts), (48, 2), NOW)
    assert [(p.kind, p.due_at, p.hours_before) for p in planned] == [
        ("invitation", NOW, 0),
        ("reminder", starts - timedelta(hours=48), 48),
        ("reminder", starts - timedelta(hours=2), 2),
    ]
    soon = datetime(2026, 12, 2, 12, 0, tzinfo=HELSINKI)  # within two days: no 48 h reminder
    assert [p.hours_before for p in planned_messages(
        Appointment(appointment_id="s", starts_at=soon), (48, 2), NOW
    )] == [0, 2]  # fmt: skip
    past = datetime(2026, 11, 30, 10, 0, tzinfo=HELSINKI)
    assert planned_messages(Appointment(appointment_id="s", starts_at=past), (48, 2), NOW) == []


def test_a_group_meeting_known_by_its_day_gets_day_reminders_at_nine_only() -> None:
    day = datetime(2026, 12, 5, 0, 0, tzinfo=HELSINKI)
    planned = planned_messages(
        Appointment(appointment_id="m", starts_at=day, group=True), (48, 2), NOW
    )
    assert [p.kind for p in planned] == ["group_invitation", "group_reminder"]
    assert planned[1].due_at == datetime(2026, 12, 3, 9, 0, tzinfo=HELSINKI)


def test_every_default_template_is_valid_and_fills_in_every_blank() -> None:
    values = {name: f"<{name}>" for names in PLACEHOLDERS.values() for name in names}
    for kind in KINDS:
        for channel in CHANNELS:
            bodies = set()
            for language in LANGUAGES:
                text = default_template(kind, channel, language)
                checked = check_template(
                    SaveTemplate(kind=kind, channel=channel, language=language,
                                 subject=text.subject, body=text.body)
                )  # fmt: skip
                rendered = render(checked.body, values)
                assert "{" not in rendered, (kind, channel, language)
                if channel == "sms":
                    assert len(rendered) <= MAX_SMS
                bodies.add(rendered)
            assert len(bodies) == 3  # three languages, three wordings


def test_a_template_may_not_name_the_identity_code_or_any_unknown_blank() -> None:
    for body in ("Tunnus {identity_code}", "Hei {first_name}", "Auki {date"):
        with pytest.raises(DomainError) as refused:
            check_template(SaveTemplate(kind="reminder", channel="sms", language="fi",
                                        subject="", body=body))  # fmt: skip
        assert refused.value.field == "body"
    with pytest.raises(DomainError) as refused:
        check_template(SaveTemplate(kind="link", channel="email", language="sv",
                                    subject="{time}", body="{url}"))  # fmt: skip
    assert refused.value.field == "subject"  # a link message knows no time
    with pytest.raises(DomainError):
        check_template(SaveTemplate(kind="reminder", channel="sms", language="fi",
                                    subject="", body="x" * (MAX_SMS + 1)))  # fmt: skip


def test_reminder_hours_are_distinct_latest_first_and_bounded() -> None:
    assert check_reminder_hours(SetReminderHours(hours=(2, 48, 2))) == (48, 2)
    assert check_reminder_hours(SetReminderHours(hours=())) == ()
    for bad in ((0,), (24 * 15,), (1, 2, 3, 4, 5)):
        with pytest.raises(DomainError):
            check_reminder_hours(SetReminderHours(hours=bad))


def test_retries_wait_longer_each_time_up_to_an_hour() -> None:
    waits = [retry_delay(n).total_seconds() for n in range(1, 10)]
    assert waits[:4] == [30, 60, 120, 240]
    assert waits == sorted(waits) and max(waits) == 3600
