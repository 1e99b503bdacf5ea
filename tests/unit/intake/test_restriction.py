"""The restriction's rules: one restriction at a time, a known basis, lifting ends it; the
events carry codes and a day, and survive their wire form unchanged."""

from __future__ import annotations

from datetime import date

import pytest

from services.intake.domain.contracts import intake_contracts
from services.intake.domain.errors import DomainError
from services.intake.domain.events import ProcessingRestricted, ProcessingRestrictionLifted
from services.intake.domain.restriction import (
    LiftRestriction,
    Restriction,
    RestrictProcessing,
    decide_lifting,
    decide_restriction,
    evolve_restriction,
)
from shared.events.codec import decode_event, payload_of
from shared.events.contract import schema_version_of, type_name_of

DAY = date(2026, 12, 3)


def test_a_restriction_is_recorded_with_its_basis_and_lifted() -> None:
    [restricted] = decide_restriction(None, RestrictProcessing(client_id="c1"), "P", DAY)
    state = evolve_restriction(None, restricted)
    [lifted] = decide_lifting(state, LiftRestriction(client_id="c1"), "P", DAY)

    assert restricted == ProcessingRestricted(
        client_id="c1", project_id="P", basis="esf_retention", restricted_on=DAY
    )
    assert state == Restriction(client_id="c1", basis="esf_retention", since=DAY)
    assert lifted.basis == "request_withdrawn"
    assert evolve_restriction(state, lifted) is None


@pytest.mark.parametrize(
    ("state", "command", "code"),
    [
        (None, RestrictProcessing(client_id="c1", basis="whim"), "invalid_restriction_basis"),
        (Restriction(client_id="c1", basis="esf_retention", since=DAY),
         RestrictProcessing(client_id="c1"), "already_restricted"),
        (None, LiftRestriction(client_id="c1"), "not_restricted"),
        (Restriction(client_id="c1", basis="esf_retention", since=DAY),
         LiftRestriction(client_id="c1", basis="whim"), "invalid_restriction_basis"),
    ],
)  # fmt: skip
def test_refusals(
    state: Restriction | None, command: RestrictProcessing | LiftRestriction, code: str
) -> None:
    with pytest.raises(DomainError) as refused:
        if isinstance(command, RestrictProcessing):
            decide_restriction(state, command, "P", DAY)
        else:
            decide_lifting(state, command, "P", DAY)
    assert refused.value.code == code


@pytest.mark.parametrize(
    "event",
    [
        ProcessingRestricted(client_id="c1", project_id="P", basis="esf_retention",
                             restricted_on=DAY),
        ProcessingRestrictionLifted(client_id="c1", project_id="P", basis="request_withdrawn",
                                    lifted_on=DAY),
    ],
)  # fmt: skip
def test_the_events_round_trip(event: ProcessingRestricted | ProcessingRestrictionLifted) -> None:
    name, version = type_name_of(event), schema_version_of(event)

    assert decode_event(intake_contracts(), name, version, payload_of(event)) == event
