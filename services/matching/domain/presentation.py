"""May a client be presented to employers? (domain layer, pure).

Three decisions meet here: intake's consent at enrolment (processing for the project),
intake's consent to the purpose ``employer_presentation`` (given or withdrawn at any
time, and a withdrawal is respected at once) and the coach's note on the job profile
that the client agrees to be proposed. A client who was never asked about the purpose
(enrolled before intake recorded consent per purpose) is judged by the other two, as
before; once asked, the latest decision in force counts.
"""

from __future__ import annotations

from typing import Final

from services.matching.domain.upstream import ConsentGiven, ConsentWithdrawn

EMPLOYER_PRESENTATION: Final = "employer_presentation"
"""Intake's code of the purpose (``services.intake.domain.consent.PURPOSES``)."""


def presentation_decision(event: ConsentGiven | ConsentWithdrawn) -> bool | None:
    """What the event decides about being presented to employers: ``True`` given,
    ``False`` withdrawn, ``None`` when it is about another purpose (nothing to change)."""
    if event.purpose != EMPLOYER_PRESENTATION:
        return None
    return isinstance(event, ConsentGiven)


def supersedes(seen: int | None, stream_version: int) -> bool:
    """Whether a decision at ``stream_version`` of the client's consent stream is newer
    than the one applied (``seen``): a redelivered or late older decision changes nothing."""
    return seen is None or stream_version > seen


def presentable(
    *, consent_given: bool, employer_presentation: bool | None, matching_consent: bool
) -> bool:
    """The client may be ranked for leads, listed as a candidate and referred."""
    return consent_given and employer_presentation is not False and matching_consent
