"""Writers of the moment share the read-your-writes refresh, and none returns before a
refresh that began after its write."""

from __future__ import annotations

import threading
import time

from shared.messagebus import Coalesced


class SlowRefresh:
    """A catch-up that takes a while and remembers when each run began."""

    def __init__(self, seconds: float = 0.05, failing: frozenset[int] = frozenset()) -> None:
        self.seconds = seconds
        self.failing = failing
        """Which runs (1, 2, …) raise."""
        self.began: list[float] = []
        self.succeeded: list[float] = []

    def __call__(self) -> None:
        self.began.append(began := time.monotonic())
        run = len(self.began)
        time.sleep(self.seconds)
        if run in self.failing:
            raise RuntimeError("database went away")
        self.succeeded.append(began)


def _writers(
    refresh: Coalesced, count: int, failed: list[str] | None = None
) -> list[tuple[float, float]]:
    """``count`` threads call at once; each one's (call, return) times, unless it raised."""
    spans: list[tuple[float, float]] = []
    gate = threading.Barrier(count)

    def writer() -> None:
        gate.wait()
        called = time.monotonic()
        try:
            refresh()
        except RuntimeError as error:
            assert failed is not None
            failed.append(str(error))
            return
        spans.append((called, time.monotonic()))

    threads = [threading.Thread(target=writer) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    return spans


def test_concurrent_writers_share_runs_and_each_waits_for_one_begun_after_it() -> None:
    slow = SlowRefresh()

    spans = _writers(Coalesced(slow), 12)

    assert len(spans) == 12
    assert len(slow.began) <= 3  # not one each
    for called, returned in spans:
        assert any(called <= began and began + slow.seconds <= returned for began in slow.began)


def test_a_lone_writer_runs_the_refresh_itself_every_time() -> None:
    slow = SlowRefresh(seconds=0.0)
    refresh = Coalesced(slow)

    refresh()
    refresh()

    assert len(slow.began) == 2


def test_a_failed_run_raises_in_its_runner_and_its_waiters_run_their_own() -> None:
    slow = SlowRefresh(failing=frozenset({2}))  # the run shared by the writers who waited
    failed: list[str] = []

    spans = _writers(Coalesced(slow), 6, failed)

    assert failed == ["database went away"]
    assert len(spans) == 5
    for called, returned in spans:
        assert any(called <= began <= returned - slow.seconds for began in slow.succeeded)
