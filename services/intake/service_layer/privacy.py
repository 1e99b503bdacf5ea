"""Erasure, retention and a person's own copy (service layer).

- Erasure (GDPR Art. 17; ``ErasePerson``, ``duuni privacy erase``): the person's key and
  readable rows are deleted; the events stay, so the figures and both verifications
  are unchanged. Only a data-protection role may erase: here the project's auditor or an
  administrator, as the deployment has no role of its own for it.
- Retention: the day a project's personal data may be kept until follows from the
  project's end and its rule (``domain.privacy``); ``sweep`` erases everyone of the
  projects whose day has passed.
- A person's own copy (Art. 15): everything intake holds about them, including who
  accessed their data, as one plain structure that the edges write as JSON and HTML.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from enum import Enum
from typing import TYPE_CHECKING, Any, Protocol

from services.intake.domain.errors import DomainError
from services.intake.domain.events import PersonErased
from services.intake.domain.privacy import (
    ERASURE_BASES,
    ErasePerson,
    RetentionRule,
    SetRetentionRule,
    checked_rule,
    retention_end,
)
from services.intake.service_layer.access_log import (
    EXPORT,
    Access,
    AccessLog,
    AccessQuery,
)
from services.intake.service_layer.consent import consents_of
from services.intake.service_layer.directory import Directory, TimelineEntry
from services.intake.service_layer.documents import Documents
from services.intake.service_layer.enrolment import PROJECT, PersonalData
from services.intake.service_layer.reasons import KeptReasons
from services.intake.service_layer.views import IntakeViews
from shared.eventlog.aggregates import Aggregate, AggregateStreams
from shared.events.envelope import Context
from shared.messagebus import Accepted, CommandContext, MessageBus
from shared.web.principal import AUDITOR

if TYPE_CHECKING:
    from services.intake.service_layer.dependencies import IntakeDeps

SWEEP_ACTOR = "system:retention"
ERASURE: Aggregate[PersonErased] = Aggregate("erasure", lambda _state, event: event)
"""A person's erasure, on a stream of its own (``erasure-<client>``)."""


class RetentionRules(Protocol):
    def rule_of(self, project_id: str) -> RetentionRule: ...

    def set_rule(self, project_id: str, rule: RetentionRule) -> None: ...


def may_protect(context: CommandContext) -> bool:
    """The data-protection role: the project's auditor or an administrator."""
    return context.is_admin or AUDITOR in context.roles


def erase_person(deps: IntakeDeps, command: ErasePerson, context: CommandContext) -> Accepted:
    """Erase a client's personal data (the bus logs the erasure with its basis).

    Refused: not the data-protection role (``forbidden``), an unknown basis
    (``invalid_erasure_basis``), another project's client or one already erased
    (``client_not_found``).
    """
    if not may_protect(context):
        raise DomainError("forbidden")
    if command.basis not in ERASURE_BASES:
        raise DomainError("invalid_erasure_basis", field="basis")
    if not deps.people.erase(context.project_id, command.client_id):
        raise DomainError("client_not_found")
    record_erasure(deps.streams, command.client_id, command.basis, context.event_context(),
                   deps.today())  # fmt: skip
    return Accepted(id=command.client_id)


def set_retention_rule(
    deps: IntakeDeps, command: SetRetentionRule, context: CommandContext
) -> Accepted:
    """Set how long the project's personal data is kept: an administrator's decision, as
    the funding decision names it.

    Refused: not an administrator (``admin_required``), years outside 0 … 100
    (``invalid_retention_years``), no such project (``project_not_found``).
    """
    if not context.is_admin:
        raise DomainError("admin_required")
    rule = checked_rule(command)
    if deps.retention is None or deps.streams.load(PROJECT, context.project_id).state is None:
        raise DomainError("project_not_found")
    deps.retention.set_rule(context.project_id, rule)
    return Accepted(id=context.project_id)


def record_erasure(
    streams: AggregateStreams, client_id: str, basis: str, context: Context, on: date
) -> None:
    """Tell every service that the person was erased (``intake.person_erased``, on a
    stream of its own): each erases its own words about them. Appended after intake's
    erasure, which comes first: the person must be unreadable here whatever follows."""
    version = streams.load(ERASURE, client_id).version
    erased = PersonErased(
        client_id=client_id, project_id=context.project_id, basis=basis, erased_on=on
    )
    streams.append(ERASURE, client_id, version, [erased], context)


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class Due:
    """A person whose project's retention has ended."""

    project_id: str
    client_id: str
    kept_until: date


