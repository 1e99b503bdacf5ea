"""Intake's refusals are the shared ``Refusal``, each at the field the pages show it by."""

from __future__ import annotations

from services.intake.domain.errors import DomainError
from services.intake.domain.identity import birth_date_of
from shared.refusal import Refusal


def test_a_domain_error_is_a_refusal_at_the_field_of_its_code() -> None:
    refused = DomainError("coach_not_in_project", "u-9")

    assert isinstance(refused, Refusal)
    assert (refused.code, refused.field, refused.detail) == (
        "coach_not_in_project",
        "coach_id",
        "u-9",
    )
    assert refused.errors == {"coach_id": "coach_not_in_project"}


def test_an_invalid_identity_code_is_refused_at_the_identity_code() -> None:
    try:
        birth_date_of("131052-308A")
    except Refusal as refused:
        assert refused.field == "identity_code"
    else:
        raise AssertionError("the check character should not match")


def test_a_code_of_no_field_concerns_the_whole_form() -> None:
    assert DomainError("client_not_found").errors == {"form": "client_not_found"}
