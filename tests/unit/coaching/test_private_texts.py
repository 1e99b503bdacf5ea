"""Private text is saved with the events it belongs to: a booking's note, a goal's wording,
a joint goal and a follow-on plan are kept when their events are, and not at all when
the command is refused or its events cannot be stored."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import Any

import pytest

from services.coaching.domain import commands, in_work
from services.coaching.domain.vocabulary import FollowOn, GoalArea
from services.coaching.service_layer.dependencies import (
    FOLLOW_ON_TEXT,
    GOAL_TEXT,
    IN_WORK_GOAL_TEXT,
    SESSION_NOTE,
)
from shared.eventlog.memory import InMemoryEventLog
from shared.eventlog.port import AppendResult, WrongExpectedVersion
from shared.events.envelope import NewEvent
from shared.messagebus import CommandContext
from shared.refusal import Refusal
from tests.unit.coaching.builders import CLIENT, COACH, PROJECT, TODAY, details
from tests.unit.coaching.fakes import World, make_world


class RacedLog(InMemoryEventLog):
    """A log where someone else always appends first: every append is refused."""

    def append(
        self, stream_id: str, events: Sequence[NewEvent], expected_version: Any, **kw: Any
    ) -> AppendResult:
        raise WrongExpectedVersion(stream_id, expected_version, expected_version + 1)


def coach(submission_id: str | None = None) -> CommandContext:
    return CommandContext(actor=COACH, project_id=PROJECT, roles=frozenset({"coach"}),
                          submission_id=submission_id)  # fmt: skip


def booking(note: str, **changes: Any) -> commands.BookSession:
    return commands.BookSession(client_id=CLIENT, details=details(**changes), note=note)


def test_the_note_typed_when_booking_is_kept_as_the_sessions_note(world: World) -> None:
    booked = world.bus.handle(booking("Käydään läpi CV ja hakemukset"), coach())

    assert world.texts.read(SESSION_NOTE, booked.id, project_id=PROJECT) == (
        "Käydään läpi CV ja hakemukset"
    )
    assert world.texts.authors[SESSION_NOTE, booked.id, PROJECT] == COACH


def test_a_refused_booking_keeps_no_note(world: World) -> None:
    with pytest.raises(Refusal):
        world.bus.handle(booking("Menneisyyteen", held_on=TODAY - timedelta(1)), coach())

    assert world.texts.kept == {}


def test_a_booking_whose_events_cannot_be_stored_keeps_no_note() -> None:
    world = make_world(RacedLog())

    with pytest.raises(WrongExpectedVersion):
        world.bus.handle(booking("Ei tallennu"), coach())

    assert world.texts.kept == {}


def test_recording_as_held_fails_and_the_booking_note_is_put_back() -> None:
    world = make_world()
    booked = world.bus.handle(booking("Varauksen muistiinpano"), coach())
    world.log.append = RacedLog().append  # type: ignore[method-assign]
    held = commands.RecordSession(session_id=booked.id, details=details(), note="Pidetty")

    with pytest.raises(WrongExpectedVersion):
        world.bus.handle(held, coach())

    assert world.texts.read(SESSION_NOTE, booked.id, project_id=PROJECT) == (
        "Varauksen muistiinpano"
    )


def test_a_goal_is_kept_with_its_wording_and_a_resubmission_adds_nothing(world: World) -> None:
    goal = commands.SetGoal(
        client_id=CLIENT, area=GoalArea.JOB_SEARCH, target_date=TODAY + timedelta(30),
        text="Kolme hakemusta viikossa",
    )  # fmt: skip
    first = world.bus.handle(goal, coach("goal-form"))
    again = world.bus.handle(goal, coach("goal-form"))

    assert again.duplicate and again.id == first.id
    assert world.texts.read_many(GOAL_TEXT, [first.id], project_id=PROJECT) == {
        first.id: "Kolme hakemusta viikossa"
    }


def started_plan(world: World) -> str:
    start = commands.StartInWorkCoaching(
        client_id=CLIENT, company_id="company-1", started_on=TODAY - timedelta(30)
    )
    return world.bus.handle(start, coach()).id


def test_a_joint_goal_is_agreed_once_with_its_words(world: World) -> None:
    plan = started_plan(world)
    goal = in_work.AgreeJointGoal(goal_id="from-the-form", area=GoalArea.WORK_COMMUNITY,
                                  target_date=TODAY + timedelta(60), agreed_on=TODAY)  # fmt: skip
    step = commands.ContinueInWorkCoaching(plan_id=plan, step=goal, text="Oppii kassajärjestelmän")

    first = world.bus.handle(step, coach("joint-goal-form"))
    again = world.bus.handle(step, coach("joint-goal-form"))

    assert (first.recorded, again.duplicate, again.id) == (1, True, first.id)
    assert world.texts.read(IN_WORK_GOAL_TEXT, first.id, project_id=PROJECT) == (
        "Oppii kassajärjestelmän"
    )


def test_the_follow_on_plan_in_words_is_kept_with_the_end_of_the_plan(world: World) -> None:
    plan = started_plan(world)
    end = in_work.EndInWorkCoaching(ended_on=TODAY, follow_on=FollowOn.CONTINUED_EMPLOYMENT)
    step = commands.ContinueInWorkCoaching(plan_id=plan, step=end, text="Vakituinen sopimus")

    world.bus.handle(step, coach())

    assert world.texts.read(FOLLOW_ON_TEXT, plan, project_id=PROJECT) == "Vakituinen sopimus"
    event_types = [r.event_type for r in world.log.read_all()]
    assert event_types[-1] == "coaching.in_work_coaching_ended"
    assert all("Vakituinen" not in str(r.payload) for r in world.log.read_all())
