"""The four timed scenarios, written once against a tiny ``Target`` interface.

Our log and the peer library each adapt to ``Target``, so both run exactly the same
loops on exactly the same events. ``prepare`` turns a batch into whatever the target
appends (our ``NewEvent`` list, the peer's ``StoredEvent`` list) before the clock starts.
"""

from __future__ import annotations

import dataclasses
import threading
import time
from collections.abc import Sequence
from typing import Protocol, TypeVar

from bench.shapes import Batch
from shared.eventlog.bulk import paused_gc

P = TypeVar("P")


class Target(Protocol[P]):
    """One event store under test, opened on an empty database."""

    def prepare(self, batch: Batch) -> P: ...

    def append(self, prepared: P) -> None: ...

    def settle(self) -> None:
        """Untimed, between the writes and the read: what the store does on its own soon."""
        ...

    def read_all(self) -> int:
        """Read and decode every stored event; return how many there were."""
        ...


@dataclasses.dataclass(frozen=True, slots=True)
class Timing:
    events: int
    seconds: float

    @property
    def rate(self) -> float:
        return self.events / self.seconds if self.seconds > 0 else float("inf")


def time_appends(target: Target[P], batches: Sequence[Batch]) -> Timing:
    """Append the batches one after another, one transaction each."""
    prepared = [target.prepare(batch) for batch in batches]
    append = target.append
    started = time.perf_counter()
    for item in prepared:
        append(item)
    return Timing(_count(batches), time.perf_counter() - started)


def time_concurrent(target: Target[P], per_writer: Sequence[Sequence[Batch]]) -> Timing:
    """One thread per writer, each appending to its own streams, all released at once."""
    prepared = [[target.prepare(batch) for batch in batches] for batches in per_writer]
    start = threading.Barrier(len(prepared) + 1)
    errors: list[BaseException] = []

    def write(items: list[P]) -> None:
        start.wait()
        try:
            for item in items:
                target.append(item)
        except BaseException as error:  # reported after the join, not lost in the thread
            errors.append(error)

    threads = [threading.Thread(target=write, args=(items,)) for items in prepared]
    for thread in threads:
        thread.start()
    start.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    if errors:
        raise errors[0]
    return Timing(sum(_count(batches) for batches in per_writer), elapsed)


def time_read(target: Target[P]) -> Timing:
    """A replay of the whole log, with the cyclic collector paused as replays should run."""
    target.settle()
    with paused_gc():
        started = time.perf_counter()
        count = target.read_all()
        elapsed = time.perf_counter() - started
    return Timing(count, elapsed)


def _count(batches: Sequence[Batch]) -> int:
    return sum(len(batch.events) for batch in batches)
