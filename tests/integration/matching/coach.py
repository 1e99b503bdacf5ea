"""A coach of project A driving matching's command bus directly, as the edges do.

For tests of the read model and the faust agents: the bus of ``bootstrap``'s shape (the
handlers bound to their dependencies, the read model refreshed after each write), and
commands with sensible defaults built as a page would build them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date
from typing import Any

from services.matching.domain.commands import (
    AnswerReferral,
    RecordLead,
    ReferClient,
    RegisterCompany,
    StartPlacement,
    UpdateJobProfile,
)
from services.matching.domain.vocabulary import (
    AnswerReason,
    LeadKind,
    PlacementType,
    ReferralAnswer,
    SizeClass,
    WorkingTime,
    WorkingTimePreference,
)
from services.matching.service_layer.dependencies import MatchingDeps
from services.matching.service_layer.handlers import COMMAND_HANDLERS
from services.matching.service_layer.ports import ContactPersons, ReadModel
from services.matching.service_layer.streams import Streams
from shared.eventlog.port import EventLog
from shared.ids import uuid7_str
from shared.messagebus import CommandContext, MessageBus, bind

ACTOR = "u"
PROJECT = "A"
COACH = CommandContext(actor=ACTOR, project_id=PROJECT, roles=frozenset({"coach"}))


@dataclasses.dataclass
class Coach:
    bus: MessageBus
    today: date
    context: CommandContext = COACH

    def _run(self, command: object) -> str:
        return self.bus.handle(command, self.context).id

    def register_company(self, **changes: Any) -> str:
        command = RegisterCompany(
            company_id=uuid7_str(),
            project_id=PROJECT,
            business_id="0112038-9",
            trade_name="Leipomo",
            industry="10710",
            municipality="Lohja",
            size_class=SizeClass.SMALL,
            registered_on=self.today,
            coach_id=ACTOR,
        )
        return self._run(dataclasses.replace(command, **changes))

    def record_lead(self, company_id: str, **changes: Any) -> str:
        command = RecordLead(
            lead_id=uuid7_str(),
            company_id=company_id,
            project_id=PROJECT,
            kind=LeadKind.HIDDEN_JOB,
            occupation_code="7512",
            occupation_label="",
            esco_code=None,
            municipality="Lohja",
            working_time=WorkingTime.FULL_TIME,
            found_on=self.today,
            starts_on=None,
            wage_subsidy_eligible=False,
            required_skills=(),
            required_languages=(),
            coach_id=ACTOR,
        )
        return self._run(dataclasses.replace(command, **changes))

    def update_profile(self, client_id: str, **changes: Any) -> str:
        command = UpdateJobProfile(
            client_id=client_id,
            project_id=PROJECT,
            target_occupations=("7512",),
            skills=(),
            languages=("fi",),
            municipalities=("Lohja",),
            working_time=WorkingTimePreference.ANY,
            driving_licence=False,
            matching_consent=True,
            updated_on=self.today,
            coach_id=ACTOR,
        )
        return self._run(dataclasses.replace(command, **changes))

    def refer(self, client_id: str, lead_id: str) -> str:
        return self._run(
            ReferClient(
                referral_id=uuid7_str(),
                client_id=client_id,
                lead_id=lead_id,
                project_id=PROJECT,
                referred_on=self.today,
                coach_id=ACTOR,
            )
        )

    def answer(self, referral_id: str, answer: ReferralAnswer, reason: AnswerReason) -> str:
        command = AnswerReferral(
            referral_id=referral_id, answer=answer, reason=reason, answered_on=self.today
        )
        return self._run(command)

    def place(self, client_id: str, company_id: str, **changes: Any) -> str:
        command = StartPlacement(
            placement_id=uuid7_str(),
            client_id=client_id,
            company_id=company_id,
            project_id=PROJECT,
            lead_id=None,
            referral_id=None,
            placement_type=PlacementType.APPRENTICESHIP,
            starts_on=self.today,
            ends_on=None,
            coach_id=ACTOR,
        )
        return self._run(dataclasses.replace(command, **changes))


def coach_on(
    log: EventLog,
    read: ReadModel,
    contacts: ContactPersons,
    refresh: Callable[[], object],
    today: date,
) -> Coach:
    """A coach whose every write brings the read model up to it (``refresh``)."""
    matching = MatchingDeps(Streams(log), read, contacts, today=lambda: today)

    def after_write() -> None:
        refresh()

    return Coach(MessageBus(bind(COMMAND_HANDLERS, matching), after_write=after_write), today)
