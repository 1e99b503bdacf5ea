"""When a failed webhook delivery is tried again: exponential, capped, jittered (pure).

The delay doubles with every failure in a row from ``base`` up to ``cap``; the actual wait
is drawn from the upper half of that delay ("equal jitter"), so that the relays of four
services retrying one partner's endpoint after an outage do not all knock at once, yet
none retries sooner than half the schedule says.
"""

from __future__ import annotations

import random
from collections.abc import Callable


def ceiling(failures: int, base: float, cap: float) -> float:
    """The un-jittered delay after ``failures`` failures in a row (0 after none)."""
    if failures <= 0:
        return 0.0
    # Past 2**60 the cap has long been reached; the bound keeps the float finite.
    return float(min(cap, base * 2 ** min(failures - 1, 60)))


def delay(
    failures: int,
    base: float,
    cap: float,
    draw: Callable[[], float] = random.random,
) -> float:
    """Seconds to wait before the next attempt: in ``[ceiling / 2, ceiling]``."""
    top = ceiling(failures, base, cap)
    return top / 2 + draw() * top / 2
