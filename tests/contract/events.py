"""Event classes and builders used only by the contract suite."""

from __future__ import annotations

import dataclasses

from sqlalchemy import Column, Integer, MetaData, String, Table

from shared.events import Context, EventContracts, NewEvent, event_type
from shared.events.contract import Payload


@event_type("test.item_added", version=2)
@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class ItemAdded:
    item: str
    quantity: int


@event_type("test.basket_closed")
@dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
class BasketClosed:
    reason: str


contracts = EventContracts().register(ItemAdded, BasketClosed)


@contracts.upcaster("test.item_added", 1)
def _quantity_defaults_to_one(payload: Payload) -> Payload:
    return {**payload, "quantity": 1}


CONTEXT = Context(project_id="S21048", actor="coach-1")


def added(item: str = "cv", quantity: int = 1) -> NewEvent:
    return NewEvent.of(ItemAdded(item=item, quantity=quantity), CONTEXT)


effects_metadata = MetaData()
effects = Table(
    "effects",
    effects_metadata,
    Column("position", Integer, primary_key=True, autoincrement=False),
    Column("event_id", String(36), nullable=False),
)
