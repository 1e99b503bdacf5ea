"""Deciding a command of many parts one part at a time (domain)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import reduce
from typing import TypeVar

S = TypeVar("S")
C = TypeVar("C")
E = TypeVar("E")


def in_turn(
    state: S,
    parts: Iterable[C],
    decide: Callable[[S, C], list[E]],
    evolve: Callable[[S, E], S],
) -> list[E]:
    """The events of each part, decided on the state the parts before it left: several
    course days or a pattern of meetings are decided as if they were sent one by one."""
    events: list[E] = []
    for part in parts:
        new = decide(state, part)
        events += new
        state = reduce(evolve, new, state)
    return events
