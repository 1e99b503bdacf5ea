"""A partner's feed carries only its projects and only what the published contract lists.

The relay filters the service's log into the partner's own topic; the sample subscriber
(what a partner project would start from) reads it, as a partner would, with aiokafka
alone.
"""

from __future__ import annotations

import asyncio
import importlib.util
import json
import uuid
from pathlib import Path
from types import ModuleType
from typing import Any

from services.intake.domain.esf import ExitStatus
from services.intake.domain.events import ClientExited
from shared.eventlog.port import ANY
from shared.eventlog.sql import SqlEventLog, open_database
from shared.events.envelope import Context, NewEvent
from shared.partners import Partner, load_partners, partner_relays, partner_topic
from tests.kafka_broker import KafkaBroker
from tests.unit.intake.builders import enrolled

ROOT = Path(__file__).resolve().parents[2]


def sample_subscriber() -> ModuleType:
    path = ROOT / "deploy" / "partners" / "sample_subscriber.py"
    spec = importlib.util.spec_from_file_location("sample_subscriber", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def a_contract(folder: Path) -> Path:
    """A contract that lists enrolments only (exits left out on purpose)."""
    path = folder / "contract.json"
    document = {"events": {"intake.client_enrolled": {"version": 1, "service": "intake"}}}
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_a_partner_receives_only_its_projects_and_the_contracts_types(
    kafka_broker: KafkaBroker, tmp_path: Path
) -> None:
    settings = kafka_broker.settings(topic_prefix=f"p{uuid.uuid4().hex[:10]}")
    log = SqlEventLog(open_database(f"sqlite:///{tmp_path}/intake.db"), "intake").create()
    for n, project in enumerate(["S1", "S2", "S1", "S2", "S1"]):
        client = f"c{n}"
        context = Context(project_id=project, actor="coach")
        log.append(
            f"client-{client}",
            [
                NewEvent.of(enrolled(client_id=client, project_id=project), context),
                NewEvent.of(
                    ClientExited(
                        client_id=client,
                        exited_on=enrolled().entered_on,
                        exit_status=ExitStatus.UNKNOWN,
                    ),
                    context,
                ),
            ],
            ANY,
        )
    contract = a_contract(tmp_path)
    (relay,) = partner_relays(log, settings, [Partner("oulu", frozenset({"S1"}))], contract)
    received: list[dict[str, Any]] = []
    subscriber = sample_subscriber()

    async def scenario() -> int:
        async with relay:
            await relay.run_once()
        topic = partner_topic(settings, "oulu", "intake")
        document = json.loads(contract.read_text())
        return await subscriber.consume(  # type: ignore[no-any-return]
            settings.bootstrap_servers, [topic], "partner-oulu", document, received.append,
            idle_seconds=3,
        )  # fmt: skip

    count = asyncio.run(scenario())

    assert count == 3
    assert {e["project_id"] for e in received} == {"S1"}
    assert {e["event_type"] for e in received} == {"intake.client_enrolled"}
    assert relay.checkpoint() == log.head().position  # the filtered-out events are passed too


def test_partners_are_read_from_their_file(tmp_path: Path) -> None:
    path = tmp_path / "partners.toml"
    path.write_text(
        '[[partner]]\nname = "duunipolku"\nprojects = ["S20999"]\nservices = ["coaching"]\n'
    )

    (partner,) = load_partners(path)

    assert partner.projects == {"S20999"}
    assert partner.wants("coaching") and not partner.wants("intake")
