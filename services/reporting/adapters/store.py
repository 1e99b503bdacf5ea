"""The fact tables in reporting's own database (adapter layer).

``SqlFactRows`` serves the live projection inside a subscription's transaction;
``SqlFactStore`` reads a project's rows for the reports and replaces every table after a
replay: the rows are bulk-inserted into fresh ``rp_next_…`` tables (COPY on PostgreSQL),
possibly by several processes at once, the last to write a kind indexing its table; then
one transaction drops the live tables, renames the new ones into place and moves the
subscriptions' checkpoints, so readers see either the old projection or the new one.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, Final

from sqlalchemy import (
    Connection,
    MetaData,
    Select,
    and_,
    bindparam,
    func,
    insert,
    select,
)

from services.reporting.adapters.tables import (
    ASIDE,
    CODECS,
    KEYS,
    LAYOUT,
    LAYOUT_VERSION,
    LIVE,
    LIVE_TABLES,
    TABLE_NAMES,
    WRITERS,
    column_names,
    fact_key,
    fact_tables,
    reporting_metadata,
    unique_key_index,
    writers_table,
)
from services.reporting.domain.facts import KINDS, PARTICIPANT, Fact, Key, ProjectFacts
from services.reporting.domain.fold import Facts
from shared.eventlog.sql import Database
from shared.eventlog.sql.engine import begin_immediate
from shared.eventlog.sql.rows import upsert
from shared.eventlog.subscription import ConsumerStore

OBSOLETE: Final = ("rp_sessions", "rp_attendance")
"""Tables of layout 1, dropped when a replay swaps in the current layout."""


class SqlFactRows:
    """Get and put single fact rows with the subscription's connection."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def get(self, kind: str, key: Key) -> Fact | None:
        found = self.conn.execute(_one_row(kind), _key_params(kind, key)).first()
        return None if found is None else CODECS[kind].fact(found)

    def put(self, kind: str, key: Key, fact: Fact) -> None:
        values = dict(zip(column_names(kind), CODECS[kind].row(fact), strict=True))
        upsert(self.conn, LIVE_TABLES[kind], dict(zip(KEYS[kind], key, strict=True)), values)


@functools.cache
def _one_row(kind: str) -> Select[Any]:
    """The select of one fact by its key, built once: a replay asks it for every event."""
    table = LIVE_TABLES[kind]
    return select(table).where(and_(*(table.c[n] == bindparam(f"key_{n}") for n in KEYS[kind])))


def _key_params(kind: str, key: Key) -> dict[str, Any]:
    return {f"key_{name}": value for name, value in zip(KEYS[kind], key, strict=True)}


