"""Ports of matching's service layer: what the handlers need from outside, as Protocols.

Adapters implement them on matching's own database (``adapters/``); nothing here knows
SQL or HTTP. Every read names the project: another project's rows are never returned.
"""

from __future__ import annotations

from typing import Protocol

from services.matching.domain.profile import JobProfile
from services.matching.service_layer.views import (
    ClientStanding,
    CompanyView,
    ContactLogEntry,
    ContactNote,
    ContactPerson,
    LeadView,
    NeedView,
    PlacementView,
    ProfileView,
    ReferralView,
)


class ReadModel(Protocol):
    """Matching's projections of its own events and of intake's clients."""

    def version(self) -> tuple[int, ...]:
        """Changes whenever the projections applied anything: a key for caches."""
        ...

    def client(self, project_id: str, client_id: str) -> ClientStanding | None: ...

    def clients(self, project_id: str) -> list[ClientStanding]: ...

    def profile(self, project_id: str, client_id: str) -> ProfileView | None: ...

    def candidates(self, project_id: str) -> list[JobProfile]:
        """Profiles of the project's active clients who consented to being proposed."""
        ...

    def company(self, project_id: str, company_id: str) -> CompanyView | None: ...

    def company_with_business_id(self, project_id: str, business_id: str) -> str | None: ...

    def companies(self, project_id: str) -> list[CompanyView]: ...

    def contact_log(self, project_id: str, company_id: str) -> list[ContactLogEntry]: ...

    def needs(self, project_id: str, company_id: str) -> list[NeedView]: ...

    def lead(self, project_id: str, lead_id: str) -> LeadView | None: ...

    def leads(
        self, project_id: str, *, available_only: bool = False, company_id: str | None = None
    ) -> list[LeadView]: ...

    def referral(self, project_id: str, referral_id: str) -> ReferralView | None: ...

    def referrals(
        self, project_id: str, *, lead_id: str | None = None, client_id: str | None = None
    ) -> list[ReferralView]: ...

    def placements(
        self, project_id: str, *, client_id: str | None = None, company_id: str | None = None
    ) -> list[PlacementView]: ...


class ContactPersons(Protocol):
    """Personal data and free text of the companies' side, never in events: the names, phones
    and e-mails of contact persons, and what was discussed at each contact and by whom."""

    def save(self, person: ContactPerson) -> None:
        """Insert or replace the person."""
        ...

    def of_company(self, project_id: str, company_id: str) -> list[ContactPerson]: ...

    def save_note(self, note: ContactNote) -> None:
        """Insert or replace the note of a contact-log entry."""
        ...

    def notes_of_company(self, project_id: str, company_id: str) -> dict[str, ContactNote]:
        """The company's notes by contact-log id."""
        ...

    def makers(self, project_id: str) -> dict[str, str]:
        """Who has made the project's recorded contacts: user id → name as then recorded."""
        ...
