"""Employer forms by link on coaching's own database (adapter layer): the links (the
project's link store's ``links`` table, ``shared.links``), and each link's form
(``coaching_employer_forms``): to whom it went, and what was sent back.

Records kept by migrations, not read models: the recipient's name and the proposal's free
text exist nowhere else (no event carries them). A row is made when the link is made and
filled in when the form is sent; its ``status`` is then ``pending`` until a coach confirms
or rejects it.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa

from services.coaching.adapters.tables import coaching_metadata
from services.coaching.service_layer.employer_ports import FormRecord
from shared.eventlog.sql import Database
from shared.links import links_table

links = links_table(coaching_metadata)

employer_forms = sa.Table(
    "coaching_employer_forms",
    coaching_metadata,
    sa.Column("link_id", sa.String(36), primary_key=True),
    sa.Column("project_id", sa.String(64), nullable=False),
    sa.Column("plan_id", sa.String(36), nullable=False),
    sa.Column("form", sa.String(16), nullable=False),
    # Whom the coach sent it to, in her words (the employer's contact person), and
    # matching's id of that contact person when the coach chose a known one.
    sa.Column("recipient", sa.String(200), nullable=False),
    sa.Column("contact_id", sa.String(36), nullable=True),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("content", sa.Text, nullable=True),
    sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("decided_by", sa.String(36), nullable=True),
    sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
    sa.Index("coaching_employer_forms_by_plan", "project_id", "plan_id"),
)


class SqlEmployerForms:
    """The ``EmployerForms`` port."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def issued(
        self,
        link_id: str,
        *,
        project_id: str,
        plan_id: str,
        form: str,
        recipient: str,
        contact_id: str | None,
    ) -> None:
        row = {
            "link_id": link_id,
            "project_id": project_id,
            "plan_id": plan_id,
            "form": form,
            "recipient": recipient.strip(),
            "contact_id": contact_id,
            "status": "issued",
        }
        with self.db.engine.begin() as conn:
            conn.execute(sa.insert(employer_forms).values(**row))

    def submitted(self, link_id: str, content: str, at: datetime) -> None:
        self._update(link_id, "issued", status="pending", content=content, submitted_at=at)

    def unsubmitted(self, link_id: str) -> None:
        self._update(link_id, "pending", status="issued", content=None, submitted_at=None)

    def decided(self, link_id: str, status: str, by: str, at: datetime) -> None:
        self._update(link_id, "pending", status=status, decided_by=by, decided_at=at)

    def _update(self, link_id: str, was: str, **values: object) -> None:
        t = employer_forms
        with self.db.engine.begin() as conn:
            conn.execute(
                sa.update(t).where(t.c.link_id == link_id, t.c.status == was).values(**values)
            )

    def of_plan(self, project_id: str, plan_id: str) -> list[FormRecord]:
        t = employer_forms
        query = sa.select(t).where(t.c.project_id == project_id, t.c.plan_id == plan_id)
        with self.db.read() as conn:
            return [_record(row) for row in conn.execute(query)]

    def get(self, project_id: str, link_id: str) -> FormRecord | None:
        t = employer_forms
        query = sa.select(t).where(t.c.project_id == project_id, t.c.link_id == link_id)
        with self.db.read() as conn:
            row = conn.execute(query).first()
        return _record(row) if row else None


def _record(row: sa.Row[tuple[object, ...]]) -> FormRecord:
    m = row._mapping
    return FormRecord(
        link_id=m["link_id"],
        project_id=m["project_id"],
        plan_id=m["plan_id"],
        form=m["form"],
        recipient=m["recipient"],
        contact_id=m["contact_id"],
        status=m["status"],
        content=m["content"],
        decided_by=m["decided_by"],
    )
