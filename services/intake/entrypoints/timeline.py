"""The client's timeline as a coach reads it: what happened, when, by whom, and where.

Entrypoint layer. Each event on the timeline (intake's own, and coaching's and
matching's through their public events) becomes an entry in the reader's language: the
day (and time) the thing happened, what it was, its classifications (never free text
about the person, which no event carries), a link to the record where the record has a
page, and who recorded it. A correction says which start data changed, from what to what.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any

from services.intake.entrypoints import labels
from services.intake.entrypoints.document_view import KIND_LABELS
from services.intake.service_layer.directory import TimelineEntry
from shared.web.i18n import N_
from shared.web.pages import format_clock, format_day

Options = tuple[tuple[str, str], ...]


@dataclasses.dataclass(frozen=True, slots=True)
class Detail:
    """One thing an entry tells from its event's payload."""

    key: str
    kind: str = "choice"
    """``choice`` (one of ``options``), ``choices``, ``date``, ``minutes``, ``day``,
    ``days``, ``text`` (the words of a reason in an event of version 1), ``reason`` (a
    reason code with the words kept under the event's ``reason_id``), ``coach`` (a
    user's name) or ``flag``."""
    options: Options = ()
    label: str | None = None
    """Said before the value ("Target date: …"); for a ``flag``, what is said when set."""


@dataclasses.dataclass(frozen=True, slots=True)
class EventView:
    title: str
    link: str | None = None
    """The record's page, with the payload's ids: ``coaching/sessions/{session_id}``."""
    details: tuple[Detail, ...] = ()


SESSION = "coaching/sessions/{session_id}"
PROGRAMME = "coaching/programmes/{programme_id}"
PLAN = "coaching/clients/{client_id}"
IN_WORK = "coaching/in-work/{plan_id}"
REFERRAL = "matching/referrals/{referral_id}"
SESSION_DETAILS = (
    Detail("kind", options=labels.SESSION_KINDS),
    Detail("mode", options=labels.SESSION_MODES),
    Detail("duration_minutes", "minutes"),
)
DOCUMENT_KINDS = tuple(KIND_LABELS.items())
CONTACT_FIELDS = (
    ("phone", N_("Phone")),
    ("email", N_("E-mail")),
    ("address", N_("Postal address")),
    ("language", N_("Language of service")),
)
"""The contact details an event says changed, as the timeline names them."""
REASON_DETAILS = (Detail("reason_code", "reason", labels.REASON_CODES, N_("Reason")),)
"""A reason as version 2 of an event gives it: the code, and the words kept by id."""
DESTINATION_DETAILS = (
    Detail("employment_type", options=labels.EMPLOYMENT_TYPES),
    Detail("referral_kind", options=labels.REFERRAL_KINDS),
    Detail("intermediate_kind", options=labels.INTERMEDIATE_KINDS),
)
"""The details of a situation after leaving, at the exit, upon leaving or at a follow-up."""
GOAL_DETAILS = (
    Detail("area", options=labels.GOAL_AREAS),
    Detail("target_date", "date", label=N_("Target date")),
)
"""A goal as a plan sets it and as in-work coaching agrees it: the same two details."""

