"""A programme's kind as the project names it (DuuniKaverit), which the final report
counts clients by: optional, trimmed, short."""

from __future__ import annotations

from services.coaching.domain.events import ProgrammePlanned
from services.coaching.domain.programmes import decide
from tests.unit.coaching.builders import refusal
from tests.unit.coaching.test_programmes import plan


def test_the_projects_name_for_the_kind_is_published_trimmed() -> None:
    [event] = decide(None, plan(kind_name="  Duuni   Kaverit "))

    assert isinstance(event, ProgrammePlanned)
    assert event.kind_name == "Duuni Kaverit"


def test_no_name_or_a_blank_one_publishes_none() -> None:
    [plain] = decide(None, plan())
    [blank] = decide(None, plan(kind_name="   "))

    assert isinstance(plain, ProgrammePlanned) and plain.kind_name is None
    assert isinstance(blank, ProgrammePlanned) and blank.kind_name is None


def test_a_name_longer_than_sixty_characters_is_refused_at_its_field() -> None:
    assert refusal(lambda: decide(None, plan(kind_name="x" * 61))) == (
        "kind_name_too_long", "kind_name",
    )  # fmt: skip
