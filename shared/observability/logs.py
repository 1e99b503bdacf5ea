"""Structured logs: one JSON object per line, with the correlation id of the work in hand.

Set ``DUUNI_LOG_FORMAT=json`` (as the deployments do) for machine-read logs; the default
for a developer's terminal stays plain text. Log lines never carry personal data: ids
only, as events do.
"""

from __future__ import annotations

import logging
import os
import sys
from datetime import UTC, datetime
from typing import Any

import orjson

from shared.events.correlation import current_correlation_id

_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    """``{"ts", "level", "logger", "message", "correlation_id", ...extra}`` per line."""

    def __init__(self, service: str | None = None) -> None:
        super().__init__()
        self.service = service

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        if self.service:
            entry["service"] = self.service
        correlation = getattr(record, "correlation_id", None) or current_correlation_id()
        if correlation:
            entry["correlation_id"] = correlation
        for key, value in vars(record).items():
            if key not in _STANDARD and key not in entry:
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return orjson.dumps(entry, default=str).decode()


def configure_logging(service: str | None = None, *, level: str | None = None) -> None:
    """Root logging for a process: JSON when ``DUUNI_LOG_FORMAT=json``, else plain text."""
    handler = logging.StreamHandler(sys.stderr)
    if os.environ.get("DUUNI_LOG_FORMAT", "text").lower() == "json":
        handler.setFormatter(JsonFormatter(service))
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level or os.environ.get("DUUNI_LOG_LEVEL", "INFO").upper())
