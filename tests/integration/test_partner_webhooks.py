"""A partner's webhook receives its feed signed, and an outage of its receiver loses nothing.

The receiver is a real HTTPS server on loopback with a certificate of a local CA; it
checks every signature itself, with nothing but ``hmac``, as a partner would.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import importlib.util
import json
import socket
import ssl
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import trustme
from prometheus_client import generate_latest
from sqlalchemy import update
from typer.testing import CliRunner

from duuni.cli import app
from duuni.partners_cli import PartnersError
from services.intake.domain.esf import ExitStatus
from services.intake.domain.events import ClientExited
from shared.eventlog.port import ANY
from shared.eventlog.sql import Database, SqlEventLog, open_database
from shared.eventlog.sql.schema import webhook_deliveries
from shared.eventlog.subscription import ConsumerStore
from shared.events.envelope import Context, NewEvent
from shared.observability.metrics import Observability
from shared.runtime import open_runtime
from shared.settings import KafkaSettings, ServiceSettings
from shared.webhooks import WebhookSettings, delivery_states, load_webhooks, webhook_relays
from tests.unit.intake.builders import enrolled

ROOT = Path(__file__).resolve().parents[2]
SECRET = "5f2b" * 16
SECRET_ENV = "DUUNI_WEBHOOK_SECRET_OULU"


class Receiver:
    """An HTTPS endpoint that can be stopped and started again on the same port."""

    def __init__(self, ca: trustme.CA) -> None:
        self.ca = ca
        self.context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ca.issue_cert("localhost", "127.0.0.1").configure_cert(self.context)
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.deliveries: list[tuple[str, dict[str, Any]]] = []
        """Every request received: its delivery id and its body."""
        self.bad_signatures = 0
        self.lose_answers = 0
        """The next requests are read, then answered 500 (as if the answer was lost)."""
        self._server: ThreadingHTTPServer | None = None
        self._lock = threading.Lock()

    def ca_file(self, folder: Path) -> Path:
        """The CA the relay must trust to reach this receiver, as a PEM file."""
        path = folder / "receiver-ca.pem"
        self.ca.cert_pem.write_to_path(str(path))
        return path

    @property
    def url(self) -> str:
        return f"https://localhost:{self.port}/duuni-hook"

    def start(self) -> None:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                signed = receiver.signed(self.headers["Duuni-Signature"], body)
                with receiver._lock:
                    receiver.bad_signatures += not signed
                    receiver.deliveries.append((self.headers["Duuni-Delivery"], json.loads(body)))
                    lose = receiver.lose_answers > 0
                    receiver.lose_answers -= lose
                self.send_response(500 if lose or not signed else 204)
                self.end_headers()

            def log_message(self, format: str, *args: Any) -> None:
                pass

        server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        server.socket = self.context.wrap_socket(server.socket, server_side=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        self._server = server

    def stop(self) -> None:
        server, self._server = self._server, None
        if server is not None:
            server.shutdown()
            server.server_close()

    @staticmethod
    def signed(header: str, body: bytes) -> bool:
        """The partner's own check: ``t=<unix>,v1=<hex HMAC-SHA256 of "<t>." + body>``."""
        fields = dict(part.split("=", 1) for part in header.split(","))
        message = fields["t"].encode() + b"." + body
        expected = hmac.new(SECRET.encode(), message, hashlib.sha256).hexdigest()
        return hmac.compare_digest(expected, fields["v1"])

    def events(self) -> list[dict[str, Any]]:
        with self._lock:
            return [event for _, body in self.deliveries for event in body["events"]]


@pytest.fixture
def receiver() -> Any:
    running = Receiver(trustme.CA())
    running.start()
    yield running
    running.stop()


def _with_delivery_state(database: Database) -> SqlEventLog:
    """Intake's log, and the consumers' tables the service would make beside it."""
    ConsumerStore(database).create()
    return SqlEventLog(database, "intake").create()


def _contract(folder: Path) -> Path:
    """A contract that lists enrolments only (exits left out on purpose)."""
    path = folder / "contract.json"
    document = {"events": {"intake.client_enrolled": {"version": 1, "service": "intake"}}}
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def _partners_file(folder: Path, url: str) -> Path:
    path = folder / "partners.toml"
    path.write_text(
        f'[[partner]]\nname = "oulu"\nprojects = ["S1"]\nwebhook = "{url}"\n'
        f'webhook_secret_env = "{SECRET_ENV}"\n',
        encoding="utf-8",
    )
    return path


