"""The four services by name, each with its settings class and bootstrap.

The one table the command line and the single-process app use to find a service.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Callable, Iterator
from pathlib import Path

from services.coaching.adapters.migrations import COACHING_TREE
from services.coaching.bootstrap import bootstrap as coaching
from services.coaching.config import CoachingSettings
from services.intake.adapters.migrations import INTAKE_TREE
from services.intake.bootstrap import bootstrap as intake
from services.intake.config import IntakeSettings
from services.matching.adapters.migrations import MATCHING_TREE
from services.matching.bootstrap import bootstrap as matching
from services.matching.config import MatchingSettings
from services.reporting.adapters.migrations import REPORTING_TREE
from services.reporting.bootstrap import bootstrap as reporting
from services.reporting.config import ReportingSettings
from shared.eventlog.sql.migrations import EVENTLOG_TREE
from shared.migrations import SchemaTree
from shared.settings import ServiceSettings
from shared.web.auth import SessionResolver
from shared.web.service import ClientFinder, ClientNames, StaffNames, WebService


@dataclasses.dataclass(frozen=True)
class ServiceEntry:
    settings: type[ServiceSettings]
    bootstrap: Callable[..., WebService]
    tree: SchemaTree
    """The service's own tables and their migrations (the log's are ``EVENTLOG_TREE``)."""
    shows_client_names: bool = False
    """Whether its pages take names from intake when both run in one process."""
    shows_staff_names: bool = False
    """Whether its pages also take the project's users' display names from intake."""

    def start(
        self,
        data_dir: Path | None = None,
        sessions: SessionResolver | None = None,
        client_names: ClientNames | None = None,
        staff_names: StaffNames | None = None,
        client_finder: ClientFinder | None = None,
    ) -> WebService:
        settings = self.settings() if data_dir is None else self.settings(data_dir=data_dir)
        if self.shows_staff_names:
            return self.bootstrap(
                settings, sessions, client_names, staff_names, client_finder=client_finder
            )
        if self.shows_client_names:
            return self.bootstrap(settings, sessions, client_names)
        return self.bootstrap(settings, sessions)


SERVICES: dict[str, ServiceEntry] = {
    "intake": ServiceEntry(IntakeSettings, intake, INTAKE_TREE),
    "coaching": ServiceEntry(
        CoachingSettings, coaching, COACHING_TREE, shows_client_names=True, shows_staff_names=True
    ),
    "matching": ServiceEntry(MatchingSettings, matching, MATCHING_TREE, shows_client_names=True),
    "reporting": ServiceEntry(ReportingSettings, reporting, REPORTING_TREE),
}


@contextlib.contextmanager
def started(name: str, data_dir: Path | None = None) -> Iterator[WebService]:
    """The service as ``duuni up`` starts it, for a command-line tool that hands commands
    to its bus: the same wiring and rules as its pages. Closed again afterwards."""
    service = SERVICES[name].start(data_dir)
    try:
        yield service
    finally:
        service.runtime.close()


def settings_for(name: str, data_dir: Path | None = None) -> ServiceSettings:
    entry = SERVICES[name]
    return entry.settings() if data_dir is None else entry.settings(data_dir=data_dir)


def trees_of(name: str) -> list[SchemaTree]:
    """Every schema tree in the service's database: the log's, then its own."""
    return [EVENTLOG_TREE, SERVICES[name].tree]
