"""The capacity search of ``duuni bench load --find``: which load next, and the answer."""

from __future__ import annotations

from collections.abc import Callable

from bench.capacity import StepResult, capacity, capacity_line, next_load


def search(holds: Callable[[int], bool], **limits: int) -> tuple[list[int], int]:
    """Run the search against a deployment where ``holds(coaches)`` says pass or fail."""
    passed: dict[int, bool] = {}
    tried: list[int] = []
    while (load := next_load(passed, **limits)) is not None:
        assert load not in passed, f"{load} measured twice"
        tried.append(load)
        passed[load] = holds(load)
    return tried, capacity(passed)


def test_it_climbs_in_steps_then_bisects_to_the_resolution() -> None:
    tried, found = search(lambda coaches: coaches <= 115)

    assert tried == [25, 50, 75, 100, 125, 112, 118]
    assert found == 112


def test_a_first_step_that_fails_bisects_downwards() -> None:
    tried, found = search(lambda coaches: coaches <= 15)

    assert tried == [25, 12, 18]
    assert found == 12


def test_nothing_passing_gives_zero() -> None:
    tried, found = search(lambda coaches: False)

    assert tried == [25, 12, 6]
    assert found == 0


def test_passing_at_the_ceiling_stops_there() -> None:
    tried, found = search(lambda coaches: True, ceiling=60)

    assert tried == [25, 50, 60]
    assert found == 60


def test_a_noisy_pass_above_a_failure_does_not_count() -> None:
    assert capacity({25: True, 50: False, 75: True}) == 25
    assert next_load({25: True, 50: False, 75: True}) == 37


def step(coaches: int, p99: float, errors: int = 0, requests: int = 1000) -> StepResult:
    return StepResult(coaches, requests, 20.0, p99, "intake: enrol", errors, 200.0)


def test_a_step_passes_only_under_the_target_with_almost_no_errors() -> None:
    assert step(50, 150).passed
    assert not step(50, 200).passed
    assert not step(50, 150, errors=11).passed
    assert step(50, 150, errors=10).passed
    assert not step(50, 150, requests=0).passed


def test_the_capacity_line_names_the_load_and_its_rate() -> None:
    results = [step(25, 80), step(50, 120), step(75, 260)]

    line = capacity_line("multi", results, 1.0)

    assert "50 coaches at 1 s think time" in line and "50 requests/s" in line
    assert "75 fail" in line
    assert "below 25" in capacity_line("embedded", [step(25, 300)], 1.0)
