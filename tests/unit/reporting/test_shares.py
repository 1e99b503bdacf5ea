"""Shares of a replay: every project in exactly one, as even as can be, and folding them
apart gives exactly the facts of folding everything at once."""

from __future__ import annotations

import itertools

from services.reporting.domain.fold import Facts
from services.reporting.service_layer.replay import plan_shares
from tests.unit.reporting.builders import (
    attendance,
    company,
    corrected,
    enrolled,
    exited,
    placement,
    re_entered,
    read,
    session,
    target,
)


def test_every_project_lands_in_exactly_one_share() -> None:
    sizes = {f"S{n:05d}": n * 7 % 13 + 1 for n in range(40)}

    shares = plan_shares(sizes, 3)

    for project in sizes:
        assert sum(share.holds(project) for share in shares) == 1


def test_a_project_nobody_knew_of_falls_to_the_last_share() -> None:
    shares = plan_shares({"S1": 5, "S2": 4}, 2)

    assert [share.holds("S3") for share in shares] == [False, True]
    assert [share.index for share in shares] == [0, 1]


def test_the_biggest_projects_are_spread_first_so_the_shares_weigh_alike() -> None:
    sizes = {"A": 10, "B": 9, "C": 1, "D": 1}

    shares = plan_shares(sizes, 2)

    weights = [sum(size for project, size in sizes.items() if s.holds(project)) for s in shares]
    assert sorted(weights) == [10, 11]


def test_the_same_sizes_always_give_the_same_shares() -> None:
    sizes = {"S2": 3, "S1": 3, "S3": 3}

    assert plan_shares(sizes, 2) == plan_shares(dict(reversed(sizes.items())), 2)


def test_one_share_holds_every_project() -> None:
    [share] = plan_shares({"S1": 1, "S2": 2}, 1)

    assert share.holds("S1") and share.holds("S2") and share.holds("anything")


def test_folding_the_shares_apart_gives_the_facts_of_folding_everything() -> None:
    rows = list(_history("S00001", "S00002", "S00003", "S00004"))
    whole = Facts()
    whole.fold(rows)

    parts = Facts()
    for share in plan_shares({"S00001": 4, "S00002": 3, "S00003": 2}, 3):
        part = Facts()
        part.fold(row for row in rows if share.holds(row[2]))
        for kind, table in part.rows.items():
            assert not table.keys() & parts.rows[kind].keys()  # no row is built twice
            parts.rows[kind].update(table)

    assert parts == whole
    assert len(whole.by_project()) == 4


def _history(*projects: str) -> list[tuple[int, str, str, object]]:
    """The same clients' events in every project, interleaved as logs interleave them."""
    rows = []
    positions = itertools.count(1)
    for step in range(3):
        for project in projects:
            client, firm = f"c{step}", f"firm{step}"
            events = [
                enrolled(client, "2019-02-01"), session(client, "2019-02-02"),
                attendance(client, "m1", "2019-02-03"), corrected(client, gender="male"),
                company(firm), placement(client, firm, "2019-03-01"),
                exited(client, "2019-04-01"), re_entered(client, "2019-05-01"),
                target("participants.total", 10 + step),
            ]  # fmt: skip
            rows += [
                (next(positions), kind, project, read(kind, payload)) for kind, payload in events
            ]
    return rows
