"""A schema tree: one owner's tables, its migrations and its version table.

Each service's database holds two trees: the event log's (``shared``: the log, its
head, idempotency keys and the consumers' checkpoints) and the service's own (accounts,
personal data, read models…). Each has its own version table, so the log's schema and
a service's schema are upgraded by their own migrations, in one database.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from sqlalchemy import MetaData


@dataclasses.dataclass(frozen=True)
class Projections:
    """Read models that replaying the logs rebuilds: no migration has to keep their rows.

    When ``layout`` changes (their tables or what the handlers write changed), their
    tables are emptied and their ``subscriptions`` (names, or prefixes ending in ".")
    start over from the first event, so the read models are rebuilt by replay.
    """

    layout: int
    tables: tuple[str, ...]
    subscriptions: tuple[str, ...]

    def feeds(self, subscription: str) -> bool:
        return any(
            subscription == name or (name.endswith(".") and subscription.startswith(name))
            for name in self.subscriptions
        )


@dataclasses.dataclass(frozen=True)
class SchemaTree:
    """``versions``: the folder of this tree's Alembic revisions (``0001_baseline.py`` …).

    ``run_time_prefixes``: tables made while running, not by a migration (reporting's
    copies built aside during a replay); migrations and comparisons leave them alone.
    ``projections``: which of the tables are read models rebuilt by replay.
    """

    name: str
    versions: Path
    metadata: tuple[MetaData, ...]
    run_time_prefixes: tuple[str, ...] = ()
    projections: Projections | None = None

    @property
    def version_table(self) -> str:
        return f"schema_version_{self.name}"

    def table_names(self) -> frozenset[str]:
        return frozenset(name for m in self.metadata for name in m.tables)

    def includes(self, name: str | None, type_: str, _parent: Any) -> bool:
        """Alembic's filter: only this tree's own tables count (others share the database)."""
        if type_ != "table" or name is None:
            return True
        return name in self.table_names() and not name.startswith(self.run_time_prefixes)