class SqlFactStore:
    def __init__(self, database: Database, consumers: ConsumerStore) -> None:
        self.db = database
        self.consumers = consumers

    def create(self) -> SqlFactStore:
        self.db.create(reporting_metadata)
        return self

    def layout_current(self) -> bool:
        """Whether the live tables were built under this code's ``LAYOUT_VERSION``.

        A database from before the layout was recorded, or from another layout, must be
        rebuilt by a replay before its figures can be trusted.
        """
        with self.db.read() as conn:
            version = conn.execute(select(LAYOUT.c.version)).scalar()
        return version == LAYOUT_VERSION

    def project_facts(self, project_id: str) -> ProjectFacts:
        rows: dict[str, list[Fact]] = {}
        with self.db.read() as conn:
            for kind in KINDS:
                table = LIVE_TABLES[kind]
                found = conn.execute(
                    select(table).where(table.c.project_id == bindparam("p")), {"p": project_id}
                )
                rows[kind] = [CODECS[kind].fact(row) for row in found]
        return ProjectFacts.of(project_id, rows)

    def all_facts(self) -> Facts:
        facts = Facts()
        with self.db.read() as conn:
            for kind in KINDS:
                codec = CODECS[kind]
                table = facts.rows[kind]
                for row in conn.execute(select(LIVE_TABLES[kind])):
                    fact = codec.fact(row)
                    table[fact_key(kind, fact)] = fact
        return facts

    def project_sizes(self) -> dict[str, int]:
        table = LIVE_TABLES[PARTICIPANT]
        with self.db.read() as conn:
            found = conn.execute(
                select(table.c.project_id, func.count()).group_by(table.c.project_id)
            )
            return {str(project): int(count) for project, count in found}

    def projects(self) -> list[str]:
        with self.db.read() as conn:
            table = LIVE_TABLES[KINDS[0]]
            found = {r[0] for r in conn.execute(select(table.c.project_id).distinct())}
            for kind in KINDS[1:]:
                table = LIVE_TABLES[kind]
                found |= {r[0] for r in conn.execute(select(table.c.project_id).distinct())}
        return sorted(found)

    # -- replays ------------------------------------------------------------------------

    def replace_all(self, facts: Facts, checkpoints: Mapping[tuple[str, str], int]) -> None:
        """A whole replay's rows from this process: aside, then swapped in."""
        self.prepare_aside()
        self.write_aside(facts)
        self.swap_in(checkpoints)

    def prepare_aside(self, writers: int = 1) -> None:
        self._drop([*(f"{ASIDE}{TABLE_NAMES[kind]}" for kind in KINDS), WRITERS])
        metadata = MetaData()
        fact_tables(metadata, ASIDE)
        table = writers_table(metadata)
        self.db.create(metadata)
        with self.db.engine.begin() as conn:
            conn.execute(
                insert(table), [{"kind": k, "writers": writers, "indexed": 0} for k in KINDS]
            )

    def write_aside(
        self, facts: Facts, *, kinds: Sequence[str] | None = None, wait: bool = True
    ) -> int | None:
        written = 0
        connection: Any = self.db.engine.raw_connection()
        try:
            cursor = connection.cursor()
            sqlite = self.db.dialect == "sqlite"
            if sqlite and not begin_immediate(connection.driver_connection, wait=wait):
                return None
            chosen = KINDS if kinds is None else kinds
            for kind in chosen:
                written += self._bulk_insert(cursor, kind, facts.rows[kind].values())
            self._index_if_last(cursor, chosen)
            connection.commit()
        except BaseException:
            connection.rollback()
            raise
        finally:
            connection.close()
        return written

    def _index_if_last(self, cursor: Any, kinds: Sequence[str]) -> None:
        """Count this share's write of ``kinds``; index each kind no share has left to
        write. In one order of kinds for every share, so that on PostgreSQL, where the
        shares write at once, two never wait for each other's counts."""
        table = self.db.table(WRITERS)
        for kind in sorted(set(kinds), key=KINDS.index):
            cursor.execute(
                self.db.sql(f"UPDATE {table} SET writers = writers - 1 WHERE kind = ?"), (kind,)
            )
            cursor.execute(self.db.sql(f"SELECT writers FROM {table} WHERE kind = ?"), (kind,))
            left = cursor.fetchone()
            if left is not None and left[0] == 0:
                cursor.execute(self._index(kind))
                cursor.execute(
                    self.db.sql(f"UPDATE {table} SET indexed = 1 WHERE kind = ?"), (kind,)
                )

    def _index(self, kind: str) -> str:
        name = f"{ASIDE}{TABLE_NAMES[kind]}"
        return unique_key_index(kind, name, self.db.table(name))

    def swap_in(self, checkpoints: Mapping[tuple[str, str], int]) -> None:
        writers = self.db.table(WRITERS)
        with self.db.engine.begin() as conn:
            left = {
                row[0]
                for row in conn.exec_driver_sql(f"SELECT kind FROM {writers} WHERE indexed = 0")
            }
            for kind in KINDS:
                if kind in left:
                    conn.exec_driver_sql(self._index(kind))
        with self.db.engine.begin() as conn, self._freed_pages_kept(conn):
            conn.exec_driver_sql(f"DROP TABLE {writers}")
            for name in OBSOLETE:
                conn.exec_driver_sql(f"DROP TABLE IF EXISTS {self.db.table(name)}")
            for kind in KINDS:
                live = self.db.table(f"{LIVE}{TABLE_NAMES[kind]}")
                conn.exec_driver_sql(f"DROP TABLE IF EXISTS {live}")
                conn.exec_driver_sql(
                    f"ALTER TABLE {self.db.table(ASIDE + TABLE_NAMES[kind])}"
                    f' RENAME TO "{LIVE}{TABLE_NAMES[kind]}"'
                )
            for (subscription, source), position in checkpoints.items():
                self.consumers.save_checkpoint(conn, subscription, source, position)
                self.consumers.skip_through(conn, subscription, position)  # Kafka partitions
            conn.execute(LAYOUT.delete())
            conn.execute(insert(LAYOUT).values(id=1, version=LAYOUT_VERSION))

    @contextlib.contextmanager
    def _freed_pages_kept(self, conn: Connection) -> Iterator[None]:
        """For the block, SQLite leaves the pages a drop frees as they are, rather than
        overwriting them (``secure_delete``, on in many builds); the connection's setting
        is restored after.

        The live tables a swap drops hold pseudonymous fact rows only, each a function of
        the upstream logs kept beside them (docs/privacy.md): overwriting them would
        write the whole old projection once more, in the one step of a replay that
        nothing else runs beside.
        """
        if self.db.dialect != "sqlite":
            yield
            return
        before = int(conn.exec_driver_sql("PRAGMA secure_delete").scalar() or 0)
        conn.exec_driver_sql("PRAGMA secure_delete = 0")
        try:
            yield
        finally:
            conn.exec_driver_sql(f"PRAGMA secure_delete = {before}")

    def _drop(self, names: Iterable[str]) -> None:
        with self.db.engine.begin() as conn:
            for name in names:
                conn.exec_driver_sql(f"DROP TABLE IF EXISTS {self.db.table(name)}")

    def _bulk_insert(self, cursor: Any, kind: str, facts: Iterable[Fact]) -> int:
        rows = map(CODECS[kind].row, facts)
        names = column_names(kind)
        table = self.db.table(f"{ASIDE}{TABLE_NAMES[kind]}")
        columns = ", ".join(names)
        if self.db.dialect == "postgresql":
            count = 0
            with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
                    count += 1
            return count
        marks = ", ".join("?" for _ in names)
        cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)
        return int(cursor.rowcount)
