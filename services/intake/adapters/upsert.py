"""Setting a row that may not be there yet (adapter layer): an update, then an insert
where the update found no row, in the caller's transaction; the same statements on
SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Connection, Table, insert, update


def upsert(
    conn: Connection, table: Table, key: Mapping[str, Any], values: Mapping[str, Any]
) -> None:
    """Set ``values`` on the row of ``key`` (its primary key's columns), or add the row
    with both when there is none."""
    done = conn.execute(
        update(table).where(*(table.c[name] == value for name, value in key.items())).values(values)
    )
    if done.rowcount == 0:
        conn.execute(insert(table).values({**key, **values}))
