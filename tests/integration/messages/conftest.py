"""Intake and coaching in one app on fresh SQLite files, as ``duuni up`` runs them, with a
loopback SMTP server and SMS receiver: bookings made through coaching's API flow as
events to intake's schedule, and a sender on a clock the test moves works the outbox."""

from __future__ import annotations

import contextlib
import dataclasses
import shutil
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from services.coaching.bootstrap import bootstrap as coaching
from services.coaching.config import CoachingSettings
from services.intake.adapters.messages import SqlMessages
from services.intake.adapters.senders import messenger
from services.intake.bootstrap import bootstrap as intake
from services.intake.config import IntakeSettings, SmsSettings, SmtpSettings
from services.intake.domain.consent import RecordConsent
from services.intake.entrypoints.state import IntakeState
from services.intake.service_layer.messages import Messenger, project_names
from services.intake.service_layer.projects import register_project
from shared.business_dates import helsinki_today
from shared.eventlog.sql import SqlEventLog, open_database
from shared.messagebus import CommandContext
from shared.web.problems import install_problem_handlers
from shared.web.service import WebService, mount
from tests.integration.coaching.builders import create_users, session_form, settle, sign_in
from tests.integration.intake.builders import CHEAP_HASHER
from tests.integration.intake.clients import a_form, a_plan
from tests.integration.messages.loopback import SmsReceiver, SmtpServer

_CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY"


def identity_code(serial: int) -> str:
    """A valid identity code of someone born on 13 Oct 1952 (serial 2 … 899)."""
    digits = f"131052{serial:03d}"
    return f"131052-{serial:03d}{_CHECK[int(digits) % 31]}"


@pytest.fixture(scope="session")
def accounts_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("messages-accounts")
    create_users(data)
    db = open_database(IntakeSettings(data_dir=data).resolved_database_url())
    register_project(SqlEventLog(db, "intake").create(), "A", a_plan(), actor="admin")
    db.dispose()
    return data


class Clock:
    """The sender's clock: now, moved on by the test."""

    def __init__(self) -> None:
        self.offset = timedelta()

    def __call__(self) -> datetime:
        return datetime.now(UTC) + self.offset

    def move_to(self, moment: datetime) -> None:
        """Make it ``moment`` now: a test that means "an hour before the meeting" must
        not depend on the time of day it runs at."""
        self.offset = moment - datetime.now(UTC)


@dataclasses.dataclass
class World:
    http: TestClient
    intake: WebService
    coaching: WebService
    data_dir: Path
    clock: Clock
    serial: int = 100

    @property
    def state(self) -> IntakeState:
        state = self.intake.state
        assert isinstance(state, IntakeState)
        return state

    def enrol(self, *, consent: bool = True, **changes: Any) -> str:
        headers = sign_in(self.http, "coach-a")
        self.serial += 1
        form = a_form(identity_code=identity_code(self.serial), **changes)
        answer = self.http.post("/api/intake/projects/A/clients", json=form, headers=headers)
        assert answer.status_code == 201, answer.text
        client_id: str = answer.json()["id"]
        if consent:
            self.consent(client_id, given=True)
        settle(self.http)
        return client_id

    def consent(self, client_id: str, *, given: bool) -> None:
        command = RecordConsent(
            client_id=client_id, purpose="contact_by_email_sms", version="2026-01",
            given=given, channel="in_person", on=helsinki_today(),
        )  # fmt: skip
        context = CommandContext(actor="coach-a", project_id="A", roles=frozenset({"coach"}))
        self.state.bus.handle(command, context)

    def book(self, client_id: str, held_on: date, starts_at: str = "10:00") -> str:
        headers = sign_in(self.http, "coach-a")
        form = session_form(client_id, held_on=held_on.isoformat(), starts_at=starts_at)
        del form["topics"]
        answer = self.http.post("/api/coaching/projects/A/sessions", json=form, headers=headers)
        assert answer.status_code == 201, answer.text
        self.flow()
        session_id: str = answer.json()["id"]
        return session_id

    def cancel(self, session_id: str, reason: str = "cancelled_by_client") -> None:
        headers = sign_in(self.http, "coach-a")
        answer = self.http.post(
            f"/api/coaching/projects/A/sessions/{session_id}/cancel",
            json={"reason": reason}, headers=headers,
        )  # fmt: skip
        assert answer.status_code in (200, 201), answer.text
        self.flow()

    def flow(self) -> None:
        """Coaching's new events into intake's schedule now."""
        self.intake.runtime.catch_up()

    def sender(self, smtp: SmtpServer | None = None, sms: SmsReceiver | None = None) -> Messenger:
        mail_settings = (
            SmtpSettings(
                host="127.0.0.1",
                port=smtp.port,
                ca_file=smtp.ca_file,
                sender="valmennus@example.fi",
            )
            if smtp is not None
            else SmtpSettings(host=None)
        )
        sms_settings = SmsSettings(url=sms.url, token="gateway-secret") if sms else SmsSettings()
        state = self.state
        outbox = SqlMessages(self.intake.runtime.log.db, self.clock)
        return messenger(
            outbox, state.views.people, state.views.streams, state.auth.store,
            project_names(state.views), smtp=mail_settings, sms=sms_settings, clock=self.clock,
        )  # fmt: skip

    def outbox(self) -> SqlMessages:
        return SqlMessages(self.intake.runtime.log.db, self.clock)

    def events(self, event_type: str = "intake.message_sent") -> list[Any]:
        return [e for e in self.intake.runtime.log.read_all() if e.event_type == event_type]


@pytest.fixture
def world(
    tmp_path: Path, accounts_template: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[World]:
    for name in ("DUUNI_SMTP_HOST", "DUUNI_SMS_URL"):
        monkeypatch.delenv(name, raising=False)  # the app's own sender stays idle
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
        yield World(http, accounts, service, data, Clock())


@pytest.fixture
def smtp_server(tmp_path: Path) -> Iterator[SmtpServer]:
    server = SmtpServer(tmp_path)
    server.start()
    yield server
    server.stop()
