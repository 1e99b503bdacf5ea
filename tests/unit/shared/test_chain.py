"""The hash chain verifier, on rows built in memory."""

from __future__ import annotations

from shared.eventlog.chain import GENESIS, header_bytes, link
from shared.eventlog.port import LogHead
from shared.eventlog.verify import AuditRow, verify_chain


def chain(count: int) -> tuple[list[AuditRow], LogHead]:
    rows = []
    previous = GENESIS
    for position in range(1, count + 1):
        stamp = "2026-01-01T00:00:00.000000+00:00"
        header = header_bytes(
            position, f"e{position}", "s", position, "t.x_happened", 1, "p", stamp, stamp,
            "a", "c", None,
        )  # fmt: skip
        payload = f'{{"n":{position}}}'.encode()
        previous = link(previous, header, payload)
        rows.append(
            AuditRow(
                position,
                f"e{position}",
                "s",
                position,
                "t.x_happened",
                "p",
                stamp,
                header.decode(),
                payload.decode(),
                previous,
            )
        )
    return rows, LogHead(count, previous)


def test_an_intact_chain_verifies() -> None:
    rows, head = chain(5)

    verdict = verify_chain(rows, head)

    assert verdict.ok and verdict.checked == 5 and verdict.head == head


def test_two_swapped_events_are_named() -> None:
    rows, head = chain(5)
    rows[1], rows[2] = rows[2], rows[1]

    verdict = verify_chain(rows, head)

    assert not verdict.ok and verdict.first_bad_position == 2


def test_an_inserted_event_with_renumbered_positions_is_named() -> None:
    rows, head = chain(5)
    forged = rows[2]._replace(payload='{"n":99}')
    rows.insert(2, forged)
    rows = [row._replace(position=index + 1) for index, row in enumerate(rows)]

    verdict = verify_chain(rows, head)

    assert not verdict.ok and verdict.first_bad_position == 3


def test_an_edit_with_a_recomputed_hash_breaks_the_next_link() -> None:
    rows, head = chain(5)
    edited = rows[1]._replace(payload='{"n":20}')
    rows[1] = edited._replace(hash=link(rows[0].hash, edited.header.encode(), b'{"n":20}'))

    verdict = verify_chain(rows, head)

    assert not verdict.ok and verdict.first_bad_position == 3
