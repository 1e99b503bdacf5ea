"""Rebuilding read models by replay when their layout changes (adapter layer).

Tables of record (accounts, personal data, texts, the log) are changed by migrations that
keep every row. Read models need no such care: they are what the handlers made of the
events, so when their layout changes they are emptied and their subscriptions start from
the first event again. The layout each was built under is kept in
``projection_layouts``; ``rebuild_at_next_start`` forces a rebuild (after a restore).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import Connection, delete, select, text

from shared.eventlog.sql.engine import Database
from shared.eventlog.sql.schema import checkpoints, projection_layouts
from shared.migrations.tree import SchemaTree

log = logging.getLogger(__name__)
FORCED = -1
"""The layout recorded to have the read models rebuilt at the next start."""


def rebuild_if_layout_changed(db: Database, trees: Sequence[SchemaTree]) -> list[str]:
    """Empty the read models of every tree whose layout differs; the trees rebuilt.

    A database that never recorded a layout (made before layouts were recorded, or new)
    is taken to be at the code's layout: nothing is emptied.
    """
    rebuilt = []
    with db.engine.begin() as conn:
        for tree in trees:
            if tree.projections is None:
                continue
            row = conn.execute(
                select(projection_layouts.c.layout).where(projection_layouts.c.tree == tree.name)
            ).first()
            if row is not None and row[0] != tree.projections.layout:
                _empty(conn, db, tree)
                rebuilt.append(tree.name)
            if row is None or row[0] != tree.projections.layout:
                _record(conn, tree.name, tree.projections.layout)
    for name in rebuilt:
        log.warning("read models of %s: layout changed, rebuilding them by replay", name)
    return rebuilt


def rebuild_at_next_start(db: Database, trees: Sequence[SchemaTree]) -> None:
    """Have the read models rebuilt from the first event when the service next starts."""
    with db.engine.begin() as conn:
        for tree in trees:
            if tree.projections is not None:
                _record(conn, tree.name, FORCED)


def _empty(conn: Connection, db: Database, tree: SchemaTree) -> None:
    assert tree.projections is not None
    for table in tree.projections.tables:
        conn.execute(text(f"DELETE FROM {db.table(table)}"))
    names = conn.execute(select(checkpoints.c.subscription).distinct()).scalars()
    fed = [name for name in names if tree.projections.feeds(name)]
    if fed:
        conn.execute(delete(checkpoints).where(checkpoints.c.subscription.in_(fed)))


def _record(conn: Connection, tree: str, layout: int) -> None:
    conn.execute(delete(projection_layouts).where(projection_layouts.c.tree == tree))
    conn.execute(
        projection_layouts.insert().values(
            tree=tree, layout=layout, rebuilt_at=datetime.now(UTC).isoformat(timespec="seconds")
        )
    )
