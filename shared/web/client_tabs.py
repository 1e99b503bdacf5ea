"""The client's tab bar, shared by intake's client page and coaching's plan.

A client's page is two services' pages read as one: intake's details and documents,
coaching's plan, sessions, notes and tasks, on one site under one heading. Both draw the
same bar (``client_tabs.html``) from the tabs answered here, so the order, the wording
and who sees which tab are said once. Plain links: they work without JavaScript and with
the keyboard like any link.
"""

from __future__ import annotations

import dataclasses

from shared.web.i18n import N_
from shared.web.principal import AUDITOR, User

DETAILS = "details"
PLAN = "plan"
NOTES = "notes"
DOCUMENTS = "documents"
LABEL = N_("The client's pages")
"""The bar's name for a screen reader (``aria-label`` of its ``nav``)."""


@dataclasses.dataclass(frozen=True, slots=True)
class ClientTab:
    key: str
    label: str
    """The message id; the template translates it."""
    href: str
    current: bool


def may_see_documents(user: User, project_id: str) -> bool:
    """Documents are for the project's coaches and manager and for administrators, never
    for an auditor (as intake's documents section decides)."""
    if user.is_admin:
        return True
    return user.can_write_in(project_id) and AUDITOR not in user.roles_in(project_id)


def client_tabs(user: User, project_id: str, client_id: str, current: str) -> list[ClientTab]:
    """The tabs ``user`` may open, in the order a coach works through them, the one
    shown (``current``) marked."""
    client = f"/p/{project_id}/clients/{client_id}"
    coaching = f"/p/{project_id}/coaching/clients/{client_id}"
    tabs = [
        (DETAILS, N_("Basic details"), client),
        (PLAN, N_("Plan and sessions"), coaching),
        (NOTES, N_("Notes and tasks"), f"{coaching}/notes"),
    ]
    if may_see_documents(user, project_id):
        tabs.append((DOCUMENTS, N_("Documents"), f"{client}/documents"))
    return [ClientTab(key, label, href, key == current) for key, label, href in tabs]
