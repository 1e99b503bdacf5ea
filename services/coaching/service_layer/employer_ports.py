"""The port of employer forms by link (service layer): each link's form as coaching keeps
it, from the link's making to the coach's decision."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from typing import Protocol

STATUSES = ("issued", "pending", "confirmed", "rejected")
"""``issued``: not sent back yet; ``pending``: sent, awaiting the coach; then decided."""


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class FormRecord:
    link_id: str
    project_id: str
    plan_id: str
    form: str
    recipient: str
    contact_id: str | None
    status: str
    content: str | None
    """The proposal as sent (``employer_forms.dump``), with its free text."""
    decided_by: str | None


class EmployerForms(Protocol):
    def issued(
        self,
        link_id: str,
        *,
        project_id: str,
        plan_id: str,
        form: str,
        recipient: str,
        contact_id: str | None,
    ) -> None: ...

    def submitted(self, link_id: str, content: str, at: datetime) -> None: ...

    def unsubmitted(self, link_id: str) -> None:
        """Take back ``submitted`` when its event could not be stored."""
        ...

    def decided(self, link_id: str, status: str, by: str, at: datetime) -> None: ...

    def of_plan(self, project_id: str, plan_id: str) -> list[FormRecord]: ...

    def get(self, project_id: str, link_id: str) -> FormRecord | None: ...
