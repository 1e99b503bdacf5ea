"""Intake (for the accounts and its log) and coaching in one app on fresh SQLite files.

Built here from the two services' bootstraps, as ``duuni up`` does, so that these tests
need nothing of the other services. ``databases`` gives the adapters' tests an intake and
a coaching database, on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import text

from services.coaching.bootstrap import bootstrap as coaching
from services.coaching.config import CoachingSettings
from services.coaching.service_layer.ports import ClientNames
from services.intake.bootstrap import bootstrap as intake
from services.intake.config import IntakeSettings
from shared.eventlog.sql import Database, open_database
from shared.web.problems import install_problem_handlers
from shared.web.service import mount
from tests.integration.coaching.builders import create_users
from tests.integration.intake.builders import CHEAP_HASHER


@pytest.fixture(scope="session")
def accounts_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The four users made once: hashing their passwords is the slow part of a set-up."""
    data = tmp_path_factory.mktemp("coaching-accounts")
    create_users(data)
    return data


@pytest.fixture
def data_dir(tmp_path: Path, accounts_template: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(accounts_template, data)
    return data


def coaching_app(data_dir: Path, client_names: ClientNames | None = None) -> FastAPI:
    accounts = intake(IntakeSettings(data_dir=data_dir), hasher=CHEAP_HASHER)
    service = coaching(
        CoachingSettings(data_dir=data_dir), accounts.sessions, client_names, accounts.staff_names
    )
    runtimes = [accounts.runtime, service.runtime]

    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        async with contextlib.AsyncExitStack() as stack:
            for runtime in runtimes:
                await stack.enter_async_context(runtime.running())
            try:
                yield
            finally:
                for runtime in runtimes:
                    runtime.close()

    app = FastAPI(lifespan=lifespan)

    install_problem_handlers(app)
    mount(app, accounts)
    mount(app, service)
    return app


@pytest.fixture
def app(data_dir: Path) -> Iterator[TestClient]:
    with TestClient(coaching_app(data_dir)) as client:
        yield client


@pytest.fixture(params=["sqlite", "postgres"])
def databases(
    request: pytest.FixtureRequest, tmp_path: Path
) -> Iterator[tuple[Database, Database]]:
    """(intake's database, coaching's database), each with its own log."""
    if request.param == "sqlite":
        pair = (
            open_database(f"sqlite:///{tmp_path / 'intake.sqlite3'}"),
            open_database(f"sqlite:///{tmp_path / 'coaching.sqlite3'}"),
        )
        yield pair
        for db in pair:
            db.dispose()
        return
    url: str = request.getfixturevalue("postgres_url")
    schema: str = request.getfixturevalue("pg_schema")
    intake_schema = f"{schema}_i"
    pair = (open_database(url, schema=intake_schema), open_database(url, schema=schema))
    yield pair
    with pair[0].engine.begin() as conn:
        conn.execute(text(f'DROP SCHEMA IF EXISTS "{intake_schema}" CASCADE'))
    for db in pair:
        db.dispose()
