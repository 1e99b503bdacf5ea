"""The access log commits the records that arrive together as one group.

Every page that shows a person's data records the reading before it answers, so the log
takes a write for nearly every request. Records that queue while the database is busy are
stored together: one transaction, each record still whole, the chain unbroken and
numbered without gaps, and none reported stored unless it is. Each test holds the table's
write lock from another connection while the records queue, so that they form one group
behind a first record that waits for the lock.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator

import pytest
from sqlalchemy import text

from services.intake.adapters.access_log import SqlAccessLog
from services.intake.adapters.accounts import SqlAccountStore
from services.intake.service_layer.access_log import Access, AccessQuery
from shared.eventlog.sql import Database, open_database


@pytest.fixture
def database(store: SqlAccountStore) -> Database:
    """Intake's database, on SQLite and on PostgreSQL (``store``'s two)."""
    return store.db


@contextlib.contextmanager
def held_writes(log: SqlAccessLog) -> Iterator[None]:
    """The access log's table locked for writing by a connection of its own."""
    other = open_database(
        log.db.engine.url.render_as_string(hide_password=False), schema=log.db.schema
    )
    connection = other.engine.raw_connection()
    try:
        cursor = connection.cursor()
        if other.dialect == "sqlite":
            connection.driver_connection.execute("BEGIN IMMEDIATE")
        else:
            cursor.execute(f"LOCK TABLE {other.table('access_log')} IN EXCLUSIVE MODE")
        yield
    finally:
        connection.rollback()
        connection.close()
        other.dispose()


def _viewed(client: str, user: str = "coach-a") -> Access:
    return Access(project_id="A", client_id=client, user_id=user, action="view")


def test_records_that_queue_together_are_stored_in_one_commit(database: Database) -> None:
    log = SqlAccessLog(database).create()
    log.record([_viewed("first")])  # a head to chain on
    errors: list[BaseException] = []

    def record(accesses: list[Access]) -> None:
        try:
            log.record(accesses)
        except BaseException as error:
            errors.append(error)

    with held_writes(log):
        leader = threading.Thread(target=record, args=([_viewed("lead")],))
        leader.start()
        time.sleep(0.3)  # the leader now waits for the lock
        followers = [
            threading.Thread(target=record, args=([_viewed(f"c{i}"), _viewed(f"c{i}", "b")],))
            for i in range(5)
        ]
        for thread in followers:
            thread.start()
        deadline = time.monotonic() + 10
        while log.waiting < 5 and time.monotonic() < deadline:
            time.sleep(0.01)
        queued = log.waiting
    for thread in [leader, *followers]:
        thread.join(10)

    entries, total = log.entries(AccessQuery(project_id="A"))
    stored = {(entry.client_id, entry.user_id) for entry in entries}
    assert errors == [] and queued == 5
    assert (log.group_stats.commits, log.group_stats.appends) == (3, 7)
    assert log.group_stats.largest == 5  # the five that queued behind the leader
    assert total == 12 and sorted(entry.seq for entry in entries) == list(range(1, 13))
    assert {(f"c{i}", user) for i in range(5) for user in ("coach-a", "b")} <= stored
    assert log.verify().ok


def test_a_failed_group_reports_every_record_of_it_unstored(database: Database) -> None:
    log = SqlAccessLog(database).create()
    with database.engine.begin() as conn:  # every insert now fails
        conn.execute(text(f"DROP TABLE {database.table('access_log')}"))

    with pytest.raises(Exception, match="access_log"):
        log.record([_viewed("c1")])
    log.create()  # the table again: the queue was left free for the next record
    log.record([_viewed("c2")])

    entries, total = log.entries(AccessQuery(project_id="A"))
    assert total == 1 and entries[0].client_id == "c2" and log.verify().ok
