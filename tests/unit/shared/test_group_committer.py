"""The group committer's queue on its own: who leads, who waits, and failures shared.

The relational log's behaviour in groups is held by the contract suite; these tests pin
the queue itself with a commit function of their own, so that a failure in it can be
staged exactly.
"""

from __future__ import annotations

import threading

import pytest

from shared.eventlog.port import ANY, AppendResult, EventLogError
from shared.eventlog.sql.group import GroupCommitter, Pending


def _pending(stream: str) -> Pending:
    return Pending(stream, [], ANY, None)


def test_a_lone_append_leads_a_group_of_one() -> None:
    groups: list[list[str]] = []

    def commit(group: list[Pending]) -> None:
        groups.append([item.stream_id for item in group])
        for item in group:
            item.result = AppendResult(item.stream_id, 1, 1, 1)

    committer = GroupCommitter(commit)

    result = committer.submit(_pending("a")).outcome()

    assert result.stream_id == "a" and groups == [["a"]]
    assert (committer.stats.commits, committer.stats.appends) == (1, 1)


def test_appends_queued_behind_a_commit_are_committed_together_and_share_its_failure() -> None:
    entered, release = threading.Event(), threading.Event()
    groups: list[list[str]] = []

    def commit(group: list[Pending]) -> None:
        groups.append([item.stream_id for item in group])
        if group[0].stream_id == "first":
            entered.set()
            release.wait(5)
            for item in group:
                item.result = AppendResult(item.stream_id, 1, 1, 1)
            return
        raise OSError("the disk is full")

    committer = GroupCommitter(commit)
    outcomes: dict[str, object] = {}

    def submit(stream: str) -> None:
        try:
            outcomes[stream] = committer.submit(_pending(stream)).outcome()
        except OSError as error:
            outcomes[stream] = error

    first = threading.Thread(target=submit, args=("first",))
    first.start()
    assert entered.wait(5)
    others = [threading.Thread(target=submit, args=(s,)) for s in ("b", "c", "d")]
    for thread in others:
        thread.start()
    while committer.waiting < 3:
        threading.Event().wait(0.01)
    release.set()
    for thread in [first, *others]:
        thread.join(5)

    assert groups[0] == ["first"] and sorted(groups[1]) == ["b", "c", "d"]
    assert isinstance(outcomes["first"], AppendResult)
    assert all(isinstance(outcomes[s], OSError) for s in ("b", "c", "d"))
    # The queue is free again: the failed group left no leader behind.
    with pytest.raises(OSError):
        committer.submit(_pending("e")).outcome()


def test_an_append_the_commit_left_undecided_is_an_error_not_a_silent_success() -> None:
    committer: GroupCommitter[Pending] = GroupCommitter(lambda group: None)

    with pytest.raises(EventLogError, match="undecided"):
        committer.submit(_pending("a")).outcome()
