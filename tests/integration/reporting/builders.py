"""Upstream logs in a data folder, written with wire-form events, and reporting over them."""

from __future__ import annotations

from pathlib import Path

from duuni.services import settings_for
from services.reporting.adapters.sources import LogSource
from services.reporting.service_layer.projection import SUBSCRIPTIONS
from shared import migrations
from shared.eventlog.port import ANY
from shared.eventlog.sql import SqlEventLog, open_database
from shared.eventlog.sql.migrations import EVENTLOG_TREE
from shared.events.envelope import NewEvent
from shared.ids import uuid7_str
from tests.unit.reporting.builders import PROJECT, Wire

LOG_OF = {"intake": "intake", "coaching": "coaching", "matching": "matching",
          "reporting": "reporting"}  # fmt: skip


class Logs:
    """The upstream logs of record of one data folder, opened for writing test events."""

    def __init__(self, data_dir: Path) -> None:
        self.logs: dict[str, SqlEventLog] = {}
        for name in SUBSCRIPTIONS:
            settings = settings_for(name, data_dir)
            database = open_database(settings.resolved_database_url())
            # the log's tables at this code's schema, as a service would build them: a
            # service started on this folder later finds its log up to date
            migrations.prepare(database, [EVENTLOG_TREE], upgrade_existing=True)
            self.logs[name] = SqlEventLog(database, name).create()

    def record(self, *events: Wire, project: str = PROJECT) -> list[str]:
        ids = []
        for event_type, payload in events:
            log = self.logs[event_type.split(".")[0]]
            new = NewEvent(
                event_type=event_type, schema_version=1, payload=payload, project_id=project,
                actor="user-1", correlation_id=uuid7_str(),
            )  # fmt: skip
            stream = str(payload.get("client_id") or payload.get("company_id") or "s")
            log.append(f"{stream}", [new], ANY)
            ids.append(new.event_id)
        return ids

    def sources(self) -> list[LogSource]:
        return [LogSource(self.logs[name]) for name in SUBSCRIPTIONS]

    def close(self) -> None:
        for log in self.logs.values():
            log.close()
