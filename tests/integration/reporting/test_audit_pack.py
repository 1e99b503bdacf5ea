"""Audit packs: exported from the logs, verified against them, tampering named."""

from __future__ import annotations

import copy
from datetime import date

from sqlalchemy import text

from services.reporting.domain.figures import Period
from services.reporting.service_layer.audit import digest_of, export_pack, verify_pack
from tests.integration.reporting.builders import Logs
from tests.unit.reporting.builders import PROJECT, enrolled, exited, session

YEAR = Period(date(2019, 1, 1), date(2019, 12, 31))


def a_pack(logs: Logs) -> dict[str, object]:
    logs.record(
        enrolled("c1", "2019-02-01"), enrolled("c2", "2019-03-01", gender="male"),
        exited("c1", "2019-05-01", "employed"), session("c1", "2019-02-02"),
    )  # fmt: skip
    return export_pack(logs.sources(), PROJECT, YEAR, None)


def test_a_fresh_pack_matches_its_logs_and_names_the_log_range_and_head(logs: Logs) -> None:
    pack = a_pack(logs)

    verdict = verify_pack(pack, logs.sources())

    assert verdict.match, verdict.describe()
    assert pack["logs"]["intake"]["last_position"] == 3  # type: ignore[index]
    assert pack["logs"]["intake"]["head_hash"] == logs.logs["intake"].head().hash  # type: ignore[index]


def test_a_later_event_does_not_change_what_the_pack_re_derives(logs: Logs) -> None:
    pack = a_pack(logs)
    logs.record(enrolled("c3", "2019-06-01"))

    assert verify_pack(pack, logs.sources()).match


def test_an_altered_figure_is_named_as_the_first_difference(logs: Logs) -> None:
    pack = a_pack(logs)
    altered = copy.deepcopy(pack)
    figures = altered["figures"]
    assert isinstance(figures, list)
    males = next(f for f in figures if f["key"] == "participants.gender.male")
    males["cumulative"] = 5
    altered["digest"] = digest_of(altered)

    verdict = verify_pack(altered, logs.sources())

    assert not verdict.match
    assert verdict.findings == (
        "first differing figure: participants.gender.male cumulative is 1 in the logs, "
        "5 in the pack",
    )


def test_an_edited_pack_without_a_new_digest_is_reported_as_altered(logs: Logs) -> None:
    pack = a_pack(logs)
    pack["recorded_by"] = "2019-01-01"

    verdict = verify_pack(pack, logs.sources())

    assert not verdict.match
    assert "altered after export" in verdict.findings[0]


def test_a_tampered_log_names_its_first_bad_event(logs: Logs) -> None:
    pack = a_pack(logs)
    database = logs.logs["intake"].db
    with database.engine.begin() as conn:
        conn.execute(
            text(
                "UPDATE events SET payload = replace(payload, '\"male', '\"female')"
                " WHERE position = 2"
            )
        )

    verdict = verify_pack(pack, logs.sources())

    assert not verdict.match
    assert "first bad event at position 2" in verdict.findings[0]
    assert verdict.findings[1] == (
        "first differing figure: participants.gender.female cumulative is 2 in the logs, "
        "1 in the pack"
    )
