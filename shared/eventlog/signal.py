"""Wake a process's readers of a log when that process appends to it.

A polling subscription that finds nothing new waits before asking again; asking often
costs two queries a subscription each time, and on a quiet service that idle asking was
most of the CPU it spent. Appends made in the same process (every request of ``duuni up``,
a service's own read models everywhere) now wake the log's readers at once, so they can
ask rarely otherwise: only writes from other processes (a command-line import, another
service process on the same database) wait for the slower poll.

The signal is shared by every ``SqlEventLog`` object of the same database and log within
the process, since a service and its readers each open their own.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import threading


class AppendSignal:
    """A counter of appends, and the event loops waiting for it to move.

    ``notify`` may be called from any thread (appends run in worker threads);
    ``wait`` runs on an event loop.
    """

    def __init__(self) -> None:
        self.version = 0
        self._lock = threading.Lock()
        self._waiters: set[tuple[asyncio.AbstractEventLoop, asyncio.Event]] = set()

    def notify(self) -> None:
        with self._lock:
            self.version += 1
            waiters = list(self._waiters)
        for loop, event in waiters:
            with contextlib.suppress(RuntimeError):  # that loop has closed meanwhile
                loop.call_soon_threadsafe(event.set)

    async def wait(self, seen: int, stop: asyncio.Event, at_most: float) -> bool:
        """Until an append after version ``seen``, ``stop``, or ``at_most`` seconds;
        whether an append came."""
        woken = asyncio.Event()
        waiter = (asyncio.get_running_loop(), woken)
        with self._lock:
            if self.version != seen:
                return True
            self._waiters.add(waiter)
        try:
            stopping = asyncio.ensure_future(stop.wait())
            appended = asyncio.ensure_future(woken.wait())
            try:
                await asyncio.wait(
                    (stopping, appended), timeout=at_most, return_when=asyncio.FIRST_COMPLETED
                )
            finally:
                stopping.cancel()
                appended.cancel()
        finally:
            with self._lock:
                self._waiters.discard(waiter)
        return self.version != seen


_signals: dict[tuple[str, str | None, str], AppendSignal] = {}
_signals_lock = threading.Lock()


def _fresh_signals() -> None:
    """A forked child has none of the parent's event loops to wake, nor its locks."""
    global _signals_lock
    _signals.clear()
    _signals_lock = threading.Lock()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_fresh_signals)


def append_signal(database: str, schema: str | None, log: str) -> AppendSignal:
    """The one signal of log ``log`` in ``database`` (its URL) and ``schema``."""
    key = (database, schema, log)
    with _signals_lock:
        signal = _signals.get(key)
        if signal is None:
            signal = _signals[key] = AppendSignal()
        return signal
