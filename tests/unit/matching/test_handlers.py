"""MatchingDeps's handlers on the bus, over the in-memory log: who may write where, a form
stored once however often it is submitted, and every command with its one handler."""

from __future__ import annotations

import dataclasses
import inspect
from typing import Any

import pytest

from services.matching.domain import commands
from services.matching.domain.commands import AddContactPerson, RecordContact
from services.matching.domain.errors import DomainError
from services.matching.domain.vocabulary import ContactKind
from services.matching.service_layer.dependencies import MatchingDeps, new_id_in
from services.matching.service_layer.handlers import COMMAND_HANDLERS
from services.matching.service_layer.streams import Streams
from services.matching.service_layer.views import ContactNote, ContactPerson
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
    notes: list[ContactNote] = dataclasses.field(default_factory=list)

    def save(self, person: ContactPerson) -> None:
        self.saved.append(person)

    def of_company(self, project_id: str, company_id: str) -> list[ContactPerson]:
        return [p for p in self.saved if (p.project_id, p.company_id) == (project_id, company_id)]

    def save_note(self, note: ContactNote) -> None:
        self.notes.append(note)

    def notes_of_company(self, project_id: str, company_id: str) -> dict[str, ContactNote]:
        return {n.contact_log_id: n for n in self.notes if n.company_id == company_id}

    def makers(self, project_id: str) -> dict[str, str]:
        return {n.made_by_id: n.made_by_name for n in self.notes if n.project_id == project_id}


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
        if inspect.isclass(value)
        and dataclasses.is_dataclass(value)
        and value.__module__ == commands.__name__
        and name[0].isupper()
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


def _contact(company_id: str, **changes: Any) -> RecordContact:
    command = RecordContact(
        company_id=company_id, contact_log_id="log-1", contact_id=None, kind=ContactKind.CALL,
        coach_id=COACH, contacted_on=register().registered_on,
    )  # fmt: skip
    return dataclasses.replace(command, **changes)


def test_what_was_discussed_is_kept_beside_the_log_never_in_the_event(
    log: InMemoryEventLog,
) -> None:
    contacts = Contacts()
    bus = _bus(log, contacts)
    company = bus.handle(register(), WRITER).id

    bus.handle(_contact(company, note=" Two cooks in June. ", made_by_name="Kaisa"), WRITER)

    [note] = contacts.notes
    assert (note.note, note.made_by_id, note.made_by_name) == ("Two cooks in June.", COACH, "Kaisa")
    contacted = list(log.read_all())[-1]
    assert "cooks" not in str(contacted.payload) and "Kaisa" not in str(contacted.payload)


def test_a_long_note_or_an_unknown_maker_is_refused(log: InMemoryEventLog) -> None:
    bus = _bus(log)
    company = bus.handle(register(), WRITER).id
    for changes, code in (
        ({"note": "x" * 4001}, "note_too_long"),
        ({"coach_id": "x"}, "made_by_unknown"),
    ):
        with pytest.raises(DomainError) as refused:
            bus.handle(_contact(company, **changes), WRITER)
        assert refused.value.code == code
    assert len(list(log.read_all())) == 1
