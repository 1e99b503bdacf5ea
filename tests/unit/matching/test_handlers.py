"""MatchingDeps's handlers on the bus, over the in-memory log: who may write where, a form
stored once however often it is submitted, and every command with its one handler."""

from __future__ import annotations

import dataclasses
import inspect
from typing import Any

import pytest

from services.matching.domain import commands
from services.matching.domain.commands import AddContactPerson
from services.matching.domain.errors import DomainError
from services.matching.service_layer.dependencies import MatchingDeps, new_id_in
from services.matching.service_layer.handlers import COMMAND_HANDLERS
from services.matching.service_layer.streams import Streams
from services.matching.service_layer.views import ContactPerson
from shared.eventlog.memory import InMemoryEventLog
from shared.messagebus import CommandContext, MessageBus, bind
from tests.unit.matching.builders import COACH, PROJECT, register

WRITER = CommandContext(actor=COACH, project_id=PROJECT, roles=frozenset({"coach"}))
AUDITOR = dataclasses.replace(WRITER, roles=frozenset({"auditor"}))


class NoReadModel:
    """A project with nothing in it yet: every lookup misses."""

    def __getattr__(self, name: str) -> Any:
        return lambda *args, **kwargs: None


@dataclasses.dataclass
class Contacts:
    saved: list[ContactPerson] = dataclasses.field(default_factory=list)

    def save(self, person: ContactPerson) -> None:
        self.saved.append(person)

    def of_company(self, project_id: str, company_id: str) -> list[ContactPerson]:
        return [p for p in self.saved if (p.project_id, p.company_id) == (project_id, company_id)]


@pytest.fixture
def log() -> InMemoryEventLog:
    return InMemoryEventLog("matching")


def _bus(log: InMemoryEventLog, contacts: Contacts | None = None) -> MessageBus:
    matching = MatchingDeps(Streams(log), NoReadModel(), contacts or Contacts())  # type: ignore[arg-type]
    return MessageBus(bind(COMMAND_HANDLERS, matching))


def test_every_command_has_its_one_handler() -> None:
    defined = {
        value
        for name, value in vars(commands).items()
        if inspect.isclass(value) and dataclasses.is_dataclass(value) and name[0].isupper()
    }
    assert set(COMMAND_HANDLERS) == defined


def test_a_resubmitted_form_registers_the_company_once(log: InMemoryEventLog) -> None:
    bus = _bus(log)
    form = dataclasses.replace(WRITER, submission_id="form-1")
    command = register(company_id=new_id_in("company", form))

    first = bus.handle(command, form)
    again = bus.handle(command, form)

    assert (first.id, first.duplicate, first.recorded) == (command.company_id, False, 1)
    assert (again.id, again.duplicate, again.recorded) == (command.company_id, True, 0)
    assert len(list(log.read_all())) == 1


def test_an_auditor_records_nothing(log: InMemoryEventLog) -> None:
    with pytest.raises(DomainError) as refused:
        _bus(log).handle(register(), AUDITOR)
    assert refused.value.code == "forbidden"
    assert list(log.read_all()) == []


def test_a_command_for_another_project_than_the_context_is_refused(
    log: InMemoryEventLog,
) -> None:
    with pytest.raises(DomainError) as refused:
        _bus(log).handle(register(project_id="elsewhere"), WRITER)
    assert refused.value.code == "project_not_found"
    assert list(log.read_all()) == []


def test_another_projects_company_is_not_found_and_keeps_no_contact(
    log: InMemoryEventLog,
) -> None:
    contacts = Contacts()
    bus = _bus(log, contacts)
    company = bus.handle(register(), WRITER).id
    elsewhere = dataclasses.replace(WRITER, project_id="elsewhere")
    person = AddContactPerson(
        company_id=company, contact_id="c-1", added_on=register().registered_on, full_name="M"
    )

    with pytest.raises(DomainError) as refused:
        bus.handle(person, elsewhere)

    assert (refused.value.code, refused.value.field) == ("company_not_found", "company_id")
    assert contacts.saved == []
