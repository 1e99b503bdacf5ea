"""Rebuilding every fact table from position 0: aside, in shares of the projects, then swapped in.

A project's facts are a function of its own events alone (every fact key begins with
the event's project), so the projects can be split into disjoint shares and each share
folded by its own process, reading only its projects' events (the database filters
them) and writing only their rows: nothing is merged afterwards, and the result cannot
depend on how many shares there were. The last share to write a kind indexes its table
aside; once every share is written, one transaction drops the live tables, renames the
new ones into place and moves the subscriptions' checkpoints to the positions replayed,
so readers see the old projection or the new one and the live subscriptions go on from
exactly where the replay stopped.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Final, Protocol

from services.reporting.domain.facts import SOURCES
from services.reporting.domain.figures import Period, report
from services.reporting.domain.fold import Facts
from services.reporting.service_layer.ports import (
    FactStore,
    LogSlice,
    Opened,
    ReplayEnvironment,
    ReplaySource,
    Share,
    Wanted,
)
from services.reporting.service_layer.projection import SUBSCRIPTIONS
from services.reporting.service_layer.reports import slices

READING: Final = "reading"
WRITING: Final = "writing"
FIGURES: Final = "figures"
SWAPPING: Final = "swapping"

Values = dict[str, tuple[float, float]]
"""A project's figures: (cumulative, in period) by figure key, targets as ``target.…``."""


SIZES_FROM: Final = "intake"
"""The log whose events per project weigh the projects when they are shared out: intake
records every client, and a project's coaching and matching grow with its clients."""


def plan_shares(sizes: Mapping[str, int], count: int) -> list[Share]:
    """``count`` shares of the projects, as even by ``sizes`` as a greedy split makes them.

    The biggest project first, each to the lightest share so far; the last share takes
    every project not named in the others, so that together they hold every project.
    Deterministic: ties go by project code.
    """
    loads = [0] * count
    named: list[list[str]] = [[] for _ in range(count)]
    for project, size in sorted(sizes.items(), key=lambda item: (-item[1], item[0])):
        lightest = min(range(count), key=lambda index: (loads[index], index))
        loads[lightest] += size
        named[lightest].append(project)
    shares = [Share(index, tuple(sorted(named[index]))) for index in range(count - 1)]
    others = tuple(sorted(project for share in shares for project in share.projects))
    return [*shares, Share(count - 1, others, others=True)]


class ReplayProgress(Protocol):
    """What a replay tells as it goes: how far each share has read, and what it does."""

    def started(self, cut: Sequence[LogSlice], shares: int) -> None:
        """The logs' ranges to replay, before any share starts."""
        ...

    def reached(self, share: int, log: str, position: int) -> None: ...

    def phase(self, share: int, phase: str) -> None: ...


@dataclasses.dataclass(frozen=True, slots=True)
class ShareResult:
    share: int
    folded: int
    """Events of the share's projects and of the types reporting folds."""
    rows: int
    """Table rows written aside."""
    figures: dict[str, Values]
    """Each project's figures for the period asked, else empty."""
    refused: tuple[tuple[str, int, str], ...] = ()
    """Events skipped because the fold refused their payloads: (log, position, why)."""


Job = Callable[[ReplayProgress | None], ShareResult]


class Runner(Protocol):
    """Runs a replay's jobs, one per share: one after another, or in processes."""

    def run(self, jobs: Sequence[Job], progress: ReplayProgress | None) -> list[ShareResult]: ...


class _Quiet:
    """Progress told to nobody."""

    def started(self, cut: Sequence[LogSlice], shares: int) -> None:
        pass

    def reached(self, share: int, log: str, position: int) -> None:
        pass

    def phase(self, share: int, phase: str) -> None:
        pass


_QUIET: Final = _Quiet()


class InProcess:
    """Every share in this process, one after the other."""

    def run(self, jobs: Sequence[Job], progress: ReplayProgress | None) -> list[ShareResult]:
        return [job(progress) for job in jobs]


_LEFT_TO_EXIT: list[Facts] = []
"""The facts of a share run by a process that ends with it: left for the process's end to
drop rather than freed object by object (a tenth of a second for a million facts) before
the share's result goes back."""


