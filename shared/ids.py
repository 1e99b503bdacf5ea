"""Time-ordered identifiers (UUID version 7, RFC 9562).

Time-ordered ids keep B-tree indexes append-mostly and let a reader see roughly when an
event was minted. Python 3.11's ``uuid`` module has no ``uuid7``, hence these few lines.
"""

from __future__ import annotations

import hashlib
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


def scoped_submission(project_id: str, actor: str, submission_id: str) -> str:
    """A form's submission id as the services key it: hashed with the project and the actor.

    The submission id comes from the client, so alone it could name another project's
    (or another user's) record: a coach of one project replaying a submission id seen in
    another would have been told "already saved" about, or written over, the other
    project's record. Scoped, it can only ever find the same actor's own submission.
    """
    joined = "\x1f".join((project_id, actor, submission_id))
    return hashlib.sha256(joined.encode()).hexdigest()


def id_for_submission(namespace: uuid.UUID, scoped: str | None) -> str:
    """The id of a new record: a resubmitted form (the same ``scoped_submission``) names the
    same record again, so its second append is recognised as a duplicate; without a
    submission, a fresh time-ordered id."""
    return str(uuid.uuid5(namespace, scoped)) if scoped else uuid7_str()