VIEWS: dict[str, EventView] = {
    "intake.client_enrolled": EventView(
        N_("Enrolled"),
        details=(
            Detail("entry_route", options=labels.ENTRY_ROUTES, label=N_("How the client came")),
            Detail("coach_id", "coach", label=N_("Coach")),
        ),
    ),
    "intake.target_group_rule_overridden": EventView(
        N_("Enrolled outside the target group"),
        details=(
            *REASON_DETAILS,
            Detail("reason", "text"),
            Detail("approved_by", "coach", label=N_("Approved by")),
        ),
    ),
    "intake.client_re_entered": EventView(N_("Returned to the project")),
    "intake.start_data_corrected": EventView(
        N_("Start data corrected"),
        details=(*REASON_DETAILS, Detail("reason", "text", label=N_("Reason"))),
    ),
    "intake.coach_assigned": EventView(N_("Coach changed")),
    "intake.client_exited": EventView(
        N_("Participation ended"),
        details=(
            Detail("exit_status", options=labels.EXIT_STATUSES, label=N_("Situation at exit")),
            *DESTINATION_DETAILS,
        ),
    ),
    "intake.status_upon_leaving_recorded": EventView(
        N_("Situation upon leaving recorded"),
        details=(
            Detail("exit_status", options=labels.EXIT_STATUSES, label=N_("Situation at exit")),
            *DESTINATION_DETAILS,
            Detail("previous_status", options=labels.EXIT_STATUSES, label=N_("Before")),
            Detail("source", options=labels.FOLLOW_UP_SOURCES, label=N_("Source")),
        ),
    ),
    "intake.follow_up_recorded": EventView(
        N_("Follow-up after leaving"),
        details=(
            Detail("exit_status", options=labels.EXIT_STATUSES, label=N_("Situation")),
            *DESTINATION_DETAILS,
            Detail("improvement", options=labels.IMPROVEMENTS),
            Detail("source", options=labels.FOLLOW_UP_SOURCES, label=N_("Source")),
        ),
    ),
    "intake.document_added": EventView(
        N_("Document added"), details=(Detail("kind", options=DOCUMENT_KINDS),)
    ),
    "intake.document_removed": EventView(
        N_("Document removed"), details=(Detail("kind", options=DOCUMENT_KINDS),)
    ),
    "intake.contact_details_changed": EventView(
        N_("Contact details changed"),
        details=(Detail("changed_fields", "choices", CONTACT_FIELDS, N_("Changed")),),
    ),
    "intake.processing_restricted": EventView(N_("Erasure request recorded: data restricted")),
    "intake.processing_restriction_lifted": EventView(N_("Restriction lifted")),
    "coaching.session_booked": EventView(N_("Session booked"), SESSION, SESSION_DETAILS),
    "coaching.session_held": EventView(
        N_("Coaching session"),
        SESSION,
        (*SESSION_DETAILS, Detail("topics", "choices", labels.SESSION_TOPICS, N_("Topics"))),
    ),
    "coaching.session_cancelled": EventView(
        N_("Session cancelled"), SESSION, (Detail("reason", options=labels.CANCEL_REASONS),)
    ),
    "coaching.client_joined_programme": EventView(N_("Joined a group programme"), PROGRAMME),
    "coaching.attendance_recorded": EventView(
        N_("Group meeting"),
        PROGRAMME + "/meetings/{meeting_id}",
        (
            Detail("attendance", options=labels.ATTENDANCE),
            Detail("duration_minutes", "minutes"),
            Detail("correction", "flag", label=N_("Corrected")),
        ),
    ),
    "coaching.course_enrolled": EventView(
        N_("Enrolled in an online course"),
        "coaching/courses/{course_id}",
        (Detail("days", "days"),),
    ),
    "coaching.course_day_completed": EventView(
        N_("Online course day completed"), "coaching/courses/{course_id}", (Detail("day", "day"),)
    ),
    "coaching.course_completed": EventView(
        N_("Online course completed"), "coaching/courses/{course_id}"
    ),
    "coaching.goal_set": EventView(
        N_("Goal set"),
        PLAN,
        GOAL_DETAILS,
    ),
    "coaching.goal_reviewed": EventView(
        N_("Goal reviewed"), PLAN, (Detail("outcome", options=labels.GOAL_OUTCOMES),)
    ),
    "coaching.pre_coaching_completed": EventView(
        N_("Pre-coaching completed"),
        PLAN,
        (
            Detail("motivation", options=labels.LEVELS, label=N_("Motivation")),
            Detail("support_need", options=labels.LEVELS, label=N_("Need of support")),
            Detail("skills_mapped", "flag", label=N_("Skills mapped")),
            Detail("cv_done", "flag", label=N_("CV done")),
        ),
    ),
    "coaching.in_work_coaching_started": EventView(N_("In-work coaching started"), IN_WORK),
    "coaching.in_work_goal_agreed": EventView(
        N_("In-work coaching goal agreed"),
        IN_WORK,
        GOAL_DETAILS,
    ),
    "coaching.in_work_progress_reviewed": EventView(
        N_("In-work coaching reviewed"), IN_WORK, (Detail("progress", options=labels.PROGRESS),)
    ),
    "coaching.work_demonstration_recorded": EventView(
        N_("Work demonstration"),
        IN_WORK,
        (Detail("result", options=labels.DEMONSTRATION_RESULTS),),
    ),
    "coaching.in_work_coaching_ended": EventView(
        N_("In-work coaching ended"), IN_WORK, (Detail("follow_on", options=labels.FOLLOW_ONS),)
    ),
    "matching.job_profile_updated": EventView(
        N_("Job-search profile updated"), "matching/clients/{client_id}"
    ),
    "matching.client_referred": EventView(N_("Proposed for a job"), REFERRAL),
    "matching.referral_answered": EventView(
        N_("Employer answered a proposal"),
        REFERRAL,
        (
            Detail("answer", options=labels.REFERRAL_ANSWERS),
            Detail("reason", options=labels.ANSWER_REASONS),
        ),
    ),
    "matching.placement_started": EventView(
        N_("Started work"),
        "matching/companies/{company_id}",
        (
            Detail("placement_type", options=labels.PLACEMENT_TYPES),
            Detail("ends_on", "date", label=N_("Ends on")),
        ),
    ),
}
"""How each event about a client reads on the timeline, by wire name."""