def rebuild_share(
    environment: ReplayEnvironment,
    cut: Sequence[LogSlice],
    share: Share,
    period: Period | None,
    progress: ReplayProgress | None,
    *,
    ends_process: bool = False,
) -> ShareResult:
    """Fold one share's events of every log prefix, write its rows aside, derive its figures.

    A kind of fact is final once its one log is read (``SOURCES``), so each share writes
    a kind as soon as it can, and the shares read the logs in different orders: the
    database takes one writer at a time, and the shares' writes fall apart in time
    instead of queueing at the end. A write that would wait is put off until the share
    has read on, or has derived its figures.
    """
    index = share.index
    progress = progress or _QUIET
    with environment.open() as (sources, store):
        progress.phase(index, READING)
        facts = Facts()
        folded = written = 0
        pending: list[str] = []
        logs = list(zip(sources, cut, strict=True))
        first = logs.pop(index % len(logs))  # each share starts on another log
        for source, part in [first, *logs]:
            reached = functools.partial(progress.reached, index, source.name)
            rows = source.rows(part.last_position, Wanted(share=share, reached=reached))
            folded += facts.fold(rows, source.name)
            pending += [kind for kind, log in SOURCES.items() if log == source.name]
            if pending:
                progress.phase(index, WRITING)
                written += _write(store, facts, pending, wait=False)
                progress.phase(index, READING)
        if pending and period is None:
            written += _write(store, facts, pending, wait=True)
        figures = _figures(facts, period, index, progress)
        if pending:
            progress.phase(index, WRITING)
            written += _write(store, facts, pending, wait=True)
    if ends_process:
        _LEFT_TO_EXIT.append(facts)
    return ShareResult(index, folded, written, figures, tuple(facts.refused))


def _write(store: FactStore, facts: Facts, pending: list[str], *, wait: bool) -> int:
    """Write the pending kinds unless the store is busy and ``wait`` is false."""
    if not pending:
        return 0
    written = store.write_aside(facts, kinds=pending, wait=wait)
    if written is None:
        return 0
    pending.clear()
    return written


def _figures(
    facts: Facts, period: Period | None, share: int, progress: ReplayProgress
) -> dict[str, Values]:
    if period is None:
        return {}
    progress.phase(share, FIGURES)
    return {project: report(f, period).values() for project, f in facts.by_project().items()}


@dataclasses.dataclass(frozen=True, slots=True)
class ReplayResult:
    events: int
    """Every event of the logs replayed, of the types folded or not."""
    seconds: float
    slices: tuple[LogSlice, ...]
    shares: tuple[ShareResult, ...]

    @property
    def rate(self) -> float:
        return self.events / self.seconds if self.seconds else 0.0

    @property
    def rows(self) -> int:
        return sum(share.rows for share in self.shares)

    @property
    def refused(self) -> tuple[tuple[str, int, str], ...]:
        return tuple(event for share in self.shares for event in share.refused)

    @property
    def figures(self) -> dict[str, Values]:
        """Every project's figures, when the replay was asked for a period."""
        merged: dict[str, Values] = {}
        for share in self.shares:
            merged.update(share.figures)
        return dict(sorted(merged.items()))


def replay(
    environment: ReplayEnvironment,
    *,
    shares: int = 1,
    runner: Runner | None = None,
    progress: ReplayProgress | None = None,
    period: Period | None = None,
) -> ReplayResult:
    """Rebuild every fact table from position 0 aside, in ``shares`` shares, then swap it in.

    With ``period``, each share also derives its projects' figures from what it folded.
    A failing share leaves the live tables as they were.
    """
    if shares < 1:
        raise ValueError("a replay needs at least one share")
    started = time.perf_counter()
    told = progress or _QUIET
    with environment.open() as (sources, store):
        cut = slices(sources)
        planned = [Share(0, (), others=True)]
        if shares > 1:
            planned = plan_shares(_sizes(sources, cut, store), shares)
        store.prepare_aside(writers=len(planned))
        told.started(cut, shares)
        runner = runner or InProcess()
        ends = bool(getattr(runner, "ends_processes", False))
        jobs = [
            functools.partial(rebuild_share, environment, cut, share, period, ends_process=ends)
            for share in planned
        ]
        results = runner.run(jobs, progress)
        told.phase(-1, SWAPPING)
        store.swap_in(checkpoints(cut))
    events = sum(part.last_position for part in cut)
    return ReplayResult(events, time.perf_counter() - started, tuple(cut), tuple(results))


def _sizes(
    sources: Sequence[ReplaySource], cut: Sequence[LogSlice], store: FactStore
) -> dict[str, int]:
    """How big the projects are: by the last build, else by the log ``SIZES_FROM``."""
    sizes = store.project_sizes()
    if sizes:
        return sizes
    by_name = {source.name: (source, part) for source, part in zip(sources, cut, strict=True)}
    source, part = by_name.get(SIZES_FROM, (sources[0], cut[0]))
    return source.project_sizes(part.last_position)


def checkpoints(cut: Sequence[LogSlice]) -> Mapping[tuple[str, str], int]:
    """Each subscription's position after a replay of ``cut``, by (subscription, log)."""
    return {(SUBSCRIPTIONS[part.source], part.source): part.last_position for part in cut}


@dataclasses.dataclass(frozen=True)
class OpenedLogs:
    """Sources and a store this process has open already: a replay run in this process."""

    sources: Sequence[ReplaySource]
    store: FactStore

    @contextlib.contextmanager
    def open(self) -> Iterator[Opened]:
        yield self.sources, self.store
