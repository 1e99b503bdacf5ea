"""``duuni bench messages``: how many messages a second the outbox sends to an SMTP server.

The intake service is bootstrapped on the embedded SQLite database (``synchronous=FULL``,
as ``duuni up`` runs it) with clients who consented to contact by e-mail; each run queues
``messages`` form-link messages and times ``Messenger.send_due`` working them off: claim
under a lease, consent and address, template, render, SMTP with STARTTLS to a loopback
aiosmtpd server, the ``intake.message_sent`` event, the row's outcome. The floor is bare
``smtplib`` sending as many messages of the same size over one STARTTLS connection to the
same server in the same run: what the outbox's bookkeeping costs is the distance between
the two. Rates are medians of ``runs`` runs.
"""

from __future__ import annotations

import os
import smtplib
import socket
import ssl
import statistics
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session
from rich import box
from rich.console import Console
from rich.table import Table

from services.intake.adapters.messages import SqlMessages
from services.intake.adapters.senders import messenger
from services.intake.bootstrap import bootstrap
from services.intake.config import IntakeSettings, SmsSettings, SmtpSettings
from services.intake.domain.consent import RecordConsent
from services.intake.entrypoints.state import IntakeState
from services.intake.service_layer.enrolment import Person
from services.intake.service_layer.messages import project_names, queue_link_message
from shared.business_dates import helsinki_today
from shared.messagebus import CommandContext

PROJECT = "BENCH"
URL = "https://duuni.example/l/3q2-example-token-of-forty-three-characters-x"


@dataclass(frozen=True)
class MessagesRow:
    scenario: str
    messages: int
    seconds: float
    rate: float
    spread: float
    floor_ratio: float | None


class _Counter:
    def __init__(self) -> None:
        self.count = 0

    async def handle_DATA(  # noqa: N802 - aiosmtpd's name for the hook
        self, server: SMTP, session: Session, envelope: Envelope
    ) -> str:
        self.count += 1
        return "250 Message accepted"


@contextmanager
def _smtp_server(folder: Path) -> Iterator[tuple[int, Path, _Counter]]:
    """An aiosmtpd server on 127.0.0.1 requiring STARTTLS, its CA file, its counter."""
    ca = trustme.CA()
    ca_file = folder / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(context)
    counter = _Counter()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    controller = Controller(
        counter, hostname="127.0.0.1", port=port, tls_context=context, require_starttls=True
    )
    controller.start()
    try:
        yield port, ca_file, counter
    finally:
        controller.stop()


def _clients(state: IntakeState, count: int) -> list[str]:
    """``count`` persons with an e-mail address and consent to be contacted."""
    people = state.views.people
    context = CommandContext(actor="bench", project_id=PROJECT, roles=frozenset({"coach"}))
    ids = []
    for n in range(count):
        client_id = f"00000000-0000-4000-8000-{n:012d}"
        person = Person(
            client_id=client_id, project_id=PROJECT, identity_code=None,
            birth_date=date(1970, 1, 1), first_name="Asiakas", last_name=f"{n}",
            phone="", email=f"asiakas{n}@example.fi", language=("fi", "sv", "en")[n % 3],
            consent_version="2026-01", consented_at=datetime.now(UTC),
        )  # fmt: skip
        people.save(person)
        state.bus.handle(
            RecordConsent(
                client_id=client_id, purpose="contact_by_email_sms", version="2026-01",
                given=True, channel="in_person", on=helsinki_today(),
            ),
            context,
        )  # fmt: skip
        ids.append(client_id)
    return ids


def _bare(port: int, ca_file: Path, count: int) -> float:
    """Seconds for bare smtplib to send ``count`` messages over one STARTTLS connection."""
    started = time.perf_counter()
    with smtplib.SMTP("127.0.0.1", port, timeout=20) as smtp:
        smtp.starttls(context=ssl.create_default_context(cafile=str(ca_file)))
        for n in range(count):
            message = EmailMessage()
            message["From"] = "valmennus@example.fi"
            message["To"] = f"asiakas{n}@example.fi"
            message["Subject"] = "Lomake täytettäväksi"
            message["Message-ID"] = f"<bare-{n}@duuni.invalid>"
            message.set_content("Hei!\n\nPyydämme sinua täyttämään lomakkeen:\n" + URL)
            smtp.send_message(message)
    return time.perf_counter() - started


def run_messages_benchmark(
    messages: int = 500, runs: int = 3, console: Console | None = None
) -> list[MessagesRow]:
    console = console or Console()
    ours: list[float] = []
    floor: list[float] = []
    saved = {name: os.environ.pop(name, None) for name in ("DUUNI_SMTP_HOST", "DUUNI_SMS_URL")}
    try:
        with tempfile.TemporaryDirectory(prefix="duuni-bench-messages-") as folder:
            data = Path(folder)
            service = bootstrap(IntakeSettings(data_dir=data / "data"))
            state = service.state
            assert isinstance(state, IntakeState)
            clients = _clients(state, messages)
            with _smtp_server(data) as (port, ca_file, counter):
                outbox = SqlMessages(service.runtime.log.db)
                sender = messenger(
                    outbox, state.views.people, state.views.streams, state.auth.store,
                    project_names(state.views),
                    smtp=SmtpSettings(host="127.0.0.1", port=port, ca_file=ca_file),
                    sms=SmsSettings(),
                )  # fmt: skip
                sender.batch_size = 100
                for _ in range(runs):
                    for client_id in clients:
                        queue_link_message(outbox, PROJECT, client_id, URL, "follow_up")
                    before = counter.count
                    started = time.perf_counter()
                    done = sender.send_due()
                    ours.append(time.perf_counter() - started)
                    assert done == messages and counter.count - before == messages
                    floor.append(_bare(port, ca_file, messages))
            service.runtime.close()
    finally:
        for name, value in saved.items():
            if value is not None:
                os.environ[name] = value
    rows = [_row("outbox → SMTP (STARTTLS)", messages, ours, floor),
            _row("bare smtplib (floor)", messages, floor, None)]  # fmt: skip
    console.print(_table(rows, runs))
    return rows


def _row(
    scenario: str, messages: int, seconds: list[float], floor: list[float] | None
) -> MessagesRow:
    rates = [messages / s for s in seconds]
    median = statistics.median(rates)
    ratio = None
    if floor is not None:
        ratio = statistics.median(
            (messages / s) / (messages / f) for s, f in zip(seconds, floor, strict=True)
        )
    return MessagesRow(
        scenario=scenario, messages=messages, seconds=statistics.median(seconds), rate=median,
        spread=(max(rates) - min(rates)) / median, floor_ratio=ratio,
    )  # fmt: skip


def _table(rows: list[MessagesRow], runs: int) -> Table:
    table = Table(
        title=f"Message outbox throughput (median of {runs})", title_justify="left",
        box=box.SIMPLE_HEAD, show_edge=False,
    )  # fmt: skip
    table.add_column("scenario", no_wrap=True)
    for heading in ("messages", "seconds", "messages/s", "±", "vs floor"):
        table.add_column(heading, justify="right", no_wrap=True)
    for row in rows:
        table.add_row(
            row.scenario, f"{row.messages:,}", f"{row.seconds:.2f}", f"{row.rate:,.0f}",
            f"{row.spread:.0%}", "—" if row.floor_ratio is None else f"{row.floor_ratio:.2f}×",
        )  # fmt: skip
    return table


def main(*_: Any) -> None:
    run_messages_benchmark()


if __name__ == "__main__":
    main()
