"""Tamper evidence of the log of record: every engine keeps its hash chain."""

from __future__ import annotations

from shared.eventlog.port import ANY
from tests.contract.backbones import Backbone
from tests.contract.events import added


def fill(backbone: Backbone, count: int = 20) -> None:
    for n in range(count):
        backbone.log.append(f"basket-{n % 4}", [added(f"i{n}")], ANY)


def test_an_untouched_log_verifies(backbone: Backbone) -> None:
    fill(backbone)

    verdict = backbone.log.verify()

    assert verdict.ok and verdict.checked == 20
    assert verdict.head == backbone.log.head()


def test_verify_names_an_edited_event(backbone: Backbone) -> None:
    fill(backbone)
    [stored] = backbone.log.read_raw(after_position=7, limit=1)
    backbone.edit_stored(8, "payload", stored.payload.replace("i7", "i8"))

    verdict = backbone.log.verify()

    assert not verdict.ok
    assert verdict.first_bad_position == 8
    assert "edited" in (verdict.problem or "")


def test_verify_names_a_deleted_event(backbone: Backbone) -> None:
    fill(backbone)
    backbone.delete_stored(13, 13)

    verdict = backbone.log.verify()

    assert not verdict.ok and verdict.first_bad_position == 13
    assert "missing" in (verdict.problem or "")


def test_verify_notices_events_deleted_from_the_end(backbone: Backbone) -> None:
    fill(backbone)
    backbone.delete_stored(19)

    verdict = backbone.log.verify()

    assert not verdict.ok and verdict.first_bad_position == 19


def test_verify_notices_an_edited_stream_column(backbone: Backbone) -> None:
    fill(backbone)
    backbone.edit_stored(5, "stream_id", "basket-9")

    verdict = backbone.log.verify()

    assert not verdict.ok and verdict.first_bad_position == 5
