"""Request field types the JSON APIs share, beyond what pydantic checks by itself."""

from __future__ import annotations

from datetime import time
from typing import Annotated

from pydantic import AfterValidator


def _wall_clock(value: time) -> time:
    if value.tzinfo is not None:
        raise ValueError("give the local time without a time-zone offset, e.g. 09:30")
    return value


WallClock = Annotated[time, AfterValidator(_wall_clock)]
"""A time of day on the coaches' wall clock (Helsinki): ``09:30``. An offset (``09:30+02:00``)
is refused with 422, since the times are compared with each other and shown as typed."""