@dataclasses.dataclass(frozen=True, slots=True)
class Privacy:
    """What the privacy pages and ``duuni privacy`` work with."""

    people: PersonalData
    access: AccessLog
    retention: RetentionRules
    views: IntakeViews
    directory: Directory
    documents: Documents | None = None
    """Listed in a person's own copy (their names and kinds, not their content)."""
    reasons: KeptReasons | None = None
    """The words of the reasons their events name by id, in a person's own copy."""
    reason_label: Callable[[str, str], str] = lambda code, _language: code
    """(reason code, language) → the code's label in that language (the edge's words)."""

    def kept_until(self, project_id: str) -> date | None:
        """The last day the project's personal data is kept; None for no such project."""
        project = self.views.project(project_id)
        if project is None:
            return None
        return retention_end(project.plan.ends_on, self.retention.rule_of(project_id))

    def due(self, today: date) -> list[Due]:
        """Everyone whose project's retention ended before ``today``."""
        found = []
        for row in self.directory.projects():
            until = self.kept_until(row.project_id)
            if until is not None and until < today:
                found += [
                    Due(project_id=row.project_id, client_id=client_id, kept_until=until)
                    for client_id in self.people.client_ids(row.project_id)
                ]
        return found

    def own_copy(self, project_id: str, client_id: str, *, log: Access | None) -> dict[str, Any]:
        """Everything intake holds about the client (Art. 15), as JSON-ready values.

        ``log``: the export itself, logged before the copy is made so that the copy
        lists it too. Refused ``client_not_found`` for another project's or none."""
        view = self.views.client(project_id, client_id)
        if log is not None:
            self.access.record([dataclasses.replace(log, action=EXPORT)])
        accesses = self.access.latest(
            AccessQuery(project_id=project_id, client_id=client_id, limit=100_000)
        )
        reveals = self.people.reveals_of(project_id, client_id)
        timeline = self.directory.timeline(project_id, client_id)
        person = dataclasses.asdict(view.person)
        copy: dict[str, Any] = plain(
            {
                "made_at": datetime.now(UTC),
                "controller": {"project_id": project_id, "kept_until": self.kept_until(project_id)},
                "person": person,
                "participation": dataclasses.asdict(view.client),
                "events": [
                    {
                        "source": e.source,
                        "event_type": e.event_type,
                        "happened_on": e.happened_on,
                        "recorded_at": e.occurred_at,
                        "by": e.actor,
                        "data": e.payload,
                    }
                    for e in timeline
                ],
                "consents": list(consents_of(self.views.streams, client_id).purposes.values()),
                "documents": [
                    {
                        "kind": d.kind,
                        "file_name": d.file_name,
                        "media_type": d.media_type,
                        "size": d.size,
                        "added_at": d.added_at,
                    }
                    for d in (
                        self.documents.of_client(project_id, client_id) if self.documents else []
                    )
                ],
                "reasons": self._reasons(project_id, timeline, str(person.get("language"))),
                "identity_code_reveals": [
                    {"when": r.revealed_at, "by": r.user_id, "reason": r.reason} for r in reveals
                ],
                "access_log": [
                    {
                        "when": a.at,
                        "by": a.user_id,
                        "action": a.action,
                        "purpose": a.purpose,
                        "from": a.address,
                        "channel": a.channel,
                    }
                    for a in sorted(accesses, key=lambda a: a.seq)
                ],
            }
        )
        return copy

    def _reasons(
        self, project_id: str, timeline: Sequence[TimelineEntry], language: str
    ) -> list[dict[str, Any]]:
        """Why the person's record was changed or an exception made: each event's reason
        code with its label in ``language`` and the words kept (sealed) under its id;
        words erased or never written leave the code and an empty text."""
        named = [e for e in timeline if isinstance(e.payload.get("reason_id"), str)]
        ids = [str(e.payload["reason_id"]) for e in named]
        words = self.reasons.texts(project_id, ids) if self.reasons is not None else {}
        return [
            {
                "on": e.happened_on,
                "recorded_at": e.occurred_at,
                "event_type": e.event_type,
                "code": str(e.payload.get("reason_code", "other")),
                "label": self.reason_label(str(e.payload.get("reason_code", "other")), language),
                "words": words.get(str(e.payload["reason_id"]), ""),
            }
            for e in named
        ]


def plain(value: Any) -> Any:
    """``value`` with dates as ISO text, enums as their values, sets as sorted lists."""
    converters: dict[type, Callable[[Any], Any]] = {
        dict: lambda v: {str(k): plain(x) for k, x in v.items()},
        list: lambda v: [plain(x) for x in v],
        tuple: lambda v: [plain(x) for x in v],
        frozenset: lambda v: sorted(plain(x) for x in v),
        set: lambda v: sorted(plain(x) for x in v),
    }
    for kind, convert in converters.items():
        if isinstance(value, kind):
            return convert(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return plain(dataclasses.asdict(value))
    return value


def retention_sweep(bus: MessageBus, privacy: Privacy, today: date, *, dry_run: bool) -> list[Due]:
    """Erase (or, in a dry run, only list) everyone whose project's retention has ended
    on ``today``: each through the bus, as the retention itself (``SWEEP_ACTOR``)."""
    due = privacy.due(today)
    if not dry_run:
        for person in due:
            command = ErasePerson(client_id=person.client_id, basis="retention_ended")
            bus.handle(command, CommandContext.operator(SWEEP_ACTOR, person.project_id))
    return due
