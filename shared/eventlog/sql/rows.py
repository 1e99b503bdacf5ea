"""Setting a row that may not be there yet (adapter layer), as read models and stores do.

An update, then an insert where the update found no row, in the caller's transaction: the
same statements on SQLite and PostgreSQL. The statements are built once per table and set
of columns, with bound parameters, so that a projection applying thousands of events
neither builds nor compiles a statement per event (building one with its values, and
SQLAlchemy's cache key over them, cost more than the round trip).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Connection, Insert, Table, Update, and_, bindparam, insert, update


def upsert(
    conn: Connection, table: Table, key: Mapping[str, Any], values: Mapping[str, Any]
) -> None:
    """Set ``values`` on the row of ``key`` (its primary key's columns), or add the row
    with both when there is none. ``values`` may repeat the key's columns."""
    if not values:
        raise ValueError("an upsert sets at least one column")
    change, add = _statements(table, tuple(key), tuple(values))
    given = {f"new_{name}": value for name, value in values.items()}
    matched = {f"key_{name}": value for name, value in key.items()}
    if conn.execute(change, {**given, **matched}).rowcount == 0:
        conn.execute(add, {**{f"new_{name}": value for name, value in key.items()}, **given})


@functools.lru_cache(maxsize=512)
def _statements(
    table: Table, key: tuple[str, ...], columns: tuple[str, ...]
) -> tuple[Update, Insert]:
    where = and_(*(table.c[name] == bindparam(f"key_{name}") for name in key))
    change = update(table).where(where).values({name: bindparam(f"new_{name}") for name in columns})
    every = dict.fromkeys((*key, *columns))
    add = insert(table).values({name: bindparam(f"new_{name}") for name in every})
    return change, add
