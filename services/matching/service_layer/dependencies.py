"""What matching's handlers work with (service layer): the aggregates of its log, the read
model they take their facts from, and the ids of new records.

``MatchingDeps`` is the dependencies ``bootstrap`` builds once and binds to every handler;
tests build it with fakes or on a fresh database.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Callable, Sequence
from datetime import date
from typing import TypeVar

from services.matching.domain import company as companies
from services.matching.domain import lead as leads
from services.matching.domain import referral as referrals
from services.matching.domain.events import PlacementStarted
from services.matching.service_layer.ports import ContactPersons, ReadModel
from services.matching.service_layer.ranking import CandidatePool
from services.matching.service_layer.streams import Aggregate, Streams
from shared.business_dates import helsinki_today
from shared.ids import id_for_submission, scoped_submission
from shared.messagebus import Accepted, CommandContext

S = TypeVar("S")


def _placement_evolve(state: PlacementStarted | None, event: object) -> PlacementStarted | None:
    return event if isinstance(event, PlacementStarted) else state


def _profile_evolve(state: object, event: object) -> object:
    return event


COMPANIES: Aggregate[companies.Company] = Aggregate("company", companies.evolve)
LEADS: Aggregate[leads.Lead] = Aggregate("lead", leads.evolve)
REFERRALS: Aggregate[referrals.Referral] = Aggregate("referral", referrals.evolve_referral)
PLACEMENTS: Aggregate[PlacementStarted] = Aggregate("placement", _placement_evolve)
PROFILES: Aggregate[object] = Aggregate("job-profile", _profile_evolve)

_SUBMISSIONS = uuid.UUID("0d7b6c55-8f0e-4b8e-9d57-3c1f3f0f5a21")


def new_id(kind: str, project_id: str, actor: str, submission_id: str | None) -> str:
    """The id of a new ``kind`` of record; a resubmitted form names the same record again,
    so that its second append is recognised as a duplicate and nothing new is stored.

    The client chooses the submission id, so it is scoped to the kind of record, the
    project and the actor: no submission can name another project's (or user's) record.
    """
    scoped = scoped_submission(project_id, actor, f"{kind}:{submission_id}")
    return id_for_submission(_SUBMISSIONS, scoped if submission_id else None)


def new_id_in(kind: str, context: CommandContext) -> str:
    """``new_id`` of a page's form, from the context the page built."""
    return new_id(kind, context.project_id, context.actor, context.submission_id)


@dataclasses.dataclass(frozen=True, slots=True)
class MatchingDeps:
    """What every handler needs: the log as aggregates, the read model, contact persons."""

    streams: Streams
    read: ReadModel
    contacts: ContactPersons
    today: Callable[[], date] = helsinki_today
    pool: CandidatePool | None = None
    """Compiled candidate sets kept between requests; ``None`` compiles them every time."""

    def create(
        self,
        aggregate: Aggregate[S],
        aggregate_id: str,
        decide: Callable[[S | None], Sequence[object]],
        context: CommandContext,
    ) -> Accepted:
        """Start a new aggregate; a resubmitted form finds it started and stores nothing."""
        loaded = self.streams.load(aggregate, aggregate_id)
        if context.submission_id and loaded.state is not None:
            return Accepted(aggregate_id, duplicate=True)
        return self.streams.execute(aggregate, aggregate_id, decide, context)
