"""Verifying the hash chain of a log: what ``duuni log verify`` and auditors run.

Pure: it reads stored rows and the recorded head and names the first event that does not
fit, with what is wrong with it. Stops at the first break because everything after a
break is unverifiable anyway.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime
from typing import NamedTuple

import orjson

from shared.eventlog.chain import GENESIS, header_time, link
from shared.eventlog.port import LogHead
from shared.events.codec import canonical_json
from shared.events.envelope import NewEvent


class AuditRow(NamedTuple):
    """Every stored column of one event, as verification needs them."""

    position: int
    event_id: str
    stream_id: str
    stream_version: int
    event_type: str
    project_id: str
    recorded_at: str
    header: str
    payload: str
    hash: str


def chained_rows(
    stream_id: str,
    events: Sequence[NewEvent],
    position: int,
    previous: str,
    version: int,
    recorded_at: str | None = None,
) -> list[AuditRow]:
    """The stored rows of ``events`` appended after ``position`` (whose hash is
    ``previous``) to a stream at ``version``: what every engine stores and verifies.

    The hottest loop of an append, so written out flat: the header is
    ``chain.header_bytes``'s array and the hash ``chain.link``'s digest, built inline
    (a test holds them to the same bytes), and each row is made as a plain tuple.
    ``recorded_at`` is now unless given (a group commit stamps its appends alike).
    """
    if recorded_at is None:
        recorded_at = datetime.now(UTC).isoformat(timespec="microseconds")
    rows: list[AuditRow] = []
    add = rows.append
    dumps = orjson.dumps
    sha256 = hashlib.sha256
    make = tuple.__new__
    for new in events:
        position += 1
        version += 1
        payload = canonical_json(new.payload)
        moment = new.occurred_at
        occurred = (
            moment
            if moment.tzinfo is UTC and moment.microsecond and type(moment) is datetime
            else header_time(moment)
        )
        event_id = new.event_id
        event_type = new.event_type
        project_id = new.project_id
        header = dumps(
            [position, event_id, stream_id, version, event_type, new.schema_version,
             project_id, occurred, recorded_at, new.actor, new.correlation_id,
             new.causation_id]
        )  # fmt: skip
        previous = sha256(b"%s%s\n%s" % (previous.encode(), header, payload)).hexdigest()
        add(
            make(AuditRow, (position, event_id, stream_id, version, event_type, project_id,
                            recorded_at, header.decode(), payload.decode(), previous))
        )  # fmt: skip
    return rows


@dataclasses.dataclass(frozen=True)
class Verdict:
    ok: bool
    checked: int
    head: LogHead
    first_bad_position: int | None = None
    problem: str | None = None

    def describe(self) -> str:
        if self.ok:
            return f"ok: {self.checked} events verified, head {self.head.position} {self.head.hash}"
        return f"TAMPERED at position {self.first_bad_position}: {self.problem}"


# Header fields that are repeated in columns, by (header index, row attribute).
_REPEATED = ((1, "event_id"), (2, "stream_id"), (3, "stream_version"), (4, "event_type"),
             (6, "project_id"), (8, "recorded_at"))  # fmt: skip


def verify_chain(
    rows: Iterable[AuditRow],
    recorded_head: LogHead,
    progress: Callable[[int], None] | None = None,
) -> Verdict:
    previous = GENESIS
    expected = 1
    checked = 0
    for row in rows:
        if row.position != expected:
            what = (
                f"events {expected}..{row.position - 1} are missing (deleted)"
                if row.position > expected
                else f"position {row.position} is out of order"
            )
            return _bad(checked, expected, what, previous)
        try:
            header = orjson.loads(row.header)
        except orjson.JSONDecodeError:
            return _bad(checked, row.position, "its header is not valid JSON (edited)", previous)
        if header[0] != row.position:
            return _bad(checked, row.position, f"it claims position {header[0]} (moved)", previous)
        for index, column in _REPEATED:
            if header[index] != getattr(row, column):
                return _bad(checked, row.position, f"its {column} column was edited", previous)
        computed = link(previous, row.header.encode(), row.payload.encode())
        if computed != row.hash:
            return _bad(
                checked, row.position, "its content does not match its hash (edited)", previous
            )
        previous = row.hash
        expected += 1
        checked += 1
        if progress is not None and checked % 10_000 == 0:
            progress(checked)
    last = expected - 1
    if (recorded_head.position, recorded_head.hash) != (last, previous):
        if recorded_head.position > last:
            what = f"events {last + 1}..{recorded_head.position} are missing (deleted at the end)"
            return _bad(checked, last + 1, what, previous)
        return _bad(checked, last, "the recorded head does not match the last event", previous)
    return Verdict(True, checked, LogHead(last, previous))


def _bad(checked: int, position: int, problem: str, previous: str) -> Verdict:
    return Verdict(False, checked, LogHead(position - 1, previous), position, problem)
