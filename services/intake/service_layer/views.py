"""What intake's pages and API read besides the directory: a client, a project (service layer).

A client's page shows the person joined with the client's state rebuilt from its stream;
the entrypoints read it here rather than from the log, which only the service layer sees.
"""

from __future__ import annotations

import dataclasses

from services.intake.domain.client import Client
from services.intake.domain.errors import DomainError
from services.intake.domain.project import Project
from services.intake.service_layer.enrolment import (
    CLIENT,
    PROJECT,
    Person,
    PersonalData,
    registered_project,
)
from shared.eventlog.aggregates import AggregateStreams


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class ClientView:
    """One client: the person joined with the client's state."""

    person: Person
    client: Client


@dataclasses.dataclass(frozen=True, slots=True)
class IntakeViews:
    streams: AggregateStreams
    people: PersonalData

    def client(self, project_id: str, client_id: str) -> ClientView:
        """The project's client; another project's (or none) refuses ``client_not_found``."""
        person = self.people.get(project_id, client_id)
        state = self.streams.load(CLIENT, client_id).state if person is not None else None
        if person is None or state is None or state.project_id != project_id:
            raise DomainError("client_not_found")
        return ClientView(person=person, client=state)

    def project(self, project_id: str) -> Project | None:
        return self.streams.load(PROJECT, project_id).state

    def registered_project(self, project_id: str) -> Project:
        """The project, or the refusal ``project_not_found``."""
        return registered_project(self.streams, project_id)
