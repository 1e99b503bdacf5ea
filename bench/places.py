"""Where a benchmark run stores its data: a temporary folder, fresh PostgreSQL schemas.

Every target starts on an empty store and leaves nothing behind: the folder is removed
and each schema dropped with everything in it, also when a scenario fails.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterator

from sqlalchemy import create_engine, text


@contextlib.contextmanager
def fresh_schema(url: str, prefix: str) -> Iterator[str]:
    """A new, empty schema, dropped (with everything in it) on the way out."""
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{name}"'))
        yield name
    finally:
        with engine.begin() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{name}" CASCADE'))
        engine.dispose()
