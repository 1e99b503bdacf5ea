"""The fact tables in reporting's own database (adapter layer).

``SqlFactRows`` serves the live projection inside a subscription's transaction;
``SqlFactStore`` reads a project's rows for the reports and replaces every table after a
replay: the rows are bulk-inserted into fresh ``rp_next_…`` tables (COPY on PostgreSQL),
then one transaction drops the live tables, renames the new ones into place and moves
the subscriptions' checkpoints, so readers see either the old projection or the new one.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Connection, MetaData, and_, bindparam, insert, select, update

from services.reporting.adapters.tables import (
    ASIDE,
    CODECS,
    KEYS,
    LIVE,
    LIVE_TABLES,
    TABLE_NAMES,
    fact_tables,
    reporting_metadata,
    unique_key_index,
)
from services.reporting.domain.facts import KINDS, Fact, Key, ProjectFacts
from services.reporting.domain.fold import Facts
from shared.eventlog.sql import Database
from shared.eventlog.subscription import ConsumerStore


class SqlFactRows:
    """Get and put single fact rows with the subscription's connection."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def get(self, kind: str, key: Key) -> Fact | None:
        table = LIVE_TABLES[kind]
        match = and_(*(table.c[n] == v for n, v in zip(KEYS[kind], key, strict=True)))
        row = self.conn.execute(select(table).where(match)).first()
        return None if row is None else CODECS[kind].fact(row)

    def put(self, kind: str, key: Key, fact: Fact) -> None:
        table = LIVE_TABLES[kind]
        codec = CODECS[kind]
        values = dict(zip(codec.names, codec.row(fact), strict=True))
        match = and_(*(table.c[n] == v for n, v in zip(KEYS[kind], key, strict=True)))
        done = self.conn.execute(update(table).where(match).values(**values))
        if done.rowcount == 0:
            self.conn.execute(insert(table).values(**values))


class SqlFactStore:
    def __init__(self, database: Database, consumers: ConsumerStore) -> None:
        self.db = database
        self.consumers = consumers

    def create(self) -> SqlFactStore:
        self.db.create(reporting_metadata)
        return self

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
                width = len(KEYS[kind])
                for row in conn.execute(select(LIVE_TABLES[kind])):
                    facts.rows[kind][tuple(row[:width])] = codec.fact(row)
        return facts

    def projects(self) -> list[str]:
        with self.db.read() as conn:
            table = LIVE_TABLES[KINDS[0]]
            found = {r[0] for r in conn.execute(select(table.c.project_id).distinct())}
            for kind in KINDS[1:]:
                table = LIVE_TABLES[kind]
                found |= {r[0] for r in conn.execute(select(table.c.project_id).distinct())}
        return sorted(found)

    def replace_all(self, facts: Facts, checkpoints: Mapping[tuple[str, str], int]) -> None:
        self._drop(ASIDE)
        aside = fact_tables(MetaData(), ASIDE)
        self.db.create(aside[KINDS[0]].metadata)
        for kind in KINDS:
            self._bulk_insert(aside[kind].name, kind, list(facts.rows[kind].values()))
        with self.db.engine.begin() as conn:
            for kind in KINDS:
                name = aside[kind].name
                conn.exec_driver_sql(unique_key_index(kind, name, self.db.table(name)))
        with self.db.engine.begin() as conn:
            for kind in KINDS:
                live = self.db.table(f"{LIVE}{TABLE_NAMES[kind]}")
                conn.exec_driver_sql(f"DROP TABLE IF EXISTS {live}")
                conn.exec_driver_sql(
                    f"ALTER TABLE {self.db.table(aside[kind].name)}"
                    f' RENAME TO "{LIVE}{TABLE_NAMES[kind]}"'
                )
            for (subscription, source), position in checkpoints.items():
                self.consumers.save_checkpoint(conn, subscription, source, position)

    def _drop(self, prefix: str) -> None:
        with self.db.engine.begin() as conn:
            for kind in KINDS:
                conn.exec_driver_sql(
                    f"DROP TABLE IF EXISTS {self.db.table(prefix + TABLE_NAMES[kind])}"
                )

    def _bulk_insert(self, name: str, kind: str, facts: list[Fact]) -> None:
        if not facts:
            return
        codec = CODECS[kind]
        rows = map(codec.row, facts)
        columns = ", ".join(codec.names)
        table = self.db.table(name)
        connection: Any = self.db.engine.raw_connection()
        try:
            cursor = connection.cursor()
            if self.db.dialect == "postgresql":
                with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                cursor.execute("BEGIN IMMEDIATE")
                marks = ", ".join("?" for _ in codec.names)
                cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)
            connection.commit()
        except BaseException:
            connection.rollback()
            raise
        finally:
            connection.close()
