"""Group commit: writes from threads of one process share one transaction and one fsync.

A durable commit costs one fsync on SQLite (``synchronous=FULL``) or one WAL flush and
round trip on PostgreSQL, whatever it holds: on the 2-core test machine that caps a log
at a few thousand commits a second however little each append writes. Request threads
that append at the same moment therefore queue here, and the first of them, the leader,
commits every append that queued while it waited for the database: one transaction,
each append still checked on its own (see ``SqlEventLog._store_group``). The followers
sleep until the leader has decided their fate; when it is done, one of those that queued
meanwhile leads the next group. Nobody waits on purpose: a lone append is a group of one
and commits at once, so a quiet log is as fast as before and a busy one batches itself.

The queue knows nothing of what is written: the event log queues its appends here
(``Pending``), and intake's access log its entries; each says what a write is by
subclassing ``Queued`` and commits a group its own way.
"""

from __future__ import annotations

import dataclasses
import threading
import time
from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from shared.eventlog.port import AppendResult, EventLogError, ExpectedVersion
from shared.events.envelope import NewEvent

R = TypeVar("R")


@dataclasses.dataclass(slots=True, eq=False, kw_only=True)
class Queued(Generic[R]):
    """One write waiting for its group's commit, and its outcome once decided."""

    result: R | None = None
    error: BaseException | None = None
    done: bool = False

    def outcome(self) -> R:
        if self.error is not None:
            raise self.error
        if self.result is None:
            raise EventLogError("the group commit left this write undecided")
        return self.result


@dataclasses.dataclass(slots=True, eq=False)
class Pending(Queued[AppendResult]):
    """One append to the event log."""

    stream_id: str
    events: Sequence[NewEvent]
    expected_version: ExpectedVersion
    key: str | None


Q = TypeVar("Q", bound=Queued[Any])


@dataclasses.dataclass
class GroupStats:
    """How much batching happened: ``appends / commits`` is the mean group size."""

    commits: int = 0
    appends: int = 0
    largest: int = 0


class GroupCommitter(Generic[Q]):
    """The leader/follower queue in front of one log's writes.

    ``commit`` receives a group in arrival order and must set each one's ``result`` or
    ``error``; an exception escaping it fails every write of the group still undecided.
    """

    def __init__(self, commit: Callable[[list[Q]], None]) -> None:
        self._commit = commit
        self._turn = threading.Condition(threading.Lock())
        self._queue: list[Q] = []
        self._leading = False
        self._last_size = 0
        self.stats = GroupStats()

    @property
    def waiting(self) -> int:
        """Appends queued behind the group being committed now."""
        with self._turn:
            return len(self._queue)

    def submit(self, pending: Q) -> Q:
        """Queue ``pending``, lead a group or wait for one: ``pending``, decided (its
        ``outcome`` returns the result or raises the error)."""
        with self._turn:
            self._queue.append(pending)
            while self._leading and not pending.done:
                self._turn.wait()
            if pending.done:
                return pending
            self._leading = True
            stragglers = len(self._queue) < self._last_size
        group: list[Q] = []
        try:
            if stragglers:
                # Members of the last group were answered a moment ago, and a busy thread
                # appends again at once: one yield of the interpreter lets them queue here
                # instead of each leading a group of one while the others wait behind it.
                time.sleep(0)
            with self._turn:
                group, self._queue = self._queue, []
            self._commit(group)
        except BaseException as error:  # the followers must hear of it too
            if not group:  # interrupted before taking the group: it fails as one
                with self._turn:
                    group, self._queue = self._queue, []
            for item in group:
                if item.result is None and item.error is None:
                    item.error = error
        finally:
            with self._turn:
                for item in group:
                    item.done = True
                stats = self.stats
                stats.commits += 1
                stats.appends += len(group)
                stats.largest = max(stats.largest, len(group))
                self._last_size = len(group)
                self._leading = False
                self._turn.notify_all()
        return pending


class GroupedWrites(Generic[Q]):
    """What a store whose writes queue in ``_committer`` tells about its groups."""

    _committer: GroupCommitter[Q]

    @property
    def group_stats(self) -> GroupStats:
        """How many commits this process's writes took: ``appends / commits`` is the mean
        group size."""
        return self._committer.stats

    @property
    def waiting(self) -> int:
        """Writes queued behind the group being committed now."""
        return self._committer.waiting
