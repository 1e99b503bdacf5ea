"""A partner project's receiver of Duuni's webhook deliveries: a starting point to copy.

Standard library only: partners never run Duuni's code. It answers 2xx only for a
delivery it has handled, so that Duuni sends anything else again; it refuses a request
whose signature does not match the shared secret or is older than five minutes (a
replay), and it drops a delivery id it has handled before (Duuni delivers at least
once). Keep the seen ids in your own database, in the transaction that stores the events.

    DUUNI_WEBHOOK_SECRET=... python deploy/partners/sample_webhook_receiver.py \\
        --port 8443 --cert server.pem --key server.key
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import json
import os
import ssl
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

TOLERANCE_SECONDS = 300


def signature_valid(secret: str, header: str, body: bytes, now: float) -> bool:
    """``t=<unix>,v1=<hex>``: HMAC-SHA256 of ``<t>.<body>``, at most five minutes old."""
    fields: dict[str, list[str]] = {}
    for part in header.split(","):
        key, _, value = part.strip().partition("=")
        fields.setdefault(key, []).append(value)
    stamp = fields.get("t", [""])[0]
    if not stamp.isdigit() or abs(now - int(stamp)) > TOLERANCE_SECONDS:
        return False
    message = stamp.encode() + b"." + body
    expected = hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()
    return any(hmac.compare_digest(expected, given) for given in fields.get("v1", []))


def handler(
    secret: str, handle: Callable[[dict[str, Any]], None], seen: set[str]
) -> type[BaseHTTPRequestHandler]:
    """A request handler that checks, deduplicates and hands each event to ``handle``."""

    class Receiver(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            header = self.headers.get("Duuni-Signature", "")
            if not signature_valid(secret, header, body, time.time()):
                self.send_response(401)
                self.end_headers()
                return
            delivery = self.headers.get("Duuni-Delivery", "")
            if delivery not in seen:
                for event in json.loads(body)["events"]:
                    handle(event)
                seen.add(delivery)
            self.send_response(204)
            self.end_headers()

    return Receiver


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="0.0.0.0")
    parser.add_argument("--port", type=int, default=8443)
    parser.add_argument("--cert", required=True, help="PEM certificate chain of this server")
    parser.add_argument("--key", required=True, help="its private key")
    args = parser.parse_args()
    secret = os.environ["DUUNI_WEBHOOK_SECRET"]

    def show(event: dict[str, Any]) -> None:
        print(event["project_id"], event["event_type"], json.dumps(event["payload"]))

    server = ThreadingHTTPServer((args.host, args.port), handler(secret, show, set()))
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(args.cert, args.key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
