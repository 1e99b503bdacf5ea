"""Event classes and builders used only by the contract suite."""

from __future__ import annotations

from sqlalchemy import Column, Integer, MetaData, String, Table

from shared.events import Context, EventContracts, NewEvent
from shared.events.contract import Payload, event


@event("test.item_added", version=2)
class ItemAdded:
    item: str
    quantity: int


@event("test.basket_closed")
class BasketClosed:
    reason_code: str


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
