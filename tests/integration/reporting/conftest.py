"""A data folder with upstream logs, reporting bootstrapped on it, and the whole app."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from duuni.app import create_app
from duuni.services import SERVICES, settings_for
from services.intake.adapters.accounts import SqlAccountStore
from services.intake.service_layer.accounts import create_user
from shared.eventlog.sql import open_database
from shared.web.service import WebService
from tests.integration.reporting.builders import Logs
from tests.integration.reporting.web import PASSWORD
from tests.unit.reporting.builders import PROJECT, enrolled, exited


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def logs(data_dir: Path) -> Iterator[Logs]:
    opened = Logs(data_dir)
    yield opened
    opened.close()


@pytest.fixture
def reporting(data_dir: Path, logs: Logs) -> Iterator[WebService]:
    service = SERVICES["reporting"].start(data_dir)
    yield service
    service.runtime.close()


@pytest.fixture
def client(data_dir: Path, logs: Logs) -> Iterator[TestClient]:
    """The app of intake and reporting, started first so that it builds its databases at
    this code's schema; then the users and the history, as intake would have written them."""
    with TestClient(create_app(data_dir, ["intake", "reporting"])) as test_client:
        settings = settings_for("intake", data_dir)
        database = open_database(settings.resolved_database_url())
        store = SqlAccountStore(database).create()
        for name, role, project in (("manager", "project_manager", PROJECT),
                                    ("auditor", "auditor", PROJECT),
                                    ("coach", "coach", PROJECT),
                                    ("stranger", "project_manager", "S99999")):  # fmt: skip
            create_user(store, username=name, password=PASSWORD, roles=[role], projects=[project])
        database.dispose()
        logs.record(
            enrolled("c1", "2019-02-01"), enrolled("c2", "2019-03-01", gender="male"),
            exited("c1", "2019-05-01", "employed"),
        )  # fmt: skip
        yield test_client
