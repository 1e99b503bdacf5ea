"""The events the benchmark writes: ESF-like payloads of 200-400 bytes, built up front.

Every scenario gets its batches fully built before the clock starts, so that timings
measure the log and not event construction. The shapes mirror what intake and coaching
record about a participant (classification fields only, never personal data), drawn
from a seeded generator so that every run and every engine stores the same bytes.
"""

from __future__ import annotations

import dataclasses
import random
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

from shared.events.contract import Payload
from shared.events.envelope import NewEvent

_PROJECT = "S30412"
_MUNICIPALITIES = ("091", "049", "092", "853", "837", "564", "179", "398", "167", "743")
_LABOUR = ("unemployed", "unemployed_long_term", "inactive", "employed_part_time", "student")
_ISCED = ("isced_0_2", "isced_3_4", "isced_5_8")
_TOPICS = ("cv", "job_search", "interview", "wellbeing", "digital_skills", "language", "debt")
_START = datetime(2025, 1, 6, 8, 30, tzinfo=UTC)
_START_MILLIS = int(_START.timestamp() * 1000)


@dataclasses.dataclass(frozen=True, slots=True)
class Batch:
    """One append: events for one stream, and the stream's version before them."""

    stream_id: str
    expected_version: int
    events: list[NewEvent]


def _enrolled(rng: random.Random) -> Payload:
    return {
        "gender": rng.choice(("female", "male", "other", "undisclosed")),
        "age_band": rng.choice(("18-24", "25-29", "30-54", "55-64")),
        "municipality": rng.choice(_MUNICIPALITIES),
        "education": rng.choice(_ISCED),
        "labour_status": rng.choice(_LABOUR),
        "unemployed_months": rng.randrange(0, 60),
        "disadvantages": sorted(rng.sample(("migrant", "disability", "single_parent"), 1)),
        "referred_by": rng.choice(("te_office", "municipality", "self", "ngo")),
        "enrolled_on": "2025-02-03",
        "specific_objective": "4.1",
        "consent_version": 3,
    }


def _session(rng: random.Random) -> Payload:
    return {
        "session_id": str(uuid.UUID(int=rng.getrandbits(128))),
        "coach": f"coach-{rng.randrange(1, 40)}",
        "held_on": "2025-03-11",
        "minutes": rng.choice((30, 45, 60, 90)),
        "mode": rng.choice(("in_person", "remote", "group")),
        "topics": sorted(rng.sample(_TOPICS, 3)),
        "next_step": rng.choice(("apply_jobs", "training", "work_trial", "none")),
        "attended": True,
        "location": rng.choice(_MUNICIPALITIES),
        "goal_progress": rng.choice(("on_track", "behind", "ahead")),
        "service_code": f"ESR-{rng.randrange(1000, 9999)}",
    }


def _exited(rng: random.Random) -> Payload:
    return {
        "exited_on": "2025-09-30",
        "reason": rng.choice(("completed", "employed", "moved", "dropped_out")),
        "result": rng.choice(("employed", "self_employed", "education", "job_seeking")),
        "labour_status_at_exit": rng.choice(_LABOUR),
        "qualification_gained": rng.random() < 0.3,
        "sessions_attended": rng.randrange(3, 30),
        "follow_up_due": "2026-03-30",
        "employment_type": rng.choice(("permanent", "fixed_term", "none")),
        "hours_per_week": rng.choice((0, 20, 30, 37.5)),
    }


def _uuid7(rng: random.Random, millis: int) -> str:
    """A UUIDv7 as ``shared.ids`` mints them, but from a seeded clock and generator."""
    value = (millis & 0xFFFF_FFFF_FFFF) << 80 | 0x7 << 76 | rng.getrandbits(12) << 64
    value |= 0b10 << 62 | rng.getrandbits(62)
    return str(uuid.UUID(int=value))


def _event(rng: random.Random, stream_id: str, version: int, last: bool, millis: int) -> NewEvent:
    if version == 1:
        event_type, payload = "intake.client_enrolled", _enrolled(rng)
    elif last:
        event_type, payload = "intake.client_exited", _exited(rng)
    else:
        event_type, payload = "coaching.session_held", _session(rng)
    return NewEvent(
        event_type=event_type,
        schema_version=1,
        payload=payload,
        project_id=_PROJECT,
        actor=f"coach-{rng.randrange(1, 40)}",
        correlation_id=_uuid7(rng, millis),
        causation_id=None,
        event_id=_uuid7(rng, millis),
        occurred_at=_START + timedelta(milliseconds=millis - _START_MILLIS),
    )


class Shapes:
    """A seeded source of streams; every stream and event id it hands out is fresh.

    Ids are time-ordered UUIDv7s, as ``shared.ids`` mints them in production, from a
    clock that ticks a millisecond per event.
    """

    def __init__(self, seed: int = 2025) -> None:
        self._rng = random.Random(seed)
        self._millis = _START_MILLIS

    def _tick(self) -> int:
        self._millis += 1
        return self._millis

    def batches(self, events: int, per_batch: int, stream_length: int = 100) -> list[Batch]:
        """``events`` events in appends of ``per_batch``, over streams of ``stream_length``."""
        return list(self._batches(events, per_batch, stream_length))

    def _batches(self, events: int, per_batch: int, stream_length: int) -> Iterator[Batch]:
        rng = self._rng
        left = events
        while left > 0:
            stream_id = _uuid7(rng, self._tick())
            length = min(stream_length, left)
            version = 0
            while version < length:
                size = min(per_batch, length - version)
                built = [
                    _event(rng, stream_id, v, v == length, self._tick())
                    for v in range(version + 1, version + size + 1)
                ]
                yield Batch(stream_id, version, built)
                version += size
            left -= length
