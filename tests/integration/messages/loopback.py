"""Loopback receivers for the message tests: an SMTP server with STARTTLS (aiosmtpd, a
certificate from a local CA made by trustme) and an HTTP receiver standing in for an SMS
gateway. Both keep what they received, to be counted."""

from __future__ import annotations

import dataclasses
import json
import ssl
import threading
from email import message_from_bytes, policy
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session

from tests.live_server import free_port


class _Inbox:
    def __init__(self) -> None:
        self.messages: list[Message] = []
        self.lock = threading.Lock()

    async def handle_DATA(  # noqa: N802 - aiosmtpd's name for the hook
        self, server: SMTP, session: Session, envelope: Envelope
    ) -> str:
        content = envelope.content
        raw = content if isinstance(content, bytes) else str(content).encode()
        with self.lock:
            self.messages.append(message_from_bytes(raw, policy=policy.default))
        return "250 Message accepted"


class SmtpServer:
    """An SMTP server on 127.0.0.1 that refuses to take mail before STARTTLS."""

    def __init__(self, folder: Path) -> None:
        self.port = free_port()
        self.ca = trustme.CA()
        self.ca_file = folder / "smtp-ca.pem"
        self.ca.cert_pem.write_to_path(str(self.ca_file))
        self.context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        self.ca.issue_cert("127.0.0.1").configure_cert(self.context)
        self.inbox = _Inbox()
        self.controller: Controller | None = None

    def start(self) -> None:
        self.controller = Controller(
            self.inbox, hostname="127.0.0.1", port=self.port, tls_context=self.context,
            require_starttls=True, ready_timeout=10,
        )  # fmt: skip
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    @property
    def messages(self) -> list[Message]:
        with self.inbox.lock:
            return list(self.inbox.messages)


@dataclasses.dataclass
class SmsReceiver:
    """An HTTP server on 127.0.0.1 that keeps each POST's JSON body and its headers."""

    status: int = 202
    received: list[tuple[dict[str, Any], dict[str, str]]] = dataclasses.field(default_factory=list)

    def __post_init__(self) -> None:
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                body = json.loads(self.rfile.read(length))
                outer.received.append((body, {k.lower(): v for k, v in self.headers.items()}))
                self.send_response(outer.status)
                self.end_headers()

            def log_message(self, format: str, *args: Any) -> None:
                return

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/messages"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
