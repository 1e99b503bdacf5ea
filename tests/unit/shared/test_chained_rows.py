"""The append's flat row builder stores exactly what the hash chain's definition says.

``chained_rows`` writes the header array and the link digest inline for speed; these
tests hold each row to ``chain.header_bytes`` and ``chain.link``, the definitions that
``verify`` and every auditor recompute, for every kind of timestamp a service may give.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import orjson
import pytest

from shared.eventlog.chain import GENESIS, header_bytes, header_time, link
from shared.eventlog.port import LogHead
from shared.eventlog.verify import chained_rows, verify_chain
from shared.events.codec import canonical_json
from shared.events.envelope import NewEvent

_HELSINKI = timezone(timedelta(hours=2))


def _event(moment: datetime, causation: str | None) -> NewEvent:
    return NewEvent(
        event_type="test.item_added", schema_version=2, payload={"item": "cv", "quantity": 2},
        project_id="S21048", actor="coach-1", correlation_id="corr", causation_id=causation,
        occurred_at=moment,
    )  # fmt: skip


@pytest.mark.parametrize(
    "moment",
    [
        datetime(2026, 3, 1, 9, 30, 15, 123456, tzinfo=UTC),
        datetime(2026, 3, 1, 9, 30, 15, tzinfo=UTC),  # no fraction: formatted as text
        datetime(2026, 3, 1, 11, 30, 15, 5, tzinfo=_HELSINKI),
    ],
)
def test_each_row_is_the_canonical_header_and_link_of_its_event(moment: datetime) -> None:
    events = [_event(moment, None), _event(moment, "cause")]

    rows = chained_rows("basket-1", events, 7, "ab" * 32, 3)

    previous = "ab" * 32
    for offset, (row, new) in enumerate(zip(rows, events, strict=True), start=1):
        header = header_bytes(
            7 + offset, new.event_id, "basket-1", 3 + offset, new.event_type,
            new.schema_version, new.project_id, header_time(new.occurred_at),
            row.recorded_at, new.actor, new.correlation_id, new.causation_id,
        )  # fmt: skip
        payload = canonical_json(new.payload)
        assert (row.header, row.payload) == (header.decode(), payload.decode())
        assert row.hash == link(previous, header, payload)
        assert orjson.loads(row.header)[7] == moment.astimezone(UTC).isoformat(
            timespec="microseconds"
        )
        previous = row.hash


def test_rows_built_from_genesis_verify() -> None:
    moment = datetime(2026, 3, 1, 9, 30, 15, 1, tzinfo=UTC)
    rows = chained_rows("basket-1", [_event(moment, None) for _ in range(5)], 0, GENESIS, 0)

    verdict = verify_chain(rows, LogHead(5, rows[-1].hash))

    assert verdict.ok and verdict.checked == 5
