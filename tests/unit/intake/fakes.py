"""Intake's service layer on fakes: the in-memory log, a dict of people, a staff list."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any

from services.intake.domain.contracts import intake_contracts
from services.intake.domain.enrolment import EnrolPerson
from services.intake.domain.esf import EntryRoute
from services.intake.domain.events import ProjectPlan
from services.intake.domain.project import RegisterProject
from services.intake.domain.target_group import TargetGroupRule
from services.intake.service_layer.dependencies import IntakeDeps
from services.intake.service_layer.enrolment import Person
from services.intake.service_layer.handlers import COMMAND_HANDLERS
from shared.eventlog.aggregates import AggregateStreams
from shared.eventlog.memory import InMemoryEventLog
from shared.messagebus import CommandContext, MessageBus, bind
from tests.unit.intake.builders import start_data

PROJECT = "S21048"


class People:
    """The personal-data store as a dict: one person per client."""

    def __init__(self) -> None:
        self.people: dict[str, Person] = {}
        self.submissions: dict[str, str] = {}

    def save(self, person: Person, *, submission_id: str | None = None, new: bool = False) -> None:
        assert not new or person.client_id not in self.people, "a new client is held already"
        self.people[person.client_id] = person
        if submission_id:
            self.submissions[submission_id] = person.client_id

    def save_many(self, people: Sequence[Person]) -> None:
        for person in people:
            self.save(person)

    def get(self, project_id: str, client_id: str) -> Person | None:
        person = self.people.get(client_id)
        return person if person is not None and person.project_id == project_id else None

    def client_with_identity_code(self, project_id: str, identity_code: str) -> str | None:
        return next(
            (
                p.client_id
                for p in self.people.values()
                if p.project_id == project_id and p.identity_code == identity_code
            ),
            None,
        )

    def client_of_submission(self, submission_id: str) -> str | None:
        return self.submissions.get(submission_id)

    def forget(self, project_id: str, client_id: str) -> None:
        if self.get(project_id, client_id) is not None:
            del self.people[client_id]
        self.submissions = {s: c for s, c in self.submissions.items() if c != client_id}


class Reasons:
    """The words of reasons as a dict by id: (project, client, words)."""

    def __init__(self) -> None:
        self.kept: dict[str, tuple[str, str | None, str]] = {}

    def keep(self, reason_id: str, text: str, *, project_id: str, client_id: str | None,
             author: str) -> None:  # fmt: skip
        self.kept[reason_id] = (project_id, client_id, text)

    def texts(self, project_id: str, reason_ids: list[str]) -> dict[str, str]:
        return {r: self.kept[r][2] for r in reason_ids if self.kept.get(r, ("",))[0] == project_id}


@dataclasses.dataclass
class Staff:
    """(project, role) → the members holding it, as (user id, display name)."""

    roles: dict[tuple[str, str], list[str]]

    def members_of(self, project_id: str, role: str | None = None) -> list[tuple[str, str]]:
        found = [
            user
            for (project, held), users in self.roles.items()
            if project == project_id and role in (None, held)
            for user in users
        ]
        return [(user, user.title()) for user in dict.fromkeys(found)]


@dataclasses.dataclass
class Intake:
    bus: MessageBus
    log: InMemoryEventLog
    people: People
    reasons: Reasons = dataclasses.field(default_factory=Reasons)

    def types(self) -> list[str]:
        """The event types of the clients' streams, in order."""
        return [e.event_type for e in self.log.read_all() if e.stream_id.startswith("client-")]


def an_intake(staff: dict[tuple[str, str], list[str]]) -> Intake:
    """Intake's bus with project S21048 (age 50 and over) registered."""
    log = InMemoryEventLog()
    people = People()
    streams = AggregateStreams(log, intake_contracts(), "intake")
    reasons = Reasons()
    deps = IntakeDeps(streams=streams, people=people, members=Staff(staff), reasons=reasons)
    bus = MessageBus(bind(COMMAND_HANDLERS, deps))
    plan = ProjectPlan(
        name="DuuniAgentti",
        municipalities=("Lohja",),
        starts_on=date(2017, 8, 1),
        ends_on=date(2029, 7, 31),
        target_group=TargetGroupRule(min_age=50),
        planned_participants=500,
        planned_companies=220,
    )
    bus.handle(RegisterProject(project_id=PROJECT, plan=plan), as_("admin", "admin"))
    return Intake(bus, log, people, reasons)


def as_(
    actor: str, *roles: str, project_id: str = PROJECT, sid: str | None = None
) -> CommandContext:
    return CommandContext(
        actor=actor, project_id=project_id, roles=frozenset(roles), submission_id=sid
    )


def a_person(**changes: Any) -> EnrolPerson:
    person = EnrolPerson(
        coach_id="kaisa",
        identity_code="131052-308T",
        birth_date=None,
        first_name="Aino",
        last_name="Virtanen",
        phone="",
        email="",
        language="fi",
        consent_version="2026-01",
        consented_at=datetime(2026, 11, 2, 9, tzinfo=UTC),
        entry_date=date(2026, 11, 2),
        entry_route=EntryRoute.SELF_REFERRAL,
        start_data=start_data(),
    )
    return dataclasses.replace(person, **changes)
