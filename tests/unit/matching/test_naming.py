"""Clients on matching's pages go by their names; a short reference tells namesakes apart."""

from __future__ import annotations

from collections.abc import Sequence
from types import SimpleNamespace
from typing import Any

from services.matching.entrypoints.pages.rendering import Naming, client_ref

NAMES = {
    "0190c0de-0000-7000-8000-00000000aaa1": "Matti Virtanen",
    "0190c0de-0000-7000-8000-00000000bbb2": "Matti Virtanen",
    "0190c0de-0000-7000-8000-00000000ccc3": "Aino Korhonen",
}


def _state(asked: list[Sequence[str]], names: dict[str, str] | None = NAMES) -> Any:
    def client_names(project_id: str, ids: Sequence[str]) -> dict[str, str]:
        asked.append(ids)
        return {i: names[i] for i in ids if names and i in names}

    read = SimpleNamespace(
        clients=lambda project_id: [SimpleNamespace(client_id=i) for i in [*NAMES, "x-ddd4"]]
    )
    return SimpleNamespace(read=read, client_names=client_names if names else None)


def test_a_name_shows_alone_and_namesakes_get_their_reference() -> None:
    asked: list[Sequence[str]] = []
    naming = Naming(_state(asked), "S1")
    first, second, other = NAMES

    assert naming(other) == "Aino Korhonen"
    assert naming(first) == f"Matti Virtanen ({client_ref(first)})"
    assert naming(second) == f"Matti Virtanen ({client_ref(second)})"
    assert naming("x-ddd4") == "X-DDD4"  # no name offered: the reference
    assert len(asked) == 1  # intake is asked once per page


def test_without_intake_every_client_is_its_reference() -> None:
    naming = Naming(_state([], names=None), "S1")
    assert naming("0190c0de-0000-7000-8000-00000000ccc3") == "000CCC3"[-6:]