def _enrol_and_exit(log: SqlEventLog, first: int, count: int) -> None:
    """Clients ``first``… alternately of S1 and S2, each enrolled and exited."""
    for n in range(first, first + count):
        project = "S1" if n % 2 == 0 else "S2"
        client = f"c{n}"
        context = Context(project_id=project, actor="coach")
        exited = ClientExited(
            client_id=client, exited_on=enrolled().entered_on, exit_status=ExitStatus.UNKNOWN
        )
        log.append(
            f"client-{client}",
            [
                NewEvent.of(enrolled(client_id=client, project_id=project), context),
                NewEvent.of(exited, context),
            ],
            ANY,
        )


def _entitled(log: SqlEventLog) -> list[str]:
    return [
        e.event_id
        for e in log.read_all()
        if e.project_id == "S1" and e.event_type == "intake.client_enrolled"
    ]


async def _until(condition: Callable[[], bool], seconds: float = 20.0) -> None:
    for _ in range(int(seconds / 0.02)):
        if await asyncio.to_thread(condition):
            return
        await asyncio.sleep(0.02)
    raise AssertionError("not reached in time")


def test_deliveries_survive_an_outage_of_the_receiver_and_lose_nothing(
    tmp_path: Path, receiver: Receiver, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(SECRET_ENV, SECRET)
    log = _with_delivery_state(open_database(f"sqlite:///{tmp_path}/intake.sqlite3"))
    contract = _contract(tmp_path)
    partners = _partners_file(tmp_path, receiver.url)
    settings = WebhookSettings(
        ca_file=receiver.ca_file(tmp_path),
        batch_size=2,
        backoff_base_seconds=0.05,
        backoff_cap_seconds=0.3,
        idle_seconds=0.02,
    )
    (relay,) = webhook_relays(log, partners, settings, contract)
    cli = CliRunner()

    def status() -> str:
        result = cli.invoke(
            app,
            ["partners", "status", "--file", str(partners), "--contract", str(contract),
             "--data-dir", str(tmp_path)],
        )  # fmt: skip
        assert result.exit_code == 0, result.output
        return result.output

    def failures() -> int:
        (state,) = delivery_states(log.db)
        return state.failures

    async def scenario() -> str:
        stop = asyncio.Event()
        running = asyncio.create_task(relay.run(stop))
        _enrol_and_exit(log, 0, 6)
        await _until(lambda: len(receiver.events()) == 3)
        receiver.stop()
        _enrol_and_exit(log, 6, 7)  # events keep coming while the receiver is down
        await _until(lambda: failures() >= 3)
        while_down = await asyncio.to_thread(status)
        receiver.lose_answers = 1  # the first answer after the outage never arrives
        receiver.start()
        _enrol_and_exit(log, 13, 3)
        await _until(lambda: relay.position() == log.head().position and failures() == 0)
        stop.set()
        await running
        return while_down

    while_down = asyncio.run(scenario())

    received = receiver.events()
    assert receiver.bad_signatures == 0
    assert {e["project_id"] for e in received} == {"S1"}
    assert {e["event_type"] for e in received} == {"intake.client_enrolled"}
    assert sorted(set(e["event_id"] for e in received)) == sorted(_entitled(log))  # none lost
    ids_of: dict[str, set[str]] = {}
    for delivery, body in receiver.deliveries:
        assert body["delivery_id"] == delivery
        for event in body["events"]:
            ids_of.setdefault(event["event_id"], set()).add(delivery)
    assert all(len(ids) == 1 for ids in ids_of.values())  # a repeat has the same delivery id
    assert len(received) > len(ids_of)  # and the lost answer did cause one
    assert "oulu" in while_down and "intake" in while_down and receiver.url in while_down
    row = next(line for line in while_down.splitlines() if "oulu" in line)
    assert "ConnectError" in while_down
    assert any(cell.strip().isdigit() and int(cell) >= 3 for cell in row.split("│"))
    (state,) = delivery_states(log.db)
    assert state.failures == 0 and state.last_error is None and state.pending_through is None
    assert state.last_success_at is not None


@pytest.fixture(params=["sqlite", "postgresql"])
def intake_log(request: pytest.FixtureRequest, tmp_path: Path) -> Any:
    """Intake's log on either engine: the delivery state lives beside it."""
    if request.param == "sqlite":
        database = open_database(f"sqlite:///{tmp_path}/intake.sqlite3")
    else:
        url = request.getfixturevalue("postgres_url")
        database = open_database(url, schema=request.getfixturevalue("pg_schema"))
    log = _with_delivery_state(database)
    yield log
    log.close()


def test_a_relay_restarted_after_a_crash_sends_the_unacknowledged_batch_again(
    tmp_path: Path, receiver: Receiver, monkeypatch: pytest.MonkeyPatch, intake_log: SqlEventLog
) -> None:
    monkeypatch.setenv(SECRET_ENV, SECRET)
    log = intake_log
    contract = _contract(tmp_path)
    partners = _partners_file(tmp_path, receiver.url)
    settings = WebhookSettings(ca_file=receiver.ca_file(tmp_path))
    _enrol_and_exit(log, 0, 4)
    receiver.lose_answers = 1

    async def crash_then_restart() -> None:
        (first,) = webhook_relays(log, partners, settings, contract)
        async with first:
            assert (await first.run_once()).error == "HTTP 500"
        # The process dies here; a new one takes over from the stored state.
        _enrol_and_exit(log, 4, 4)
        (second,) = webhook_relays(log, partners, settings, contract)
        async with second:
            while (await second.run_once()).passed:
                pass

    asyncio.run(crash_then_restart())

    (lost, _), (again, _), *rest = receiver.deliveries
    assert again == lost  # the same batch under the same id, not a bigger one
    assert receiver.deliveries[0][1]["events"] == receiver.deliveries[1][1]["events"]
    assert sorted({e["event_id"] for e in receiver.events()}) == sorted(_entitled(log))
    assert all(delivery != lost for delivery, _ in rest)


def test_a_missing_secret_is_a_failure_that_is_retried_not_an_unsigned_delivery(
    tmp_path: Path, receiver: Receiver, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(SECRET_ENV, raising=False)
    log = _with_delivery_state(open_database(f"sqlite:///{tmp_path}/intake.sqlite3"))
    contract = _contract(tmp_path)
    partners = _partners_file(tmp_path, receiver.url)
    settings = WebhookSettings(ca_file=receiver.ca_file(tmp_path))
    _enrol_and_exit(log, 0, 2)
    (relay,) = webhook_relays(log, partners, settings, contract)

    async def attempt() -> str | None:
        async with relay:
            return (await relay.run_once()).error

    error = asyncio.run(attempt())

    assert error is not None and SECRET_ENV in error
    assert receiver.deliveries == []
    (state,) = delivery_states(log.db)
    assert state.failures == 1 and state.position == 0 and state.next_attempt_at is not None
    assert relay.seconds_until_due() > 0


def test_an_endpoint_whose_certificate_is_not_trusted_gets_nothing(
    tmp_path: Path, receiver: Receiver, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(SECRET_ENV, SECRET)
    log = _with_delivery_state(open_database(f"sqlite:///{tmp_path}/intake.sqlite3"))
    contract = _contract(tmp_path)
    partners = _partners_file(tmp_path, receiver.url)
    other_ca = tmp_path / "other.pem"
    trustme.CA().cert_pem.write_to_path(str(other_ca))
    _enrol_and_exit(log, 0, 2)
    (relay,) = webhook_relays(log, partners, WebhookSettings(ca_file=other_ca), contract)

    async def attempt() -> str | None:
        async with relay:
            return (await relay.run_once()).error

    error = asyncio.run(attempt())

    assert error is not None and "ConnectError" in error
    assert receiver.deliveries == []


def _sample_receiver() -> ModuleType:
    path = ROOT / "deploy" / "partners" / "sample_webhook_receiver.py"
    spec = importlib.util.spec_from_file_location("sample_webhook_receiver", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(("partner_secret", "handled"), [(SECRET, 2), ("0" * 64, 0)])
def test_the_sample_receiver_takes_a_delivery_once_and_only_when_signed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, partner_secret: str, handled: int
) -> None:
    monkeypatch.setenv(SECRET_ENV, SECRET)
    sample = _sample_receiver()
    ca = trustme.CA()
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("localhost").configure_cert(context)
    events: list[dict[str, Any]] = []
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), sample.handler(partner_secret, events.append, set())
    )
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    ca_file = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    log = _with_delivery_state(open_database(f"sqlite:///{tmp_path}/intake.sqlite3"))
    url = f"https://localhost:{server.server_address[1]}/hook"
    partners = _partners_file(tmp_path, url)
    _enrol_and_exit(log, 0, 4)
    (relay,) = webhook_relays(log, partners, WebhookSettings(ca_file=ca_file), _contract(tmp_path))

    def restore_a_backup_from_before_the_delivery() -> None:
        with log.db.engine.begin() as conn:
            conn.execute(update(webhook_deliveries).values(position=0, pending_through=None))

    async def deliver_and_repeat() -> list[str | None]:
        async with relay:
            first = await relay.run_once()
            await asyncio.to_thread(restore_a_backup_from_before_the_delivery)
            again = await relay.run_once()  # the same batch under the same delivery id
            return [first.error, again.error]

    try:
        errors = asyncio.run(deliver_and_repeat())
    finally:
        server.shutdown()
        server.server_close()

    assert len(events) == handled
    assert errors == [None, None] if handled else ["HTTP 401", "HTTP 401"]


def test_the_example_partners_file_is_accepted() -> None:
    example = ROOT / "deploy" / "partners" / "partners.example.toml"

    (hook,) = load_webhooks(example, WebhookSettings())

    assert hook.url.startswith("https://") and hook.event_types


def test_a_service_on_the_embedded_default_delivers_its_partners_webhooks(
    tmp_path: Path, receiver: Receiver, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(SECRET_ENV, SECRET)
    monkeypatch.setenv("DUUNI_WEBHOOK_CA_FILE", str(receiver.ca_file(tmp_path)))
    monkeypatch.setenv("DUUNI_WEBHOOK_IDLE_SECONDS", "0.02")
    kafka = KafkaSettings(
        partners_file=_partners_file(tmp_path, receiver.url), contract_file=_contract(tmp_path)
    )  # no brokers: the embedded default
    runtime = open_runtime(ServiceSettings(service="intake", data_dir=tmp_path), kafka)

    async def serve() -> dict[str, Any]:
        async with runtime.running():
            _enrol_and_exit(runtime.log, 0, 4)
            await _until(lambda: len(receiver.events()) == 2)
            await _until(lambda: runtime.health()["webhooks"]["webhook:oulu"]["lag"] == 0)
            return runtime.health()

    def metrics() -> str:
        return generate_latest(Observability([runtime]).registry).decode()

    try:
        health = asyncio.run(serve())
        scraped = metrics()
    finally:
        runtime.close()

    assert runtime.relays == []
    assert health["webhooks"] == {"webhook:oulu": {"position": 8, "lag": 0}}
    assert sorted(e["event_id"] for e in receiver.events()) == sorted(_entitled(runtime.log))
    assert 'duuni_webhook_failures{partner="oulu",service="intake"} 0.0' in scraped
    assert 'duuni_webhook_lag_events{partner="oulu",service="intake"} 0.0' in scraped


def test_duuni_partners_lists_each_partner_s_webhook_and_refuses_a_plain_http_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(SECRET_ENV, raising=False)
    contract = _contract(tmp_path)
    cli = CliRunner()
    listed = cli.invoke(
        app,
        ["partners", "--file", str(_partners_file(tmp_path, "https://hooks.example/duuni")),
         "--contract", str(contract)],
    )  # fmt: skip
    refused = cli.invoke(
        app,
        ["partners", "--file", str(_partners_file(tmp_path, "http://hooks.example/duuni")),
         "--contract", str(contract)],
    )  # fmt: skip

    assert listed.exit_code == 0, listed.output
    assert "https://hooks.example/duuni" in listed.output
    assert f"{SECRET_ENV} (not set)" in listed.output
    assert isinstance(refused.exception, PartnersError)
    assert "must use https://" in str(refused.exception)


def test_a_pending_batch_the_partner_no_longer_may_see_is_dropped_not_retried_for_ever(
    tmp_path: Path, receiver: Receiver, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(SECRET_ENV, SECRET)
    log = _with_delivery_state(open_database(f"sqlite:///{tmp_path}/intake.sqlite3"))
    contract = _contract(tmp_path)
    settings = WebhookSettings(ca_file=receiver.ca_file(tmp_path))
    partners = _partners_file(tmp_path, receiver.url)
    _enrol_and_exit(log, 0, 4)
    receiver.lose_answers = 1

    async def attempt() -> None:
        (relay,) = webhook_relays(log, partners, settings, contract)
        async with relay:
            assert (await relay.run_once()).error == "HTTP 500"

    asyncio.run(attempt())
    partners.write_text(partners.read_text().replace('["S1"]', '["S3"]'))  # S1 withdrawn
    asyncio.run(_pass(log, partners, settings, contract))

    (state,) = delivery_states(log.db)
    assert state.position == log.head().position and state.pending_through is None
    assert len(receiver.deliveries) == 1  # the lost one only


async def _pass(
    log: SqlEventLog, partners: Path, settings: WebhookSettings, contract: Path
) -> None:
    (relay,) = webhook_relays(log, partners, settings, contract)
    async with relay:
        assert (await relay.run_once()).passed == log.head().position
