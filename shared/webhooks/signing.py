"""Signing a webhook delivery, and how a receiver checks it (pure; no I/O).

The scheme is Stripe's: the header ``Duuni-Signature: t=<unix seconds>,v1=<hex>`` where
``<hex>`` is HMAC-SHA256 under the partner's shared secret of ``<t>.`` followed by the raw
request body. Signing the timestamp with the body lets a receiver refuse a captured
request replayed later (older than its tolerance) without keeping every id it has seen;
the delivery id header (``Duuni-Delivery``) is what it drops duplicates by.
"""

from __future__ import annotations

import hashlib
import hmac

SIGNATURE_HEADER = "Duuni-Signature"
DELIVERY_HEADER = "Duuni-Delivery"
TOLERANCE_SECONDS = 300
"""How old a signed timestamp a receiver should still accept (five minutes)."""


def signature(secret: str, timestamp: int, body: bytes) -> str:
    """The ``v1`` value: hex HMAC-SHA256 of ``<timestamp>.<body>``."""
    message = str(timestamp).encode("ascii") + b"." + body
    return hmac.new(secret.encode("utf-8"), message, hashlib.sha256).hexdigest()


def signature_header(secret: str, timestamp: int, body: bytes) -> str:
    return f"t={timestamp},v1={signature(secret, timestamp, body)}"


def verify(
    secret: str,
    header: str,
    body: bytes,
    now: float,
    tolerance: float = TOLERANCE_SECONDS,
) -> bool:
    """Whether ``header`` signs ``body`` under ``secret`` at a time within ``tolerance``.

    Several ``v1`` values are allowed (a sender rotating its secret may sign with both);
    one that matches suffices. Anything malformed is simply not valid.
    """
    timestamp: int | None = None
    candidates: list[str] = []
    for part in header.split(","):
        key, _, value = part.strip().partition("=")
        if key == "t" and value.isdigit():
            timestamp = int(value)
        elif key == "v1" and value:
            candidates.append(value)
    if timestamp is None or not candidates or abs(now - timestamp) > tolerance:
        return False
    expected = signature(secret, timestamp, body)
    return any(hmac.compare_digest(expected, candidate) for candidate in candidates)
