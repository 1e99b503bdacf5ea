"""Ports of the reporting service layer: where events come from, where fact rows go, and
whom a reader may see behind a figure."""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Callable, Mapping, Sequence
from typing import Final, Protocol

from services.reporting.domain.facts import Fact, Key, ProjectFacts
from services.reporting.domain.fold import Encoded, Facts
from shared.eventlog.verify import Verdict

Reached = Callable[[int], None]
"""Told the position a read has reached in its log, now and then and at its end."""


@dataclasses.dataclass(frozen=True, slots=True)
class LogSlice:
    """A prefix of one upstream log: positions 1..last, whose chain ends in ``head_hash``."""

    source: str
    last_position: int
    head_hash: str


@dataclasses.dataclass(frozen=True, slots=True)
class Share:
    """The projects one share of a replay folds: those named, or, with ``others``, every
    project but those named (so that the shares together hold every project, even one
    nobody knew of when they were planned)."""

    index: int
    projects: tuple[str, ...]
    others: bool = False

    def holds(self, project_id: str) -> bool:
        return (project_id in self.projects) != self.others


@dataclasses.dataclass(frozen=True, slots=True)
class Wanted:
    """Which events of 1..upto a read of a log returns (every project's, one project's,
    or one share's), and whom it tells how far it has come."""

    project: str | None = None
    share: Share | None = None
    reached: Reached | None = None


EVERY: Final = Wanted()
"""Every project's events, read without telling anyone."""


class ReplaySource(Protocol):
    """One upstream log as a replay reads it: from its table of record, or its topic."""

    name: str

    def slice(self, *, recorded_by: str | None = None, upto: int | None = None) -> LogSlice:
        """The whole log, the events recorded by ``recorded_by`` (ISO time), or 1..``upto``."""
        ...

    def rows(self, upto: int, wanted: Wanted = EVERY) -> Encoded:
        """Events 1..``upto`` of the types reporting folds, in position order, their
        payloads still encoded (the fold decodes each right before it folds it).

        Only one project's, or only the projects of one share, when ``wanted`` says so.
        """
        ...

    def project_sizes(self, upto: int) -> dict[str, int]:
        """How many events of 1..``upto`` each project has (an estimate will do)."""
        ...


class EventSource(ReplaySource, Protocol):
    """One upstream log of record as reporting reads it: also to audit and drill down."""

    def event_ids(self, positions: Sequence[int]) -> dict[int, str]:
        """The ids of the events at ``positions`` (those that exist)."""
        ...

    def verify(self) -> Verdict:
        """Recompute the whole hash chain."""
        ...


class FactRows(Protocol):
    """Fact rows by kind and key, inside the caller's transaction (the live projection)."""

    def get(self, kind: str, key: Key) -> Fact | None: ...

    def put(self, kind: str, key: Key, fact: Fact) -> None: ...


class FactStore(Protocol):
    """The live fact tables as the reports and the replay see them.

    A replay builds a second set of tables aside (``prepare_aside``), fills it, from
    several processes if need be (``write_aside``), and swaps it in (``swap_in``).
    """

    def project_facts(self, project_id: str) -> ProjectFacts: ...

    def all_facts(self) -> Facts: ...

    def project_sizes(self) -> dict[str, int]:
        """Participants per project in the live tables: how big the projects were at the
        last build, to share a replay out by (empty before the first)."""
        ...

    def prepare_aside(self, writers: int = 1) -> None:
        """Empty tables aside, to be filled by ``writers`` shares and swapped in; the last
        share to write a kind indexes it."""
        ...

    def write_aside(
        self, facts: Facts, *, kinds: Sequence[str] | None = None, wait: bool = True
    ) -> int | None:
        """Add ``facts`` (of ``kinds``, else all) to the tables aside; returns how many
        table rows it wrote.

        Without ``wait``, ``None`` (and nothing written) when another share is writing
        and the database takes one writer at a time: the caller may do other work first.
        """
        ...

    def swap_in(self, checkpoints: Mapping[tuple[str, str], int]) -> None:
        """Index the tables aside not indexed yet and put them in place of the live ones,
        with the subscriptions' checkpoints, in one transaction."""
        ...


Opened = tuple[Sequence[ReplaySource], FactStore]


class ReplayEnvironment(Protocol):
    """How a process opens the logs and the fact store for itself.

    A replay in several processes hands one of these to each; it must survive pickling.
    """

    def open(self) -> contextlib.AbstractContextManager[Opened]: ...


@dataclasses.dataclass(frozen=True, slots=True)
class Person:
    """A client as a reader of the report may see her: her name and her coach's."""

    name: str
    coach: str
    """The coach's display name; empty when intake does not know it."""


@dataclasses.dataclass(frozen=True, slots=True)
class Reader:
    """Who asks for names, and where the site answers her: intake is asked with her own
    session, so that intake's rules decide what she may see."""

    session: str
    origin: str
    """The address this process serves the site at (intake's, when they share a process)."""


class People(Protocol):
    """Who the pseudonymous clients behind a figure are, for the reader's eyes only.

    Names are personal data that intake keeps; reporting asks for them while it draws a
    page and keeps nothing. Ids intake does not answer for are left out, and an intake
    that cannot be reached answers nothing: the page then shows the pseudonymous ids.
    """

    def of(
        self, project_id: str, client_ids: Sequence[str], reader: Reader
    ) -> Mapping[str, Person]: ...
