"""The service layer's world for coaching's unit tests (see ``fakes``)."""

from __future__ import annotations

import pytest

from tests.unit.coaching.fakes import World, make_world


@pytest.fixture
def world() -> World:
    return make_world()
