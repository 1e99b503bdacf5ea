"""The account tables in a fresh SQLite file and in a fresh PostgreSQL schema; intake's app."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from services.intake.adapters.accounts import SqlAccountStore
from services.intake.bootstrap import bootstrap
from services.intake.config import IntakeSettings
from services.intake.service_layer.projects import register_project
from shared.eventlog.sql import Database, SqlEventLog, open_database
from shared.web.problems import install_problem_handlers
from shared.web.service import mount
from tests.integration.intake.builders import CHEAP_HASHER, a_user
from tests.integration.intake.clients import a_plan, database_url


@pytest.fixture(params=["sqlite", "postgres"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[SqlAccountStore]:
    database: Database
    if request.param == "sqlite":
        database = open_database(f"sqlite:///{tmp_path / 'intake.sqlite3'}")
    else:
        url: str = request.getfixturevalue("postgres_url")
        schema: str = request.getfixturevalue("pg_schema")
        database = open_database(url, schema=schema)
    yield SqlAccountStore(database).create()
    database.dispose()


def intake_app(data_dir: Path) -> FastAPI:
    """Intake alone, as ``duuni up`` mounts it, with the cheap password hasher of the
    test users (``tests.integration.intake.builders.a_user``)."""
    service = bootstrap(IntakeSettings(data_dir=data_dir), hasher=CHEAP_HASHER)

    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        try:
            async with service.runtime.running():
                yield
        finally:
            service.runtime.close()

    app = FastAPI(lifespan=lifespan)
    install_problem_handlers(app)
    mount(app, service)
    return app


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """Projects A and B with their staff: two coaches and an auditor and a manager in A."""
    data = tmp_path / "data"
    db = open_database(database_url(data))
    store = SqlAccountStore(db).create()
    a_user(store, "coach-a", projects=("A",))
    a_user(store, "coach-a2", projects=("A",))
    a_user(store, "coach-b", projects=("B",))
    a_user(store, "auditor-a", roles=("auditor",), projects=("A",))
    a_user(store, "manager-a", roles=("project_manager",), projects=("A",))
    log = SqlEventLog(db, "intake").create()
    register_project(log, "A", a_plan(), actor="admin")
    register_project(log, "B", a_plan(name="Other"), actor="admin")
    db.dispose()
    return data


@pytest.fixture
def app(data_dir: Path) -> Iterator[TestClient]:
    with TestClient(intake_app(data_dir)) as client:
        yield client
