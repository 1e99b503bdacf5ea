"""The command bus: one handler per command type, projections refreshed after a write."""

from __future__ import annotations

import contextvars
import dataclasses
import threading
import time

import pytest

from shared.messagebus import Accepted, CommandContext, MessageBus, UnknownCommand, bind
from shared.refusal import Refusal
from shared.web.principal import Membership, User


@dataclasses.dataclass(frozen=True)
class Rename:
    thing_id: str
    name: str


@dataclasses.dataclass(frozen=True)
class Forget:
    thing_id: str


@dataclasses.dataclass
class Things:
    names: dict[str, str] = dataclasses.field(default_factory=dict)


def rename(things: Things, command: Rename, context: CommandContext) -> Accepted:
    if not context.may_write():
        raise Refusal("forbidden")
    if things.names.get(command.thing_id) == command.name:
        return Accepted(command.thing_id, duplicate=True)
    things.names[command.thing_id] = command.name
    return Accepted(command.thing_id, recorded=1)


REQUEST: contextvars.ContextVar[str] = contextvars.ContextVar("request", default="none")
COACH = CommandContext(actor="u1", project_id="S1", roles=frozenset({"coach"}))
AUDITOR = CommandContext(actor="u2", project_id="S1", roles=frozenset({"auditor"}))


def _bus(things: Things, refreshed: list[int]) -> MessageBus:
    return MessageBus(
        bind({Rename: rename}, things), after_write=lambda: refreshed.append(len(things.names))
    )


def test_the_bus_runs_the_one_handler_of_the_command_and_refreshes_after_a_write() -> None:
    things, refreshed = Things(), []
    bus = _bus(things, refreshed)

    accepted = bus.handle(Rename("t1", "first"), COACH)

    assert accepted == Accepted("t1", recorded=1)
    assert things.names == {"t1": "first"}
    assert refreshed == [1]


def test_nothing_stored_means_nothing_to_refresh() -> None:
    things, refreshed = Things({"t1": "same"}), []

    accepted = _bus(things, refreshed).handle(Rename("t1", "same"), COACH)

    assert accepted.duplicate and refreshed == []


def test_a_refusal_reaches_the_caller_and_changes_nothing() -> None:
    things, refreshed = Things(), []

    with pytest.raises(Refusal, match="forbidden"):
        _bus(things, refreshed).handle(Rename("t1", "x"), AUDITOR)

    assert things.names == {} and refreshed == []


def test_a_command_without_a_handler_is_a_programming_error() -> None:
    with pytest.raises(UnknownCommand, match="Forget"):
        _bus(Things(), []).handle(Forget("t1"), COACH)


def test_the_context_of_a_user_holds_their_roles_in_that_project_only() -> None:
    user = User(
        id="u1", username="kaisa", display_name="Kaisa", roles=frozenset({"coach", "auditor"}),
        memberships=(Membership(project_id="S1", role="coach"),
                     Membership(project_id="S2", role="auditor")),
    )  # fmt: skip

    in_s1 = CommandContext.of(user, "S1", submission_id="form-1")
    in_s2 = CommandContext.of(user, "S2")

    assert in_s1.roles == {"coach"} and in_s1.may_write()
    assert in_s2.roles == {"auditor"} and not in_s2.may_write()
    assert in_s1.projects == {"S1", "S2"}
    assert in_s1.submission_id == "form-1"
    assert in_s1.event_context().project_id == "S1" and in_s1.event_context().actor == "u1"


def test_the_note_is_kept_while_the_projections_are_refreshed_and_before_the_answer() -> None:
    """Each side waits for the other to have begun: done one after the other, neither
    would ever begin, and the wait below would run out."""
    things, kept = Things(), []
    note_began, refresh_began = threading.Event(), threading.Event()

    def refresh() -> None:
        refresh_began.set()
        assert note_began.wait(5), "the note did not begin while the refresh ran"

    def note(command: object, context: CommandContext, accepted: Accepted, /) -> None:
        note_began.set()
        assert refresh_began.wait(5), "the refresh did not begin while the note ran"
        time.sleep(0.05)
        kept.append(accepted.id)

    bus = MessageBus(bind({Rename: rename}, things), after_write=refresh, note=note)

    accepted = bus.handle(Rename("t1", "first"), COACH)

    assert accepted.recorded == 1
    assert kept == ["t1"], "the answer left before its note was kept"


def test_the_note_runs_in_the_request_context() -> None:
    seen: list[str] = []

    def note(command: object, context: CommandContext, accepted: Accepted, /) -> None:
        seen.append(REQUEST.get())

    bus = MessageBus(bind({Rename: rename}, Things()), note=note)
    token = REQUEST.set("request-7")
    try:
        bus.handle(Rename("t1", "x"), COACH)
    finally:
        REQUEST.reset(token)

    assert seen == ["request-7"]


def test_a_note_that_fails_fails_the_answer_after_the_refresh() -> None:
    things, refreshed = Things(), []

    def note(command: object, context: CommandContext, accepted: Accepted, /) -> None:
        raise OSError("the access log is unreachable")

    bus = MessageBus(
        bind({Rename: rename}, things), after_write=lambda: refreshed.append(1), note=note
    )

    with pytest.raises(OSError, match="unreachable"):
        bus.handle(Rename("t1", "x"), COACH)
    assert refreshed == [1]


def test_a_refused_command_is_not_noted() -> None:
    kept: list[object] = []
    bus = MessageBus(
        bind({Rename: rename}, Things()), note=lambda command, context, accepted: kept.append(1)
    )

    with pytest.raises(Refusal):
        bus.handle(Rename("t1", "x"), AUDITOR)

    assert kept == []
