"""The record of processing (GDPR Art. 30) is what the code says: the committed document is
the generated one, every table of every service is classified, and no published event
carries what the record calls identifying."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import Column, MetaData, String, Table
from typer.testing import CliRunner

from duuni.cli import app
from duuni.privacy_record import (
    DEFAULT_RECORD,
    RECORD,
    Holding,
    actual_tables,
    gaps,
    identifying_columns,
    partner_events,
    render,
)
from duuni.services import SERVICES
from shared.events.privacy import FORBIDDEN_FIELDS
from shared.partners import DEFAULT_CONTRACT


def test_the_committed_record_is_what_the_command_writes() -> None:
    committed = DEFAULT_RECORD.read_text(encoding="utf-8")

    assert committed == render(), "run `duuni privacy record` and review the change"


def test_the_command_writes_the_record_where_it_is_told(tmp_path: Path) -> None:
    output = tmp_path / "record.md"

    result = CliRunner().invoke(app, ["privacy", "record", "--output", str(output)])

    assert result.exit_code == 0, result.output
    assert output.read_text(encoding="utf-8") == render()


@pytest.mark.parametrize("service", list(SERVICES))
def test_every_table_is_classified_and_every_classified_table_exists(service: str) -> None:
    assert gaps(service) == []


def test_a_new_table_fails_until_someone_classifies_it() -> None:
    new = Table("matching_shoe_sizes", MetaData(), Column("client_id", String(36)))
    tables = {**actual_tables("matching"), new.name: new}

    assert gaps("matching", tables) == ["matching: table matching_shoe_sizes is not classified"]


def test_a_classified_table_that_is_gone_and_a_missing_column_are_named() -> None:
    tables = actual_tables("matching")
    del tables["matching_contact_notes"]
    persons = tables.pop("matching_contact_persons")
    tables["matching_contact_persons"] = Table(
        persons.name,
        MetaData(),
        *(Column(c.name, c.type) for c in persons.columns if c.name != "email"),
    )

    assert sorted(gaps("matching", tables)) == [
        "matching: matching_contact_persons has no column email",
        "matching: the classified table matching_contact_notes does not exist",
    ]


def test_the_personal_data_the_issue_names_is_declared() -> None:
    holdings = {
        e.table: e for entries in RECORD.values() for e in entries if isinstance(e, Holding)
    }

    assert {"sealed", "identity_code_hash"} <= set(holdings["persons"].identifiers)
    assert holdings["coaching_private_texts"].free_text == ("text",)
    assert {"full_name", "phone", "email"} <= set(holdings["matching_contact_persons"].identifiers)
    assert holdings["matching_contact_notes"].free_text == ("note",)
    assert "Art. 9" in holdings["rp_participants"].basis


def _field_names(schema: object) -> set[str]:
    """Every property name anywhere in a JSON schema (nested objects and $defs too)."""
    if isinstance(schema, dict):
        names = (
            set(schema.get("properties", {}))
            if isinstance(schema.get("properties"), dict)
            else set()
        )
        return names.union(*(_field_names(value) for value in schema.values()))
    if isinstance(schema, list):
        return set().union(*(_field_names(value) for value in schema))
    return set()


def test_no_event_partners_may_receive_carries_identifying_data() -> None:
    """Top-level fields as the privacy guard checks them; nested ones (a project's plan has
    a ``name``) against the columns the record marks as identifying."""
    events = json.loads(DEFAULT_CONTRACT.read_text(encoding="utf-8"))["events"]
    identifying = identifying_columns()

    carrying = {
        name: sorted(
            set(entry["payload"].get("properties", {})) & (identifying | FORBIDDEN_FIELDS)
            | _field_names(entry["payload"]) & identifying
        )
        for name, entry in events.items()
    }

    assert {name: fields for name, fields in carrying.items() if fields} == {}
    assert {"email", "full_name", "sealed", "username", "made_by_name"} <= identifying


def test_the_record_lists_exactly_the_contract_s_events_as_partner_feeds() -> None:
    events = json.loads(DEFAULT_CONTRACT.read_text(encoding="utf-8"))["events"]

    listed = [event for feed in partner_events().values() for event in feed]

    assert sorted(listed) == sorted(f"{name} v{entry['version']}" for name, entry in events.items())
    assert partner_events()["reporting"] == []
    assert all(f"`{event}`" in render() for event in listed)
