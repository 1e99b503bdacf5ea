"""The event log: its port, its engines, subscriptions and the hash chain.

The relational engines live in ``shared.eventlog.sql``; the in-memory engine, the fake
for service-layer tests, is exported here.
"""

from shared.eventlog.memory import InMemoryEventLog

__all__ = ["InMemoryEventLog"]
