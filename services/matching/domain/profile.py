"""A client's job profile: what matching may know about a client, and nothing more.

The profile is built from coach input (``matching.job_profile_updated``) for clients
that intake reports as enrolled. It has no field for gender, age, origin, disability or
health, and the scorer reads nothing but a ``JobProfile``: those characteristics cannot
reach a score because there is nowhere to put them (tests/unit/matching check this).
"""

from __future__ import annotations

import dataclasses

from services.matching.domain.commands import UpdateJobProfile
from services.matching.domain.errors import DomainError
from services.matching.domain.events import JobProfileUpdated
from services.matching.domain.occupations import check_isco
from services.matching.domain.skills import languages, municipality, tags
from services.matching.domain.vocabulary import WorkingTimePreference
from shared.shapes import like

MAX_TARGET_OCCUPATIONS = 10


@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class JobProfile:
    """The scorer's whole view of a client."""

    client_id: str
    target_occupations: frozenset[str] = frozenset()
    """ISCO-08 unit groups."""
    skills: frozenset[str] = frozenset()
    languages: frozenset[str] = frozenset()
    municipalities: frozenset[str] = frozenset()
    """Where the client can commute to; compared in normal form (``skills.municipality``)."""
    working_time: WorkingTimePreference = WorkingTimePreference.ANY
    driving_licence: bool = False

    @classmethod
    def of(cls, event: JobProfileUpdated) -> JobProfile:
        return cls(
            client_id=event.client_id,
            target_occupations=frozenset(event.target_occupations),
            skills=frozenset(event.skills),
            languages=frozenset(event.languages),
            municipalities=frozenset(municipality(m) for m in event.municipalities),
            working_time=event.working_time,
            driving_licence=event.driving_licence,
        )


def decide_profile(command: UpdateJobProfile, *, client_known: bool) -> JobProfileUpdated:
    """``client_known``: intake enrolled the client in this project."""
    if not client_known:
        raise DomainError("client_not_found")
    occupations = tuple(sorted({check_isco(code) for code in command.target_occupations}))
    if len(occupations) > MAX_TARGET_OCCUPATIONS:
        raise DomainError("too_many_target_occupations")
    places = {" ".join(m.split()) for m in command.municipalities}
    places.discard("")
    return like(
        JobProfileUpdated,
        command,
        target_occupations=occupations,
        skills=tags(command.skills),
        languages=languages(command.languages),
        municipalities=tuple(sorted(places, key=municipality)),
    )
