"""Running a replay's shares in processes of their own (adapter layer).

Each share opens the logs and the store itself, from the picklable environment its job
carries, and never touches this process's connections. Processes are spawned by
default, which inherits nothing; a command line that runs no other thread may fork them
instead and save the half second a spawned process spends importing. Progress and
results come back over one queue; the first share to fail stops the others, and the
replay fails with its traceback.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import queue
import resource
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Final, Literal

from services.reporting.service_layer.ports import LogSlice
from services.reporting.service_layer.replay import Job, ReplayProgress, ShareResult

POLL_SECONDS: Final = 0.2


class ShareFailed(RuntimeError):
    """A share of a replay failed or died; the live tables are untouched."""


class _Reports:
    """A share's progress, sent to the parent."""

    def __init__(self, channel: Any) -> None:
        self.channel = channel

    def started(self, cut: Sequence[LogSlice], shares: int) -> None:
        self.channel.put(("started", cut, shares))

    def reached(self, share: int, log: str, position: int) -> None:
        self.channel.put(("reached", share, log, position))

    def phase(self, share: int, phase: str) -> None:
        self.channel.put(("phase", share, phase))


def _work(job: Job, index: int, channel: Any, report_progress: bool) -> None:
    try:
        result = job(_Reports(channel) if report_progress else None)
    except BaseException:
        channel.put(("failed", index, traceback.format_exc()))
        raise SystemExit(1) from None
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    channel.put(("done", index, result, peak_mb, _shared_mb()))


def _shared_mb() -> float:
    """Of this process's resident pages, those it shares with others (a forked process
    with the one it was forked from, until either writes them); 0 where unknown."""
    try:
        lines = Path("/proc/self/smaps_rollup").read_text().splitlines()
    except OSError:
        return 0.0
    shared = 0
    for line in lines:
        name, _, value = line.partition(":")
        if name in ("Shared_Clean", "Shared_Dirty"):
            shared += int(value.split()[0])
    return shared / 1024


class ProcessRunner:
    """Every job in a process of its own, all at once."""

    ends_processes: Final = True
    """A job's process ends with the job: what it built need not be freed first."""

    def __init__(self, method: Literal["spawn", "fork", "forkserver"] = "spawn") -> None:
        self.method = method
        self.peak_mb: dict[int, float] = {}
        """Each share's process's largest resident set, in MB (after ``run``)."""
        self.shared_mb: dict[int, float] = {}
        """How much of it, at the end, the process shared with others (forked pages)."""

    def run(self, jobs: Sequence[Job], progress: ReplayProgress | None) -> list[ShareResult]:
        context: Any = multiprocessing.get_context(self.method)
        channel = context.Queue()
        workers = [
            context.Process(target=_work, args=(job, index, channel, progress is not None),
                            name=f"replay-share-{index}", daemon=True)
            for index, job in enumerate(jobs)
        ]  # fmt: skip
        results: dict[int, ShareResult] = {}
        try:
            for worker in workers:
                worker.start()
            while len(results) < len(jobs):
                try:
                    message = channel.get(timeout=POLL_SECONDS)
                except queue.Empty:
                    self._check_alive(workers, results, channel, progress)
                    continue
                self._handle(message, progress, results)
        finally:
            for worker in workers:
                if worker.pid is None:  # never started
                    continue
                if worker.is_alive() and len(results) < len(jobs):
                    worker.terminate()
                worker.join()
            channel.close()
        return [results[index] for index in range(len(jobs))]

    def _handle(
        self,
        message: tuple[Any, ...],
        progress: ReplayProgress | None,
        results: dict[int, ShareResult],
    ) -> None:
        kind = message[0]
        if kind == "done":
            results[message[1]] = message[2]
            self.peak_mb[message[1]] = message[3]
            self.shared_mb[message[1]] = message[4]
        elif kind == "failed":
            raise ShareFailed(f"share {message[1]} of the replay failed:\n{message[2]}")
        elif progress is not None and kind == "reached":
            progress.reached(message[1], message[2], message[3])
        elif progress is not None and kind == "phase":
            progress.phase(message[1], message[2])
        elif progress is not None and kind == "started":
            progress.started(message[1], message[2])

    def _check_alive(
        self,
        workers: Sequence[Any],
        results: dict[int, ShareResult],
        channel: Any,
        progress: ReplayProgress | None,
    ) -> None:
        """Fail when a share's process ended without a word (killed, out of memory)."""
        for index, worker in enumerate(workers):
            if index in results or worker.is_alive() or worker.exitcode == 0:
                continue
            with contextlib.suppress(queue.Empty):  # its last words may still be queued
                while True:
                    self._handle(channel.get(timeout=1.0), progress, results)
            raise ShareFailed(f"share {index} of the replay died (exit code {worker.exitcode})")
