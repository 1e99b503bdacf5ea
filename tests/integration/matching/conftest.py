"""Intake (for the accounts and its log) and matching in one app on fresh SQLite files.

Built from the two services' bootstraps, as ``duuni up`` does, so that these tests need
nothing of the other services.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from services.intake.bootstrap import bootstrap as intake
from services.intake.config import IntakeSettings
from services.matching.bootstrap import bootstrap as matching
from services.matching.config import MatchingSettings
from shared.eventlog.sql import Database, open_database
from shared.web.problems import install_problem_handlers
from shared.web.service import mount
from tests.integration.intake.builders import CHEAP_HASHER
from tests.integration.matching.builders import create_users


@pytest.fixture(params=["sqlite", "postgres"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """Matching's read model on a fresh SQLite file, then in a PostgreSQL schema of its own."""
    if request.param == "sqlite":
        db = open_database(f"sqlite:///{tmp_path / 'matching.sqlite3'}")
    else:
        url: str = request.getfixturevalue("postgres_url")
        db = open_database(url, schema=request.getfixturevalue("pg_schema"))
    yield db
    db.dispose()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    create_users(data)
    return data


def matching_app(data_dir: Path) -> FastAPI:
    accounts = intake(IntakeSettings(data_dir=data_dir), hasher=CHEAP_HASHER)
    service = matching(MatchingSettings(data_dir=data_dir), accounts.sessions)
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
    with TestClient(matching_app(data_dir)) as client:
        yield client
