"""The committed public contract is what the event classes say, and it names no person."""

from __future__ import annotations

import json
import re

from duuni.contract import contract_document, render
from shared.partners import DEFAULT_CONTRACT


def test_the_committed_contract_matches_the_event_classes() -> None:
    committed = DEFAULT_CONTRACT.read_text(encoding="utf-8")

    assert committed == render(), "run `duuni contract export` and review the change"


def test_every_published_event_has_a_version_a_schema_and_its_service_topic() -> None:
    events = contract_document()["events"]

    assert {"intake.client_enrolled", "coaching.session_held", "matching.placement_started"} <= set(
        events
    )
    for name, entry in events.items():
        assert name.startswith(f"{entry['service']}.")
        assert entry["version"] >= 1
        assert entry["payload"]["type"] == "object"


def test_no_published_field_names_a_person() -> None:
    text = json.dumps(contract_document()["events"])
    fields = set(re.findall(r'"([a-z_]+)": \{', text))

    forbidden = {"first_name", "last_name", "name_of_client", "identity_code", "email", "phone"}
    assert not fields & forbidden
