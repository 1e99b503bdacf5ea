"""How this package builds and retires its aiokafka clients, and how it waits between tries.

Every producer here asks for ``acks="all"``: an event counts as published only once every
in-sync replica has it. The idempotent producer is a setting, on by default; brokers that
lack it (the memory-only test broker) turn it off.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Coroutine
from typing import Any, TypeVar

from aiokafka import AIOKafkaProducer

from shared.settings import KafkaSettings

log = logging.getLogger(__name__)

T = TypeVar("T")

STOP_SECONDS = 5.0
"""How long a stopping client may spend flushing or leaving before it is abandoned."""

MAX_BATCH_BYTES = 512 * 1024
"""Below the broker's default ``message.max.bytes`` (1 MiB), large enough for ~800 events."""


def bootstrap_servers(settings: KafkaSettings) -> str:
    if not settings.bootstrap_servers:
        raise ValueError("Kafka is not configured: set DUUNI_KAFKA_BOOTSTRAP_SERVERS")
    return settings.bootstrap_servers


def make_producer(settings: KafkaSettings, **options: Any) -> AIOKafkaProducer:
    return AIOKafkaProducer(
        bootstrap_servers=bootstrap_servers(settings),
        client_id=settings.client_id,
        acks="all",
        enable_idempotence=settings.enable_idempotence,
        max_batch_size=MAX_BATCH_BYTES,
        **options,
    )


async def stop_within(stopping: Coroutine[Any, Any, None]) -> None:
    """Stop a client, but not for longer than ``STOP_SECONDS`` when the broker is gone.

    A producer's stop waits for its unsent messages; whatever was not acknowledged by
    then is published again after the restart, from the unmoved checkpoint.
    """
    try:
        await asyncio.wait_for(stopping, STOP_SECONDS)
    except TimeoutError:
        log.warning("Kafka client abandoned after %.0f s of trying to stop", STOP_SECONDS)


async def unless_stopped(work: Coroutine[Any, Any, T], stop: asyncio.Event) -> T | None:
    """Run ``work`` to its end, or cancel it and return None as soon as ``stop`` is set."""
    task = asyncio.ensure_future(work)
    stopping = asyncio.ensure_future(stop.wait())
    try:
        await asyncio.wait({task, stopping}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        stopping.cancel()
        if not task.done():
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
    return None if task.cancelled() else task.result()


def backoff(failures: int, *, first: float = 0.1, most: float = 5.0) -> float:
    """Seconds to wait after ``failures`` failures in a row: doubling, then capped."""
    return float(min(most, first * 2 ** max(0, failures - 1)))


async def sleep_unless_stopped(stop: asyncio.Event, seconds: float) -> None:
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), seconds)
