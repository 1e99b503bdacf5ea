"""The CPU time the services' processes spend, read from the operating system.

Latency under load moves with whatever else runs on the machine; the CPU the services
spend per request does much less, and it is what sets how many requests a machine can
take. Linux's ``/proc`` gives it without instrumenting the servers.
"""

from __future__ import annotations

import dataclasses
import os
import time
from collections.abc import Sequence

_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def cpu_seconds(pids: Sequence[int]) -> float | None:
    """User plus system CPU seconds of the processes so far; ``None`` without ``/proc``."""
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat", "rb") as stat:
                fields = stat.read().rsplit(b")", 1)[1].split()
        except OSError:
            return None
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)
    return total / _TICKS


def machine_ticks() -> tuple[int, int] | None:
    """Busy and total CPU ticks of the whole machine so far (``/proc/stat``), every core
    together; ``None`` without ``/proc``."""
    try:
        with open("/proc/stat", "rb") as stat:
            fields = [int(field) for field in stat.readline().split()[1:]]
    except OSError:
        return None
    idle = fields[3] + fields[4]  # idle, iowait
    return sum(fields) - idle, sum(fields)


@dataclasses.dataclass(frozen=True)
class CpuSpent:
    """What the services spent over a measured stretch, and how busy the machine was."""

    seconds: float
    elapsed: float
    generator_seconds: float = 0.0
    """What the process that drives the load spent meanwhile: it shares the machine."""
    machine_busy: float | None = None
    """The share of the machine's CPU time (all cores) spent on anything, 0 to 1."""

    @property
    def cores(self) -> float:
        return self.seconds / self.elapsed if self.elapsed else 0.0

    def per_request_ms(self, requests: int) -> float:
        return self.seconds * 1000 / requests if requests else 0.0


class CpuMeter:
    """Start at the beginning of the counted stretch, ``stop`` at its end."""

    def __init__(self, pids: Sequence[int]) -> None:
        self.pids = list(pids)
        self._began = time.monotonic()
        self._cpu = cpu_seconds(self.pids)
        self._own = _own_cpu()
        self._machine = machine_ticks()

    def stop(self) -> CpuSpent | None:
        now = cpu_seconds(self.pids)
        if now is None or self._cpu is None:
            return None
        machine, began = machine_ticks(), self._machine
        busy = None
        if machine is not None and began is not None and machine[1] > began[1]:
            busy = (machine[0] - began[0]) / (machine[1] - began[1])
        return CpuSpent(
            now - self._cpu, time.monotonic() - self._began, _own_cpu() - self._own, busy
        )


def _own_cpu() -> float:
    times = os.times()
    return times.user + times.system