@dataclasses.dataclass(frozen=True, slots=True)
class TimelineItem:
    """One entry as the page shows it, already in the reader's language."""

    day: date
    when: str
    title: str
    link: str | None
    details: tuple[str, ...]
    changes: tuple[str, ...]
    recorded_by: str


@dataclasses.dataclass(frozen=True, slots=True)
class Reader:
    """What an entry is written for: the language, its translations, the project, and
    the names of the users the events name (by user id)."""

    language: str
    gettext: Callable[[str], str]
    ngettext: Callable[[str, str, int], str]
    project_id: str
    names: Mapping[str, str]
    reasons: Mapping[str, str] = dataclasses.field(default_factory=dict)
    """The words of the reasons the events name by ``reason_id`` (kept in intake's store;
    an erased person's are gone)."""


def timeline_items(entries: Sequence[TimelineEntry], reader: Reader) -> list[TimelineItem]:
    """The entries newest first, each written out for ``reader``."""
    changes = _corrections(entries, reader)
    items = [_item(entry, reader, changes.get(entry.event_id, ())) for entry in entries]
    return items[::-1]


def _item(entry: TimelineEntry, reader: Reader, changes: tuple[str, ...]) -> TimelineItem:
    tr, payload = reader.gettext, entry.payload
    view = VIEWS.get(entry.event_type)
    when = format_day(entry.happened_on, language=reader.language)
    if entry.happened_at is not None:
        when = tr(N_("%(date)s at %(time)s")) % {
            "date": when,
            "time": format_clock(entry.happened_at, language=reader.language),
        }
    if view is None:
        section = dict(labels.SOURCES).get(entry.source, N_("Clients"))
        title, link = tr(N_("Other entry (%(section)s)")) % {"section": tr(section)}, None
        details: tuple[str, ...] = ()
    else:
        title, link = tr(view.title), _link(view.link, payload, reader.project_id)
        details = tuple(filter(None, (_detail(d, payload, reader) for d in view.details)))
    if entry.event_type == "intake.coach_assigned":
        details = (_coach_change(payload, reader),)
    name = reader.names.get(entry.actor)
    recorded_by = tr(N_("Recorded by %(name)s")) % {"name": name} if name else ""
    return TimelineItem(entry.happened_on, when, title, link, details, changes, recorded_by)


def _link(pattern: str | None, payload: Mapping[str, Any], project_id: str) -> str | None:
    """The record's page, when the event names every id the page needs."""
    if pattern is None:
        return None
    try:
        return f"/p/{project_id}/" + pattern.format(**{k: str(v) for k, v in payload.items()})
    except (KeyError, IndexError):
        return None


def _detail(detail: Detail, payload: Mapping[str, Any], reader: Reader) -> str:
    """The detail in words, or "" when the event does not have it (or has it unset)."""
    tr, value = reader.gettext, payload.get(detail.key)
    if value is None or value == "" or value == []:
        return ""
    if detail.kind == "reason":
        return _reason(detail, str(value), reader.reasons.get(str(payload.get("reason_id"))), tr)
    text = _value(detail, value, reader)
    if not text or detail.kind == "flag":
        return text
    return f"{tr(detail.label)}: {text}" if detail.label else text


