"""Time-ordered identifiers (UUID version 7, RFC 9562).

Time-ordered ids keep B-tree indexes append-mostly and let a reader see roughly when an
event was minted. Python 3.11's ``uuid`` module has no ``uuid7``, hence these few lines.
"""

from __future__ import annotations

import os
import time
import uuid


def uuid7() -> uuid.UUID:
    """A fresh UUIDv7: 48 bits of Unix milliseconds, then 74 random bits."""
    millis = time.time_ns() // 1_000_000
    rand = int.from_bytes(os.urandom(10), "big")
    value = (millis & 0xFFFF_FFFF_FFFF) << 80
    value |= 0x7 << 76  # version
    value |= ((rand >> 62) & 0xFFF) << 64  # rand_a, 12 bits
    value |= 0b10 << 62  # variant
    value |= rand & 0x3FFF_FFFF_FFFF_FFFF  # rand_b, 62 bits
    return uuid.UUID(int=value)


def uuid7_str() -> str:
    return str(uuid7())
