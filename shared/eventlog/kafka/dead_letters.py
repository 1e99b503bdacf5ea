"""The dead-letter topic beside each events topic: messages no consumer could read.

A message that is not an event envelope is published here, with the reason in a header,
before its consumer records it in its own ``dead_letters`` table and moves past it; so
the producing side sees what it sent wrong, and nothing is acknowledged silently.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence

from aiokafka import AIOKafkaProducer
from aiokafka.structs import ConsumerRecord

from shared.eventlog.kafka.clients import (
    backoff,
    make_producer,
    sleep_unless_stopped,
    stop_within,
    unless_stopped,
)
from shared.eventlog.kafka.topics import dead_letter_topic
from shared.settings import KafkaSettings

log = logging.getLogger(__name__)


class Stopped(Exception):
    """Asked to stop while the dead-letter topic was unreachable: nothing was committed."""


class DeadLetterPublisher:
    """Started on first use: most consumers never see a malformed message."""

    def __init__(self, settings: KafkaSettings, subscription: str) -> None:
        self.settings = settings
        self.subscription = subscription
        self._producer: AIOKafkaProducer | None = None

    async def publish(
        self, letters: Sequence[tuple[ConsumerRecord[bytes, bytes], str]], stop: asyncio.Event
    ) -> None:
        """Publish every (message, reason) until acknowledged; raise ``Stopped`` if told to."""
        failures = 0
        while not stop.is_set():
            try:
                if await unless_stopped(self._send(letters), stop):
                    return
            except Exception as error:  # retried until acknowledged, as the relay does
                failures += 1
                log.warning("dead-letter topic unreachable (%r)", error)
                await self.stop()
                await sleep_unless_stopped(stop, backoff(failures))
        raise Stopped()

    async def _send(self, letters: Sequence[tuple[ConsumerRecord[bytes, bytes], str]]) -> bool:
        producer = await self._started()
        for record, reason in letters:
            await producer.send_and_wait(
                dead_letter_topic(record.topic),
                record.value,
                key=record.key,
                headers=[
                    *(record.headers or ()),
                    ("dead_letter.reason", reason.encode()),
                    ("dead_letter.subscription", self.subscription.encode()),
                    ("dead_letter.source",
                     f"{record.topic}/{record.partition}/{record.offset}".encode()),
                ],
            )  # fmt: skip
        return True

    async def _started(self) -> AIOKafkaProducer:
        if self._producer is None:
            producer = make_producer(self.settings)
            await producer.start()
            self._producer = producer
        return self._producer

    async def stop(self) -> None:
        producer, self._producer = self._producer, None
        if producer is not None:
            await stop_within(producer.stop())
