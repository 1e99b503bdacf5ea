"""An upstream log's Kafka topic as a replay reads it (adapter layer).

A replay from the broker instead of the log of record: for a reporting service whose
upstream databases are out of reach, or to check that the topics hold what the logs do.
A log's positions have no gaps, so the partitions are merged by position, a batch at a
time: the fold sees the log's own order, and a replay from Kafka builds exactly the rows
a replay from the log does. Only the envelope's
position, type and project are decoded before the filters; the payload is decoded
straight into its reader, as from the log.

A topic is replayed whole, from offset 0 to the last position the replay's cut names;
the as-of reports and the audit read the logs of record.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Iterator, Sequence
from typing import Any, Final

import msgspec
from aiokafka import AIOKafkaConsumer, TopicPartition

from services.reporting.adapters.readers import payload_reader
from services.reporting.domain.fold import Encoded
from services.reporting.domain.upstream import UPSTREAMS
from services.reporting.service_layer.ports import EVERY, LogSlice, Wanted
from shared.eventlog.chain import GENESIS
from shared.eventlog.kafka.clients import bootstrap_servers
from shared.eventlog.kafka.topics import events_topic, topic_partitions
from shared.settings import KafkaSettings

FETCH_BYTES: Final = 16 * 1024 * 1024
RECORDS_AT_ONCE: Final = 5_000
WAIT_MS: Final = 300
"""How long a fetch waits for records. The search for a topic's last event reads on from
the end offset until a fetch brings nothing: some brokers report that offset behind."""
GIVE_UP_SECONDS: Final = 30.0


class _Envelope(msgspec.Struct):
    """What a replay decodes of a published envelope before it filters."""

    position: int
    event_type: str
    project_id: str
    hash: str
    payload: msgspec.Raw


_ENVELOPE: Final = msgspec.json.Decoder(_Envelope)


class TopicSource:
    """One upstream log's events topic as a ``ReplaySource``."""

    def __init__(self, settings: KafkaSettings, log_name: str) -> None:
        self.settings = settings
        self.name = log_name
        self.topic = events_topic(settings, log_name)
        self.types = frozenset(UPSTREAMS.get(log_name, ()))

    def slice(self, *, recorded_by: str | None = None, upto: int | None = None) -> LogSlice:
        if recorded_by is not None or upto is not None:
            raise ValueError("a topic is replayed whole: as-of reports read the log of record")
        last = max(self._last_envelopes(), key=lambda e: e.position, default=None)
        if last is None:
            return LogSlice(self.name, 0, GENESIS)
        return LogSlice(self.name, last.position, last.hash)

    def rows(self, upto: int, wanted: Wanted = EVERY) -> Encoded:
        reader = payload_reader()
        batches = self._batches(upto, wanted)
        return Encoded(batches, reader.decode_json, reader.UNREADABLE)

    def _batches(self, upto: int, wanted: Wanted) -> Iterator[list[tuple[int, str, str, Any]]]:
        project, share, reached = wanted.project, wanted.share, wanted.reached
        batch: list[tuple[int, str, str, Any]] = []
        for count, envelope in enumerate(self._in_log_order(upto), start=1):
            if reached is not None and count % 20_000 == 0:
                reached(envelope.position)
            kind = envelope.event_type
            if kind not in self.types:
                continue
            if project is not None and envelope.project_id != project:
                continue
            if share is not None and not share.holds(envelope.project_id):
                continue
            batch.append((envelope.position, kind, envelope.project_id, envelope.payload))
            if len(batch) == RECORDS_AT_ONCE:
                yield batch
                batch = []
        if batch:
            yield batch
        if reached is not None:
            reached(upto)

    def project_sizes(self, upto: int) -> dict[str, int]:
        """Counted over the whole topic (a topic has no positions to sample by)."""
        sizes: dict[str, int] = {}
        for envelope in self._in_log_order(upto):
            sizes[envelope.project_id] = sizes.get(envelope.project_id, 0) + 1
        return sizes

    # -- the broker -----------------------------------------------------------------------

    def _in_log_order(self, upto: int) -> Iterator[_Envelope]:
        """Every envelope of positions 1..``upto``, once each, in position order.

        A log's positions have no gaps, so the next one to hand on is always known: it
        is taken from whichever partition holds it, a copy the relay published twice is
        dropped, and the read ends at ``upto`` without having to trust end offsets.
        """
        if upto < 1:
            return
        loop = asyncio.new_event_loop()
        consumer, partitions = loop.run_until_complete(self._open())
        try:
            waiting: dict[TopicPartition, deque[_Envelope]] = {tp: deque() for tp in partitions}
            current = partitions[0] if partitions else None
            expected, idle_since = 1, time.monotonic()
            while expected <= upto:
                queue = waiting.get(current) if current is not None else None
                if not queue or queue[0].position != expected:
                    current = self._holder(waiting, expected)
                    if current is None:
                        hungry = [tp for tp, q in waiting.items() if not q]
                        if not hungry or time.monotonic() - idle_since > GIVE_UP_SECONDS:
                            raise ValueError(f"{self.topic}: position {expected} is missing")
                        fetched = loop.run_until_complete(self._fetch(consumer, hungry))
                        for tp, envelopes in fetched.items():
                            waiting[tp].extend(envelopes)
                            idle_since = time.monotonic() if envelopes else idle_since
                        continue
                    queue = waiting[current]
                yield queue.popleft()
                expected += 1
        finally:
            loop.run_until_complete(consumer.stop())
            loop.close()

    @staticmethod
    def _holder(
        waiting: dict[TopicPartition, deque[_Envelope]], expected: int
    ) -> TopicPartition | None:
        """The partition whose next envelope is ``expected``, once copies are dropped."""
        for tp, queue in waiting.items():
            while queue and queue[0].position < expected:
                queue.popleft()
            if queue and queue[0].position == expected:
                return tp
        return None

    async def _open(self) -> tuple[AIOKafkaConsumer, list[TopicPartition]]:
        """A started consumer, every partition of the topic assigned from its beginning."""
        consumer = self._consumer()
        await consumer.start()
        return consumer, await self._assign(consumer)

    def _consumer(self) -> AIOKafkaConsumer:
        """Made inside the loop that will run it, as aiokafka requires."""
        return AIOKafkaConsumer(
            bootstrap_servers=bootstrap_servers(self.settings),
            client_id=self.settings.client_id,
            enable_auto_commit=False,
            fetch_max_bytes=FETCH_BYTES,
            max_partition_fetch_bytes=FETCH_BYTES,
        )

    async def _assign(self, consumer: AIOKafkaConsumer) -> list[TopicPartition]:
        numbers = await topic_partitions(self.settings, self.topic)
        partitions = [TopicPartition(self.topic, n) for n in numbers]
        consumer.assign(partitions)
        if partitions:
            await consumer.seek_to_beginning(*partitions)
        return partitions

    async def _fetch(
        self, consumer: AIOKafkaConsumer, partitions: Sequence[TopicPartition]
    ) -> dict[TopicPartition, list[_Envelope]]:
        batch = await consumer.getmany(*partitions, timeout_ms=WAIT_MS, max_records=RECORDS_AT_ONCE)
        return {tp: [_ENVELOPE.decode(r.value) for r in records] for tp, records in batch.items()}

    def _last_envelopes(self) -> list[_Envelope]:
        """The last envelope of each partition."""

        async def last() -> list[_Envelope]:
            consumer, partitions = await self._open()
            try:
                ends = await consumer.end_offsets(partitions)
                found = []
                for tp in partitions:
                    if ends[tp] == 0:
                        continue
                    consumer.seek(tp, ends[tp] - 1)
                    last = None
                    for _ in range(int(GIVE_UP_SECONDS * 1000 / WAIT_MS)):
                        fetched = (await self._fetch(consumer, [tp])).get(tp)
                        if fetched:
                            last = fetched[-1]  # and read on: the end offset may be behind
                        elif last is not None:
                            break
                    found += [last] if last is not None else []
                return found
            finally:
                await consumer.stop()

        return asyncio.run(last())