def _value(detail: Detail, value: Any, reader: Reader) -> str:
    tr = reader.gettext
    if detail.kind == "choice":
        return _option(detail.options, value, tr)
    if detail.kind == "choices":
        return ", ".join(filter(None, (_option(detail.options, v, tr) for v in value)))
    if detail.kind == "date":
        return format_day(str(value), language=reader.language)
    if detail.kind == "minutes":
        return tr(N_("%(minutes)s min")) % {"minutes": value}
    if detail.kind == "day":
        return tr(N_("Day %(day)s")) % {"day": value}
    if detail.kind == "days":
        return reader.ngettext("%(num)s day", "%(num)s days", int(value)) % {"num": value}
    if detail.kind == "coach":
        return str(reader.names.get(str(value), ""))
    if detail.kind == "flag":
        return tr(detail.label) if value is True and detail.label else ""
    return str(value)  # ``text``: intake's own reasons, which it checks for personal data


def _reason(detail: Detail, code: str, words: str | None, tr: Callable[[str], str]) -> str:
    """Says "Reason: the words" for the code ``other``; else the code's label, then the words
    if any were kept (an erased person's are gone, and the code alone is left)."""
    said = words if code == "other" and words else _option(detail.options, code, tr)
    if words and said != words:
        said = tr(N_("%(reason)s – %(words)s")) % {"reason": said, "words": words}
    return f"{tr(detail.label)}: {said}" if detail.label and said else said


def _option(options: Options, value: Any, tr: Callable[[str], str]) -> str:
    """The option's label; a value this page does not know is left out, never shown raw."""
    return next((tr(label) for code, label in options if code == value), "")


def _coach_change(payload: Mapping[str, Any], reader: Reader) -> str:
    names, tr = reader.names, reader.gettext
    before = names.get(str(payload.get("previous_coach_id")), tr(N_("not known")))
    after = names.get(str(payload.get("coach_id")), tr(N_("not known")))
    return tr(N_("From %(before)s to %(after)s")) % {"before": before, "after": after}


def _corrections(entries: Sequence[TimelineEntry], reader: Reader) -> dict[str, tuple[str, ...]]:
    """Each correction's changes, against the start data recorded before it."""
    found: dict[str, tuple[str, ...]] = {}
    current: Mapping[str, Any] = {}
    for entry in sorted(entries, key=lambda e: e.occurred_at):
        start = entry.payload.get("start_data")
        if not isinstance(start, Mapping):
            continue
        if entry.event_type == "intake.start_data_corrected":
            fields = entry.payload.get("changed_fields") or ()
            found[entry.event_id] = tuple(_change(f, current, start, reader) for f in fields)
        current = start
    return found


def _change(field: str, before: Mapping[str, Any], after: Mapping[str, Any], reader: Reader) -> str:
    tr = reader.gettext
    label, old = _start_value(field, before, reader)
    _label, new = _start_value(field, after, reader)
    return tr(N_("%(field)s: before %(before)s, now %(after)s")) % {
        "field": label,
        "before": old or tr(N_("not given")),
        "after": new or tr(N_("not given")),
    }


def _start_value(field: str, start: Mapping[str, Any], reader: Reader) -> tuple[str, str]:
    """A start-data field's label and its value in words (``sensitive.x`` for answers)."""
    tr = reader.gettext
    if field.startswith("sensitive."):
        name = field.removeprefix("sensitive.")
        answer = (start.get("sensitive") or {}).get(name)
        label = dict(labels.SENSITIVE_QUESTIONS).get(name, N_("Sensitive question"))
        return tr(label), _option(labels.SENSITIVE_ANSWERS, answer, tr)
    value = start.get(field)
    label = tr(dict(labels.START_DATA_FIELDS).get(field, N_("Start data")))
    options: dict[str, Options] = {
        "gender": labels.GENDERS,
        "education": labels.EDUCATION,
        "labour_market_status": labels.LABOUR_MARKET_STATUSES,
    }
    if value is None or value == "":
        return label, ""
    if field in options:
        return label, _option(options[field], value, tr)
    if field == "unemployed_since":
        return label, format_day(str(value), language=reader.language)
    return label, str(value)
