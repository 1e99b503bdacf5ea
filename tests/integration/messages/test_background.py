"""As ``duuni up`` runs it: intake's own sender loop, configured from the environment,
sends the invitation of a session booked through coaching's API to the SMTP server."""

from __future__ import annotations

import contextlib
import shutil
import time
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from services.coaching.bootstrap import bootstrap as coaching
from services.coaching.config import CoachingSettings
from services.intake.bootstrap import bootstrap as intake
from services.intake.config import IntakeSettings
from shared.business_dates import helsinki_today
from shared.web.problems import install_problem_handlers
from shared.web.service import mount
from tests.integration.intake.builders import CHEAP_HASHER
from tests.integration.messages.conftest import Clock, World
from tests.integration.messages.loopback import SmtpServer


def test_the_services_own_sender_sends_an_invitation_by_itself(
    tmp_path: Path,
    accounts_template: Path,
    smtp_server: SmtpServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DUUNI_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("DUUNI_SMTP_PORT", str(smtp_server.port))
    monkeypatch.setenv("DUUNI_SMTP_CA_FILE", str(smtp_server.ca_file))
    monkeypatch.setenv("DUUNI_SMTP_FROM", "valmennus@example.fi")
    monkeypatch.setenv("DUUNI_MESSAGES_IDLE_SECONDS", "0.2")
    monkeypatch.delenv("DUUNI_SMS_URL", raising=False)
    data = tmp_path / "data"
    shutil.copytree(accounts_template, data)
    accounts = intake(IntakeSettings(data_dir=data), hasher=CHEAP_HASHER)
    service = coaching(CoachingSettings(data_dir=data), accounts.sessions)
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
    with TestClient(app) as http:
        world = World(http, accounts, service, data, Clock())
        client = world.enrol(email="aino@example.fi")
        world.book(client, helsinki_today() + timedelta(days=3), "10:00")
        deadline = time.monotonic() + 20
        while not smtp_server.messages and time.monotonic() < deadline:
            time.sleep(0.1)
        [mail] = smtp_server.messages
        assert mail["From"] == "valmennus@example.fi"
        assert mail["Subject"].startswith("Tapaamisesi ")
