"""Private text of coaching on its own database: case notes and the wording of goals.

The ``PrivateTexts`` port. These rows never reach an event or another service; every
read names the project, so another project's note is as absent as a missing one.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from sqlalchemy import delete, select

from services.coaching.adapters.tables import private_texts, upsert
from services.coaching.service_layer.ports import Written
from shared.eventlog.sql import Database


class SqlPrivateTexts:
    def __init__(self, db: Database) -> None:
        self.db = db

    def write(self, kind: str, key: str, *, project_id: str, text: str, author: str) -> None:
        row = {
            "kind": kind,
            "key": key,
            "project_id": project_id,
            "text": text.strip(),
            "author": author,
            "written_at": datetime.now(UTC),
        }
        with self.db.engine.begin() as conn:
            upsert(conn, private_texts, row, ["kind", "key"])

    def read(self, kind: str, key: str, *, project_id: str) -> str | None:
        return self.read_many(kind, [key], project_id=project_id).get(key)

    def entry(self, kind: str, key: str, *, project_id: str) -> Written | None:
        t = private_texts
        query = select(t.c.text, t.c.author).where(
            t.c.kind == kind, t.c.key == key, t.c.project_id == project_id
        )
        with self.db.read() as conn:
            row = conn.execute(query).first()
        return Written(text=row.text, author=row.author) if row else None

    def forget(self, kind: str, key: str, *, project_id: str) -> None:
        t = private_texts
        with self.db.engine.begin() as conn:
            conn.execute(
                delete(t).where(t.c.kind == kind, t.c.key == key, t.c.project_id == project_id)
            )

    def read_many(self, kind: str, keys: Iterable[str], *, project_id: str) -> dict[str, str]:
        wanted = list(keys)
        if not wanted:
            return {}
        with self.db.read() as conn:
            rows = conn.execute(
                select(private_texts.c.key, private_texts.c.text).where(
                    private_texts.c.kind == kind,
                    private_texts.c.project_id == project_id,
                    private_texts.c.key.in_(wanted),
                )
            ).all()
        return {row.key: row.text for row in rows}
