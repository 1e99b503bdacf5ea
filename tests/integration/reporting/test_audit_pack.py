"""Audit packs: exported from the logs, verified against them, tampering named."""

from __future__ import annotations

import copy
from datetime import date

from sqlalchemy import text

from services.reporting.domain.figures import Period
from services.reporting.service_layer.audit import digest_of, export_pack, verify_pack
from tests.integration.reporting.builders import Logs
from tests.unit.reporting.builders import PROJECT, enrolled, exited, session
from tests.unit.reporting.final_builders import money_events

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


def test_the_pack_carries_the_money_and_names_an_altered_cost(logs: Logs) -> None:
    """The final report's money is in the pack as euro cents, re-derived like any figure:
    the seed's budget, the corrected booking counted as corrected, the ESF share."""
    logs.record(*money_events())
    period = Period(date(2018, 1, 1), date(2020, 1, 31))
    pack = export_pack(logs.sources(), PROJECT, period, None)
    lines = {f["key"]: f for f in pack["figures"]}  # type: ignore[attr-defined]

    assert lines["money.budget"]["cumulative"] == 242_550_00
    assert lines["money.realised"]["cumulative"] == 225_303_00
    assert lines["money.realised.purchased_services"]["cumulative"] == 49_803_00
    assert lines["money.funding.esf"]["cumulative"] == 169_785_00
    assert verify_pack(pack, logs.sources()).match

    altered = copy.deepcopy(pack)
    next(f for f in altered["figures"] if f["key"] == "money.realised")["cumulative"] = 1  # type: ignore[attr-defined]
    altered["digest"] = digest_of(altered)
    verdict = verify_pack(altered, logs.sources())
    assert verdict.findings == (
        "first differing figure: money.realised cumulative is 22530300 in the logs, 1 in the pack",
    )


def test_a_pack_of_earlier_rules_verifies_on_the_figures_of_its_day(logs: Logs) -> None:
    """After an upgrade that adds figures, an older pack still verifies: every figure it
    holds comes out the same; a changed one is still named, and a pack of today's rules
    missing a figure is still a mismatch."""
    pack = a_pack(logs)
    older = copy.deepcopy(pack)
    older["counting_rules_version"] = "2019.1"
    older["figures"] = [f for f in older["figures"] if f["key"] != "money.budget"]  # type: ignore[attr-defined]
    older["digest"] = digest_of(older)
    trimmed = copy.deepcopy(older)
    trimmed["counting_rules_version"] = pack["counting_rules_version"]
    trimmed["digest"] = digest_of(trimmed)
    changed = copy.deepcopy(older)
    next(f for f in changed["figures"] if f["key"] == "participants.total")["cumulative"] = 9  # type: ignore[attr-defined]
    changed["digest"] = digest_of(changed)

    verdict = verify_pack(older, logs.sources())
    assert verdict.match, verdict.describe()
    assert "counting rules 2019.1" in verdict.describe()
    assert verify_pack(trimmed, logs.sources()).findings == (
        "first differing figure: money.budget is not in the pack",
    )
    assert not verify_pack(changed, logs.sources()).match
