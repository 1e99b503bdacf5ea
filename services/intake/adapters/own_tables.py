"""A store on tables of its own in intake's database (adapter layer).

Each store keeps its tables in a ``MetaData`` of its own, so that a test or the embedded
file can make just the tables it uses (``create``); a deployed database gets them from
the migrations instead. What every such store holds and how it makes its tables is said
here once.
"""

from __future__ import annotations

from typing import ClassVar, Self

from sqlalchemy import MetaData

from shared.eventlog.sql import Database


class OwnTables:
    """A store over the tables of ``metadata`` in ``db``."""

    metadata: ClassVar[MetaData]

    def __init__(self, db: Database) -> None:
        self.db = db

    def create(self) -> Self:
        """Make the store's tables where they are missing; the store, to go on with."""
        self.db.create(self.metadata)
        return self
