"""A Kafka subscription's offsets of record, kept in the consumer's own database.

Per partition: the last applied event position (to drop what the relay published twice)
and the next offset to read (where to seek after every assignment). Both are written in
the transaction that writes the handler's effects; Kafka's committed offsets, written
afterwards, are only for monitoring.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable

from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.abc import ConsumerRebalanceListener
from sqlalchemy import ColumnElement, select

from shared.eventlog.sql.engine import Database
from shared.eventlog.sql.schema import checkpoints


def _key(subscription: str, tp: TopicPartition) -> tuple[ColumnElement[bool], ...]:
    return (
        checkpoints.c.subscription == subscription,
        checkpoints.c.source == tp.topic,
        checkpoints.c.partition == tp.partition,
    )


def stored_offsets(
    db: Database, subscription: str, partitions: Iterable[TopicPartition]
) -> dict[TopicPartition, int]:
    """The next offset to read, for the partitions this subscription has read before."""
    found = {}
    with db.read() as conn:
        for tp in partitions:
            row = conn.execute(
                select(checkpoints.c.next_offset).where(*_key(subscription, tp))
            ).first()
            if row is not None:
                found[tp] = int(row[0])
    return found


class SeekToStoredOffsets(ConsumerRebalanceListener):  # type: ignore[misc]
    """On every assignment, continue where the database says; from the start if new."""

    def __init__(self, consumer: AIOKafkaConsumer, db: Database, subscription: str) -> None:
        self._consumer = consumer
        self._db = db
        self._subscription = subscription

    async def on_partitions_revoked(self, revoked: set[TopicPartition]) -> None:
        pass  # nothing to save: each batch's offsets were stored with its effects

    async def on_partitions_assigned(self, assigned: set[TopicPartition]) -> None:
        stored = await asyncio.to_thread(
            stored_offsets, self._db, self._subscription, sorted(assigned)
        )
        for tp in assigned:
            if tp in stored:
                self._consumer.seek(tp, stored[tp])
            else:
                await self._consumer.seek_to_beginning(tp)
