"""The correlation id of the work in hand: one request, or one event being handled.

An HTTP request sets it (from ``X-Correlation-ID`` or a new one); every event appended
while handling that request carries it, and so do the log lines, so that one click of a
coach can be followed through every service's log and events.
"""

from __future__ import annotations

import contextvars

from shared.ids import uuid7_str

_CURRENT: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "duuni_correlation_id", default=None
)


def current_correlation_id() -> str | None:
    return _CURRENT.get()


def correlation_id_or_new() -> str:
    return _CURRENT.get() or uuid7_str()


def set_correlation_id(value: str | None) -> contextvars.Token[str | None]:
    return _CURRENT.set(value)


def reset_correlation_id(token: contextvars.Token[str | None]) -> None:
    _CURRENT.reset(token)
