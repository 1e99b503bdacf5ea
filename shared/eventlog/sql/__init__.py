"""The relational engines of the event log: SQLite (embedded default) and PostgreSQL."""

from shared.eventlog.sql.engine import Database, open_database
from shared.eventlog.sql.log import SqlEventLog

__all__ = ["Database", "SqlEventLog", "open_database"]
