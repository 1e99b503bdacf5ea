"""The job profile: built from coach input, and structurally blind to protected grounds."""

from __future__ import annotations

import dataclasses
import inspect
import types
import typing
from collections.abc import Iterable

import pytest

from services.matching.domain import scoring
from services.matching.domain.errors import DomainError
from services.matching.domain.events import JobProfileUpdated
from services.matching.domain.profile import JobProfile, decide_profile
from services.matching.domain.upstream import ClientEnrolled
from tests.unit.matching.builders import update_profile

PROTECTED = frozenset(
    {
        "gender",
        "sex",
        "age",
        "birth",
        "born",
        "origin",
        "nationality",
        "ethnicity",
        "ethnic",
        "country",
        "disability",
        "disabled",
        "health",
        "religion",
        "minority",
        "foreign",
    }
)


def _protected(names: typing.Iterable[str]) -> list[str]:
    return [n for n in names if set(n.lower().split("_")) & PROTECTED or n == "start_data"]


@pytest.mark.parametrize(
    "cls", [JobProfile, JobProfileUpdated, scoring.Candidate, scoring.LeadNeeds, ClientEnrolled]
)
def test_no_type_the_scorer_can_see_has_a_protected_field(cls: type) -> None:
    assert _protected(f.name for f in dataclasses.fields(cls)) == []


def test_the_protected_field_check_would_catch_one() -> None:
    assert _protected(["age_at_entry", "gender", "languages", "health_status"]) == [
        "age_at_entry",
        "gender",
        "health_status",
    ]


def _types_in(hint: object) -> set[object]:
    args = typing.get_args(hint)
    if not args:
        return {hint}
    return {typing.get_origin(hint)} | {t for arg in args for t in _types_in(arg)}


def test_the_scorer_reads_only_lead_needs_and_compiled_profiles() -> None:
    allowed = {scoring.LeadNeeds, scoring.Candidate, int, type(None), Iterable, types.UnionType}
    for function in (scoring.score, scoring.explain, scoring.rank_clients, scoring.rank_leads):
        hints = typing.get_type_hints(function)
        hints.pop("return")
        seen = {t for hint in hints.values() for t in _types_in(hint)}
        assert seen <= allowed, inspect.signature(function)
    assert {f.name for f in dataclasses.fields(scoring.Candidate)} == {
        "client_id",
        "occupations",
        "minor_groups",
        "sub_major_groups",
        "skills",
        "languages",
        "municipalities",
        "working_time",
    }


def test_the_tolerant_intake_reader_drops_the_start_data() -> None:
    fields = {f.name for f in dataclasses.fields(ClientEnrolled)}
    assert "start_data" not in fields
    assert fields >= {"client_id", "project_id", "consent_version"}


def test_a_profile_keeps_sorted_distinct_tags() -> None:
    event = decide_profile(
        update_profile(skills=("Welding", "welding ", "Forklift"), languages=("FI", "sv")),
        client_known=True,
    )
    assert event.skills == ("forklift", "welding")
    assert event.languages == ("fi", "sv")
    assert JobProfile.of(event).municipalities == frozenset({"tampere", "nokia"})


def test_a_profile_of_a_client_intake_never_enrolled_is_refused() -> None:
    with pytest.raises(DomainError, match="client_not_found"):
        decide_profile(update_profile(), client_known=False)


def test_a_profile_names_valid_occupation_codes() -> None:
    with pytest.raises(DomainError, match="invalid_occupation_code"):
        decide_profile(update_profile(target_occupations=("cook",)), client_known=True)
