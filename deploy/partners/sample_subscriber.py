"""A partner project's subscriber to its Duuni feed: a starting point to copy, not a library.

It needs only aiokafka: partners never run Duuni's code. It reads the partner topics
(``<prefix>.partner.<partner>.<service>.events``), checks each message against the
published contract (``docs/events/contract.json``: known type, supported version), hands
it to ``handle`` and commits the offset afterwards, so that a crash re-delivers rather
than loses. ``handle`` should be idempotent: use ``event_id`` to drop a repeated event.

    python deploy/partners/sample_subscriber.py --bootstrap kafka:9092 \\
        --partner duunipolku --contract docs/events/contract.json
"""

from __future__ import annotations

import argparse
import asyncio
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from aiokafka import AIOKafkaConsumer

SERVICES = ("intake", "coaching", "matching")


def partner_topics(prefix: str, partner: str, services: tuple[str, ...] = SERVICES) -> list[str]:
    return [f"{prefix}.partner.{partner}.{service}.events" for service in services]


def supported(contract: dict[str, Any]) -> dict[str, int]:
    return {name: int(entry["version"]) for name, entry in contract["events"].items()}


async def consume(
    bootstrap: str,
    topics: list[str],
    group: str,
    contract: dict[str, Any],
    handle: Callable[[dict[str, Any]], None],
    *,
    max_events: int | None = None,
    idle_seconds: float = 5.0,
) -> int:
    """Deliver events to ``handle`` until ``max_events`` or ``idle_seconds`` without any."""
    versions = supported(contract)
    consumer = AIOKafkaConsumer(
        *topics,
        bootstrap_servers=bootstrap,
        group_id=group,
        enable_auto_commit=False,
        auto_offset_reset="earliest",
    )
    await consumer.start()
    seen = 0
    try:
        while max_events is None or seen < max_events:
            batch = await consumer.getmany(timeout_ms=int(idle_seconds * 1000))
            if not batch:
                break
            for records in batch.values():
                for record in records:
                    assert record.value is not None
                    event = json.loads(record.value)
                    version = versions.get(event["event_type"])
                    if version is None or event["schema_version"] > version:
                        continue  # newer than this subscriber understands: upgrade to read it
                    handle(event)
                    seen += 1
            await consumer.commit()
    finally:
        await consumer.stop()
    return seen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bootstrap", required=True)
    parser.add_argument("--partner", required=True)
    parser.add_argument("--prefix", default="duuni")
    parser.add_argument("--group", default=None)
    parser.add_argument("--contract", type=Path, default=Path("docs/events/contract.json"))
    args = parser.parse_args()
    contract = json.loads(args.contract.read_text(encoding="utf-8"))

    def show(event: dict[str, Any]) -> None:
        print(event["project_id"], event["event_type"], json.dumps(event["payload"]))

    topics = partner_topics(args.prefix, args.partner)
    group = args.group or f"partner-{args.partner}"
    asyncio.run(consume(args.bootstrap, topics, group, contract, show, idle_seconds=3600))


if __name__ == "__main__":
    main()
